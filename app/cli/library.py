"""`synopsis search | list | show | export | failures | retry | watch`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from app import meaning
from app.cli.base import cli, emit_json
from app.cli.batch import open_store, run_batch
from app.cli.options import engine_options, ocr_options, settings_from
from app.cli.progress import BatchView
from app.export import FORMATS, export
from app.meaning import MODES
from app.render import as_text, reading


@cli.command()
@click.argument("query")
@click.option("--db", type=click.Path(dir_okay=False))
@click.option("--limit", type=int, default=10, show_default=True, help="Most documents shown.")
@click.option(
    "--mode",
    type=click.Choice(MODES),
    help="By words (bm25), meaning (passage embeddings) or both fused; default hybrid once "
    "the library has embedded passages, else keyword.",
)
@click.option("--json", "as_json", is_flag=True)
def search(query: str, db: str | None, limit: int, mode: str | None, as_json: bool) -> None:
    """Search titles, summaries and page text by words, by meaning, or both."""
    settings = settings_from({"db": db})
    with open_store(settings) as store:
        found = meaning.search(store, query, mode, limit=limit)
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
        why = f" · {' + '.join(h.why)}" if found.mode != "keyword" else ""
        click.echo(f"[{h.document_id}] {h.title}  ({h.where}){why}")
        click.echo(f"    {h.snippet}")
        click.echo(f"    {h.path}")


@cli.command("list")
@click.option("--db", type=click.Path(dir_okay=False))
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def list_cmd(db: str | None, limit: int, as_json: bool) -> None:
    """List documents in the library, newest first."""
    with open_store(settings_from({"db": db})) as store:
        rows = store.recent(limit=limit)
        total = store.count_documents()
    if as_json:
        emit_json([r.__dict__ for r in rows])
        return
    if not rows:
        click.echo("The library is empty. Add PDFs with `synopsis summarize FOLDER`.")
        return
    for r in rows:
        click.echo(
            f"[{r.id:>4}] {r.title[:60]:60} {r.page_count:>4} p  {r.engine or '-':11} "
            f"{r.summarized_at[:16]}"
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
        from ingestion.errors import AppError

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
    for k, v in detail.metadata.items():
        click.echo(f"  {k}: {v}")
    for p in detail.paths:
        click.echo(f"  file: {p}")
    for i, summary in enumerate(detail.summaries or [None]):
        click.echo("\n" + as_text(reading(detail, summary), abstract=i == 0))


@cli.command("export")
@click.option("--db", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
def export_cmd(db: str | None, fmt: str, out: Path) -> None:
    """Export the library (latest summary of every document) as Markdown, JSON or CSV."""
    with open_store(settings_from({"db": db})) as store:
        path = export(store, fmt, out)
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
@click.option("--password", help="Retry only the encrypted failures, with this password.")
@click.option("--json", "as_json", is_flag=True)
def retry(password: str | None, as_json: bool, **params: Any) -> None:
    """Run the failed files again (with --password: only the encrypted ones)."""
    settings = settings_from(params)
    with open_store(settings) as store:
        rows = store.failures()
    if password is not None:
        rows = [r for r in rows if r.kind == "encrypted"]
    paths = sorted({r.path for r in rows})
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
@click.option("--json", "as_json", is_flag=True)
def watch(folder: Path, debounce: float, as_json: bool, **params: Any) -> None:
    """Summarize new and changed PDFs in FOLDER as they appear (Ctrl+C stops)."""
    from app.watch import watch_folder

    settings = settings_from(params)
    view = BatchView(as_json)
    click.echo(f"Watching {folder} (Ctrl+C to stop)", err=True)
    try:
        with open_store(settings) as store:
            for event in watch_folder(folder, settings, store, debounce=debounce):
                view.show(event)
    except KeyboardInterrupt:
        pass
    finally:
        view.close()
