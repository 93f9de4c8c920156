"""`synopsis index | similar | ask`: finding by meaning (#24)."""

from __future__ import annotations

import json
import os
import sys

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from app import meaning
from app.ask import NOT_FOUND, ask, model_answerer
from app.cli.base import cli, emit_json
from app.cli.batch import open_store
from app.cli.options import settings_from
from app.store import Store
from app.store.hybrid import similar as similar_docs
from ingestion.errors import AppError


def _need_embedder() -> None:
    reason = meaning.unavailable_reason()
    if reason:
        raise AppError(f"Finding by meaning needs the embedding model: {reason}")


@cli.command()
@click.option("--db", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One event per line.")
@click.option(
    "--background",
    is_flag=True,
    hidden=True,
    help="Low priority, until nothing is left (what a summarize run starts for what it left); "
    "silent unless --json.",
)
def index(db: str | None, as_json: bool, background: bool) -> None:
    """Embed the passages of every document not yet indexed (resumable, idempotent)."""
    _need_embedder()
    settings = settings_from({"db": db})
    if background and hasattr(os, "nice"):
        os.nice(10)  # the person's own work comes first
    with meaning.index_lock(settings.db) as mine, open_store(settings) as store:
        if not mine:
            busy = (
                "Another `synopsis index` is embedding this library (one a summarize run "
                "started in the background); it goes on by itself."
            )
            if as_json:
                emit_json({"kind": "busy", "message": busy})
            click.echo(busy, err=True)
            return
        if background:  # until nothing is left: a later run may have left more meanwhile
            while store.unindexed(meaning.MODEL):
                for step in meaning.Indexer().backfill(store):
                    if as_json:  # the desktop app shows these as its progress (#24)
                        emit_json({"kind": "indexed", **step.__dict__})
            return
        _index_with_progress(store, as_json)


def _index_with_progress(store: Store, as_json: bool) -> None:
    todo = len(store.unindexed(meaning.MODEL))
    if not todo:
        click.echo("Every document is already indexed.", err=True)
        return
    click.echo(f"Indexing {todo} document(s) by meaning…", err=True)
    passages = 0
    steps = meaning.Indexer().backfill(store)
    if as_json:
        for step in steps:
            passages += step.passages
            sys.stdout.write(json.dumps({"kind": "indexed", **step.__dict__}) + "\n")
            sys.stdout.flush()
    else:
        columns = (TextColumn("indexed"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, TimeRemainingColumn(), console=Console(stderr=True)) as bar:
            task = bar.add_task("index", total=todo)
            for step in steps:
                passages += step.passages
                bar.update(task, completed=step.done)
    click.echo(f"{todo} document(s) indexed, {passages} passage(s).", err=True)


@cli.command()
@click.argument("doc_id", type=int)
@click.option("--db", type=click.Path(dir_okay=False))
@click.option("--limit", type=int, default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def similar(doc_id: int, db: str | None, limit: int, as_json: bool) -> None:
    """Documents closest in meaning to document DOC_ID."""
    with open_store(settings_from({"db": db})) as store:
        if store.detail(doc_id) is None:
            raise AppError(f"No document {doc_id} in the library; see `synopsis list`.")
        if store.unindexed(meaning.MODEL).count(doc_id):
            raise AppError(
                f"Document {doc_id} has no embedded passages yet; run `synopsis index` first."
            )
        hits = similar_docs(store, doc_id, limit)
    if as_json:
        emit_json([{**h.to_json(), "score": round(h.score, 4)} for h in hits])
        return
    if not hits:
        click.echo("No other document has embedded passages.")
    for h in hits:
        click.echo(f"[{h.document_id}] {h.title}  ({h.score:.2f})")
        click.echo(f"    {h.path}")


@cli.command("ask")
@click.argument("question")
@click.option("--db", type=click.Path(dir_okay=False))
@click.option(
    "--extractive-only", is_flag=True, help="Do not generate an answer with the seq2seq model."
)
@click.option("--json", "as_json", is_flag=True)
def ask_cmd(question: str, db: str | None, extractive_only: bool, as_json: bool) -> None:
    """Answer QUESTION from the library's own pages, with the passages and page links."""
    settings = settings_from({"db": db})
    generate = None if extractive_only else model_answerer(settings)
    with open_store(settings) as store:
        answer = ask(store, question, generate)
    if as_json:
        emit_json(answer.to_json())
        return
    if answer.note:
        click.echo(answer.note, err=True)
    if not answer.found:
        click.echo(NOT_FOUND)
        return
    if answer.claims:
        click.echo("Answer (generated from the passages below):")
        for text, src in answer.claims:
            click.echo(f"  {text} {src.cite}")
    click.echo("From the passages:" if answer.claims else "Answer:")
    for text, src in answer.sentences:
        click.echo(f"  {text} {src.cite}")
    click.echo("\nPassages:")
    for src in answer.passages:
        where = f"§ {src.section}, p. {src.page}" if src.section else f"p. {src.page}"
        click.echo(f"  {src.title} ({where}, {src.score:.2f}) {src.path}#page={src.page}")
