"""`synopsis summarize-text`, `eval` and `backends`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from app.cli.base import cli, emit_json
from app.cli.options import engine_options, load_engine, settings_from
from ingestion.document import Sentence
from ingestion.sentences import split_sentences
from summarizer.engines import DocInput
from summarizer.errors import NothingToSummarize
from summarizer.evaluate import PAIRS_FORMAT
from summarizer.loading import describe


@cli.command("summarize-text")
@click.argument("file", default="-", type=click.File("r", encoding="utf-8", errors="replace"))
@engine_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def summarize_text(file: Any, as_json: bool, **params: Any) -> None:
    """Summarize plain text from FILE (or standard input, "-")."""
    settings = settings_from(params)
    text = file.read()
    sents = [Sentence(s, 1) for s in split_sentences(text)]
    if not sents:
        raise NothingToSummarize("The input text")
    engine = load_engine(settings, announce=not as_json)
    summary = engine.summarize_one(DocInput("text", sents, 1), settings.summary_options())
    if as_json:
        emit_json(
            {
                "summary": summary.text,
                "method": summary.method,
                "runtime": summary.runtime,
                "engine": summary.method,  # the keys before #23, kept
                "backend": summary.runtime or summary.method,
                "model": summary.model,
                "fallback_reason": summary.fallback_reason,
            }
        )
    else:
        click.echo(summary.text)


@cli.command("eval", epilog="\b\n" + PAIRS_FORMAT)
@click.argument("pairs", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@engine_options
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help='Write {"id", "summary"} per record here (JSONL).',
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_cmd(pairs: Path, output: Path | None, as_json: bool, **params: Any) -> None:
    """ROUGE of the engine on PAIRS.jsonl, beside Lead-3 and sumy's LexRank/TextRank/LSA."""
    from summarizer.evaluate import check_pairs, evaluate

    check_pairs(pairs)  # every record, before a model is loaded or a record scored
    settings = settings_from(params)
    engine = load_engine(settings, announce=not as_json)

    def tick(rec_id: str) -> None:
        if not as_json:
            click.echo(f"  scored {rec_id}", err=True)

    scores = evaluate(pairs, engine, settings.summary_options(), output=output, on_record=tick)
    if as_json:
        emit_json({"file": pairs.name, "length": settings.length, "scores": scores})
        return
    click.echo(f"{pairs.name} (length {settings.length}, F-measure)")
    click.echo(f"{'system':28} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8}")
    for system, s in scores.items():
        click.echo(f"{system:28} {s['rouge1']:8.4f} {s['rouge2']:8.4f} {s['rougeL']:8.4f}")


@cli.command("backends")
@click.option("--json", "as_json", is_flag=True)
def backends_cmd(as_json: bool) -> None:
    """List every backend with its availability, and the reason when unavailable."""
    rows = describe()
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        state = "available" if row["unavailable"] is None else f"unavailable: {row['unavailable']}"
        click.echo(f"{row['name']:12} {row['kind']:12} {state}")
    sys.stdout.flush()
