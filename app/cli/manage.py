"""Managing the library (#26): `rm`, `edit`, `tag`, `untag`, `tags`, `relink`, and
`library compact`, and the missing-files report of `library check`."""

from __future__ import annotations

from pathlib import Path

import click

from app.cli.base import cli, emit_json
from app.cli.batch import open_store
from app.cli.library_file import library_group
from app.cli.options import settings_from
from app.files import missing_documents, relink
from app.store import Store
from app.text import plural

DB = click.option("--db", type=click.Path(dir_okay=False), help="Library file (SYNOPSIS_DB).")


@cli.command()
@click.argument("doc_ids", nargs=-1, type=int, required=True, metavar="ID...")
@DB
@click.option("--dry-run", is_flag=True, help="Say what would go; remove nothing.")
def rm(doc_ids: tuple[int, ...], db: str | None, dry_run: bool) -> None:
    """Remove documents from the library (the PDF files on disk are not touched)."""
    with open_store(settings_from({"db": db})) as store:
        counts = store.removal_counts(doc_ids) if dry_run else store.remove(doc_ids).counts
    verb = "Would remove" if dry_run else "Removed"
    for title in counts.titles:
        click.echo(f"{verb}: {title}")
    click.echo(f"{verb} {counts.describe()}; the PDF files on disk are not touched.")
    if not dry_run:
        click.echo("`synopsis library compact` gives the space back to the disk.")


@cli.command()
@click.argument("doc_id", type=int)
@DB
@click.option("--title", help="The document's title.")
@click.option("--author", "authors", multiple=True, help="An author (repeat for each).")
@click.option("--date", help='The date: YYYY, YYYY-MM or YYYY-MM-DD ("" for none).')
@click.option(
    "--reset",
    type=click.Choice(["title", "authors", "date"]),
    multiple=True,
    help="Go back to what was read from the PDF for this field (repeatable).",
)
def edit(
    doc_id: int,
    db: str | None,
    title: str | None,
    authors: tuple[str, ...],
    date: str | None,
    reset: tuple[str, ...],
) -> None:
    """Correct a document's title, authors or date by hand; they stay through re-summarizing."""
    changes: dict[str, object] = {name: None for name in reset}
    if title is not None:
        changes["title"] = title
    if authors:
        changes["authors"] = list(authors)
    if date is not None:
        changes["date"] = date
    if not changes:
        raise click.UsageError("Give --title, --author, --date or --reset.")
    with open_store(settings_from({"db": db})) as store:
        corrected = store.correct(doc_id, **changes)
        detail = store.detail(doc_id)
    assert detail is not None
    click.echo(f"[{doc_id}] {detail.title}")
    if detail.authors:
        click.echo(f"  by {', '.join(detail.authors)}")
    if detail.metadata.get("created"):
        click.echo(f"  date: {detail.metadata['created']}")
    click.echo(f"  set by hand: {', '.join(corrected) or 'nothing'}")


@cli.command()
@click.argument("args", nargs=-1, required=True, metavar="ID... NAME")
@DB
def tag(args: tuple[str, ...], db: str | None) -> None:
    """Tag documents: synopsis tag 3 7 thesis."""
    ids, name = _ids_and_name(args)
    with open_store(settings_from({"db": db})) as store:
        added = store.tag(ids, name)
    click.echo(f"Tagged {plural(added, 'document')} {name!r} ({len(ids) - added} had it already).")


@cli.command()
@click.argument("args", nargs=-1, required=True, metavar="ID... NAME")
@DB
def untag(args: tuple[str, ...], db: str | None) -> None:
    """Take a tag off documents: synopsis untag 3 thesis."""
    ids, name = _ids_and_name(args)
    with open_store(settings_from({"db": db})) as store:
        taken = store.untag(ids, name)
    click.echo(f"Took {name!r} off {plural(taken, 'document')}.")


def _ids_and_name(args: tuple[str, ...]) -> tuple[list[int], str]:
    *ids, name = args
    if not ids:
        raise click.UsageError("Give one or more document IDs, then the tag name.")
    try:
        return [int(i) for i in ids], name
    except ValueError:
        raise click.UsageError(
            f"Document IDs are numbers (see `synopsis list`); got {' '.join(ids)!r}. "
            "A tag of several words goes in quotes."
        ) from None


@cli.command()
@DB
@click.option("--json", "as_json", is_flag=True)
def tags(db: str | None, as_json: bool) -> None:
    """List tags with how many documents have each."""
    with open_store(settings_from({"db": db})) as store:
        rows = store.tags()
    if as_json:
        emit_json([{"tag": name, "documents": n} for name, n in rows])
        return
    if not rows:
        click.echo("No tags yet. Add one with `synopsis tag ID... NAME`.")
    for name, n in rows:
        click.echo(f"{name:30} {n:>5}")


@cli.command("relink")
@click.argument("old_dir", type=click.Path(file_okay=False, path_type=Path))
@click.argument("new_dir", type=click.Path(file_okay=False, path_type=Path))
@DB
def relink_cmd(old_dir: Path, new_dir: Path, db: str | None) -> None:
    """Follow a folder moved from OLD_DIR to NEW_DIR (files are matched by content)."""
    with open_store(settings_from({"db": db})) as store:
        report = relink(store, old_dir, new_dir)
    for doc_id, path in report.found:
        click.echo(f"[{doc_id}] found at {path}")
    for doc_id, path in report.changed:
        click.echo(f"[{doc_id}] {path} holds other bytes now: not linked (summarize it to add it).")
    for doc in report.not_found:
        click.echo(f"[{doc.id}] {doc.title}: not in {new_dir}")
    click.echo(
        f"{plural(len(report.found), 'document')} relinked, "
        f"{len(report.changed) + len(report.not_found)} not found."
    )


@library_group.command()
@DB
def compact(db: str | None) -> None:
    """Give the space of removed documents back to the disk (VACUUM)."""
    with open_store(settings_from({"db": db})) as store:
        before, after = store.compact()
    click.echo(
        f"Compacted {store.path}: {_size(before)} -> {_size(after)} "
        f"({_size(before - after)} freed)."
    )


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


def report_missing(store: Store) -> int:
    """Print the documents whose files are all gone (moved or deleted); return how many."""
    missing = missing_documents(store)
    for doc in missing:
        where = doc.paths[0] if doc.paths else "no path on record"
        click.echo(f"  [{doc.id}] {doc.title}: file missing (last seen at {where})")
    if missing:
        click.echo(
            f"{plural(len(missing), 'document')} without a file on disk: `synopsis relink OLD_DIR "
            "NEW_DIR` follows a moved folder; `synopsis rm ID` removes what was deleted."
        )
    else:
        click.echo("Every document's file is on disk.")
    return len(missing)
