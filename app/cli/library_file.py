"""`synopsis library check | recover | backups | backup | restore`: looking after the library
file itself (#21); `library compact` and the missing-files report join from app.cli.manage."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from app.cli.base import (
    EXIT_FAILED,
    cli,
    emit_json,
    fail,
)
from app.cli.batch import run_batch
from app.cli.options import engine_options, ocr_options, settings_from


@cli.group("library")
def library_group() -> None:
    """Check, back up, restore and recover the library file."""


def _existing_db(db: str | None) -> Path:
    from app.store import LibraryError

    path = settings_from({"db": db}).db
    if not path.exists():
        raise LibraryError(f"There is no library at {path}; check --db or SYNOPSIS_DB.")
    return path


@library_group.command("check")
@click.option("--db", type=click.Path(dir_okay=False), help="Library file (SYNOPSIS_DB).")
@click.option("--json", "as_json", is_flag=True)
def library_check(db: str | None, as_json: bool) -> None:
    """Check the library: SQLite's full integrity check, then documents whose files are gone
    or moved (exit 1 when there are any)."""
    from app.cli.manage import report_missing
    from app.files import missing_documents
    from app.store import LibraryDamaged, Store
    from app.store.backups import check_file

    path = _existing_db(db)
    problem = check_file(path)
    if problem != "ok":
        fail(LibraryDamaged(path, problem), as_json)
    with Store(path, check=False) as store:
        count = store.count_documents()
        missing = missing_documents(store)
        if as_json:
            emit_json(
                {
                    "ok": True,
                    "path": str(path),
                    "documents": count,
                    "missing": [
                        {"id": d.id, "title": d.title, "paths": list(d.paths)} for d in missing
                    ],
                }
            )
        else:
            click.echo(
                f"The library {path} is sound (SQLite integrity check: ok; {count} documents)."
            )
            report_missing(store)
    if missing:  # documents whose files were moved or deleted (#26)
        raise SystemExit(EXIT_FAILED)


@library_group.command("recover")
@engine_options
@ocr_options
@click.option("--json", "as_json", is_flag=True, help="Stream the re-reading as JSON events.")
def library_recover(as_json: bool, **params: Any) -> None:
    """Rebuild a damaged library from everything readable; read lost PDFs again from disk."""
    from app.run import limits_for
    from app.store import LibraryError, Store
    from app.store.backups import move_aside
    from app.store.recover import lost_part, recover_rows
    from ingestion import read_pdf, sha256_file
    from ingestion.errors import PdfError

    settings = settings_from(params)
    db = _existing_db(str(settings.db))
    target = db.with_name(db.name + ".recovering")
    for leftover in (target, *(target.with_name(target.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    report = recover_rows(db, target)
    if report.copied == 0:
        target.unlink(missing_ok=True)
        raise LibraryError(
            f"Nothing in the library {db} can be read any more, not even its list of tables; "
            "restore a backup with `synopsis library restore` (`synopsis library backups` "
            "lists them)."
        )
    aside = move_aside(db, "damaged")
    target.replace(db)
    click.echo(
        f"Rebuilt {db}: {report.describe()}; damage met at {report.damaged_spots} place(s). "
        f"The damaged file is kept as {aside}.",
        err=True,
    )
    summarize_again, read_again = [], []
    with Store(db) as store:
        for path in report.paths:
            try:
                lost = lost_part(store, sha256_file(Path(path))) if Path(path).is_file() else None
            except OSError:
                continue
            if lost == "document":
                summarize_again.append(path)
            elif lost == "pages":
                read_again.append(path)
        for path in read_again:  # summaries kept: only the page text is read again
            try:
                store.save(read_pdf(Path(path), limits=limits_for(settings)), None, path)
            except PdfError as exc:
                click.echo(f"  {exc.user_message}", err=True)
    click.echo(
        f"Read again the pages of {len(read_again)} PDF(s) still on disk; "
        f"{len(summarize_again)} lost document(s) to summarize again.",
        err=True,
    )
    if summarize_again:
        sys.exit(run_batch(summarize_again, settings, None, as_json))


@library_group.command("backups")
@click.option("--db", type=click.Path(dir_okay=False), help="Library file (SYNOPSIS_DB).")
@click.option("--json", "as_json", is_flag=True)
def library_backups(db: str | None, as_json: bool) -> None:
    """List the library's backups, newest first (taken before upgrades and once a day)."""
    from app.store.backups import backup_dir, list_backups

    path = settings_from({"db": db}).db
    found = list_backups(path)
    if as_json:
        emit_json(
            [
                {"path": str(b.path), "taken_at": b.taken_at.isoformat(), "reason": b.reason}
                for b in found
            ]
        )
        return
    if not found:
        click.echo(f"No backups of {path} yet (they are kept in {backup_dir(path)}).")
    for b in found:
        click.echo(b.describe())


@library_group.command("backup")
@click.option("--db", type=click.Path(dir_okay=False), help="Library file (SYNOPSIS_DB).")
def library_backup(db: str | None) -> None:
    """Back up the library now (SQLite's online backup; safe while it is in use)."""
    from app.store import Store
    from app.store.backups import take_backup

    with Store(_existing_db(db)) as store:
        try:
            target = take_backup(store.conn, store.path, "manual")
        except OSError as exc:
            from app.store import LibraryError

            raise LibraryError(f"The backup could not be written ({exc}).") from exc
    click.echo(f"Wrote {target}")


@library_group.command("restore")
@click.argument("backup", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False), help="Library file (SYNOPSIS_DB).")
def library_restore(backup: Path | None, db: str | None) -> None:
    """Put a backup (default: the newest) in place of the library; the old file is kept."""
    from app.store import LibraryError
    from app.store.backups import list_backups, restore

    path = settings_from({"db": db}).db
    if backup is None:
        found = list_backups(path)
        if not found:
            raise LibraryError(f"There are no backups of {path}; see `synopsis library backups`.")
        backup = found[0].path
    aside = restore(path, backup)
    kept = f"; the library it replaced is kept as {aside}" if aside else ""
    click.echo(f"Restored {path} from {backup}{kept}.")
