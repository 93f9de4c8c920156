"""`synopsis search | list | show | export | failures | retry | watch`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from app import meaning
from app.cli.base import (
    CLEAN_TEXT,
    cli,
    emit_json,
    fail,
    terminate_as_interrupt,
)
from app.cli.batch import open_store, run_batch
from app.cli.options import engine_options, known_tag, ocr_options, settings_from, tag_option
from app.cli.progress import BatchView
from app.export import FORMATS, export
from app.meaning import MODES
from app.render import as_text, reading
from app.text import columns
from ingestion.errors import AppError


@cli.command()
@click.argument("query", type=CLEAN_TEXT)
@click.option("--db", type=click.Path(dir_okay=False))
@click.option("--limit", type=int, default=10, show_default=True, help="Most documents shown.")
@click.option(
    "--mode",
    type=click.Choice(MODES),
    help="By words (bm25), meaning (passage embeddings) or both fused; default hybrid once "
    "the library has embedded passages, else keyword.",
)
@click.option("--tag", help="Only documents with this tag.")
@click.option("--json", "as_json", is_flag=True)
def search(
    query: str, db: str | None, limit: int, mode: str | None, tag: str | None, as_json: bool
) -> None:
    """Search titles, authors, summaries and page text by words, by meaning, or both.

    Type words as you would anywhere (COVID-19, e-mail, U.S., don't): words joined by
    punctuation are searched together. "Quoted phrases", OR, NOT and NEAR in capitals between
    words, and a trailing * (prefix*) are search syntax.
    """
    try:
        with open_store(settings_from({"db": db})) as store:
            known_tag(store, tag)
            found = meaning.search(store, query, mode, limit=limit, tag=tag)
    except AppError as exc:
        fail(exc, as_json)
    if found.note:
        click.echo(found.note, err=True)
    hits = found.hits
    if as_json:
        emit_json([h.to_json() for h in hits])
        return
    if not hits:
        click.echo(f"No matches for {query!r}.")
        return
    for h in hits:
        snippet = "".join(click.style(p, bold=True) if m else p for p, m in h.parts)
        why = f" · {' + '.join(h.why)}" if found.mode != "keyword" else ""
        click.echo(f"[{h.document_id}] {h.title}  ({h.where}){why}")
        click.echo(f"    {snippet}")  # bold on a terminal; click drops styles elsewhere
        click.echo(f"    {h.path}")


@cli.command("list")
@click.option("--db", type=click.Path(dir_okay=False))
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--tag", help="Only documents with this tag.")
@click.option("--json", "as_json", is_flag=True)
def list_cmd(db: str | None, limit: int, tag: str | None, as_json: bool) -> None:
    """List documents in the library, newest first."""
    with open_store(settings_from({"db": db})) as store:
        known_tag(store, tag)
        rows = store.recent(limit=limit, tag=tag)
        total = store.count_documents(tag)
    if as_json:
        emit_json([r.__dict__ for r in rows])
        return
    if not rows:
        click.echo("The library is empty. Add PDFs with `synopsis summarize FOLDER`.")
        return
    for r in rows:
        tags = f"  #{' #'.join(r.tags)}" if r.tags else ""
        click.echo(
            f"[{r.id:>4}] {columns(r.title, 60)} {r.page_count:>4} p  {r.method or '-':11} "
            f"{r.summarized_at[:16]}{tags}"
        )
    if total > len(rows):
        click.echo(f"... {total - len(rows)} more (use --limit)")


@cli.command()
@click.argument("doc_id", type=int)
@click.option("--db", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
def show(doc_id: int, db: str | None, as_json: bool) -> None:
    """Show one document: metadata, paths and summaries with their source pages."""
    with open_store(settings_from({"db": db})) as store:
        detail = store.detail(doc_id)
    if detail is None:
        raise AppError(f"No document {doc_id} in the library; see `synopsis list`.")
    if as_json:
        emit_json({**detail.__dict__, "summaries": [s.__dict__ for s in detail.summaries]})
        return
    head = reading(detail)
    click.echo(head.title)
    click.echo(f"  {head.facts} · language {detail.language} · sha256 {detail.sha256[:12]}")
    if detail.ocr_pages:
        click.echo("  (OCR may misread words)")
    if head.authors:
        click.echo(f"  by {head.authors}")
    if head.tags:
        click.echo(f"  tags: {head.tags}")
    if detail.corrected:
        click.echo(f"  set by hand: {', '.join(detail.corrected)}")
    for k, v in detail.metadata.items():
        click.echo(f"  {k}: {v}")
    for p in detail.paths:
        click.echo(f"  file: {p}" + ("" if Path(p).is_file() else "  (missing)"))
    for i, summary in enumerate(detail.summaries or [None]):
        click.echo("\n" + as_text(reading(detail, summary), abstract=i == 0))


@cli.command("export")
@click.option("--db", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--tag", help="Only documents with this tag.")
def export_cmd(db: str | None, fmt: str, out: Path, tag: str | None) -> None:
    """Export the library (latest summary of every document) as Markdown, JSON or CSV."""
    with open_store(settings_from({"db": db})) as store:
        known_tag(store, tag)
        try:
            path = export(store, fmt, out, tag=tag)
        except OSError as exc:  # a full or read-only disk where the export goes
            from ingestion.errors import AppError

            raise AppError(
                f"The export could not be written to {out.resolve()} ({exc.strerror or exc}); "
                "choose another folder with --out."
            ) from exc
    click.echo(f"Wrote {path.resolve()}")


@cli.command()
@click.option("--db", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True)
def failures(db: str | None, as_json: bool) -> None:
    """List files that failed, with the reason."""
    with open_store(settings_from({"db": db})) as store:
        rows = store.failures()
    if as_json:
        emit_json([r.__dict__ for r in rows])
        return
    if not rows:
        click.echo("No failures.")
    for r in rows:
        click.echo(f"{r.kind:10} {r.path}\n           {r.message}")


@cli.command()
@engine_options
@ocr_options
@click.option("--workers", type=int)
@click.option(
    "--password",
    type=CLEAN_TEXT,
    help="Retry only the encrypted failures, with this password.",
)
@click.option("--json", "as_json", is_flag=True)
def retry(password: str | None, as_json: bool, **params: Any) -> None:
    """Run the failed files again (with --password: only the encrypted ones)."""
    settings = settings_from(params)
    with open_store(settings) as store:
        rows = store.failures()
    if password is not None:
        rows = [r for r in rows if r.kind == "encrypted"]
    paths = sorted({r.path for r in rows})
    gone = [p for p in paths if not Path(p).exists()]
    if gone:
        click.echo(
            f"Left out {len(gone)} file(s) that no longer exist: {', '.join(gone)}", err=True
        )
        paths = [p for p in paths if p not in gone]
    if not paths:
        click.echo("No encrypted failures to retry." if password else "No failures to retry.")
        return
    sys.exit(run_batch(paths, settings, password, as_json, strict=True))


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@engine_options
@ocr_options
@click.option(
    "--debounce",
    type=float,
    default=2.0,
    show_default=True,
    help="Seconds a file must stay unchanged before it is read.",
)
@tag_option
@click.option("--json", "as_json", is_flag=True)
def watch(
    folder: Path, debounce: float, tags: tuple[str, ...], as_json: bool, **params: Any
) -> None:
    """Summarize new and changed PDFs in FOLDER as they appear (Ctrl+C stops)."""
    from app.watch import watch_folder

    settings = settings_from(params).with_(tags=tags or None)
    view = BatchView(as_json)
    click.echo(f"Watching {folder} (Ctrl+C to stop)", err=True)
    try:
        with terminate_as_interrupt(), open_store(settings, create=True) as store:
            events = watch_folder(folder, settings, store, debounce=debounce)
            try:
                for event in events:
                    view.show(event)
            finally:
                events.close()  # the run's record closes while the library is open
    except KeyboardInterrupt:
        pass
    finally:
        view.close()
