"""Backups of the library with SQLite's online backup API (#21).

A copy is taken before every migration and, when the library is opened, at most once a day;
the newest `KEEP` stay in ``LIBRARY.backups/`` beside the library file. Restoring moves the
current file aside (never deletes it) and puts a checked copy of the backup in its place.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.store.faults import LibraryError

log = logging.getLogger(__name__)

KEEP = 3
DAILY = timedelta(days=1)
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str  # "daily", "before-008_x", "manual", "before-restore"
    size: int

    def describe(self) -> str:
        when = self.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        return f"{when}  {self.reason:28} {self.size / 1e6:8.2f} MB  {self.path}"


def backup_dir(db: Path) -> Path:
    return db.with_name(db.name + ".backups")


def list_backups(db: Path) -> list[Backup]:
    """The backups of ``db``, newest first."""
    folder = backup_dir(db)
    found = []
    for path in folder.glob("*.sqlite") if folder.is_dir() else ():
        stamp, _, reason = path.stem.partition("-")
        try:
            taken = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(path, taken, reason or "manual", path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def due(db: Path, now: datetime | None = None) -> bool:
    """True when the newest backup is a day old or there is none."""
    backups = list_backups(db)
    return not backups or (now or datetime.now(UTC)) - backups[0].taken_at >= DAILY


def take_backup(conn: sqlite3.Connection, db: Path, reason: str) -> Path:
    """Copy the open library into a new backup file; keep the newest `KEEP`. Raises OSError or
    sqlite3.Error (a full disk) with the partial file removed."""
    folder = backup_dir(db)
    folder.mkdir(exist_ok=True)
    target = folder / f"{datetime.now(UTC).strftime(_STAMP)}-{reason}.sqlite"
    partial = target.with_suffix(".partial")
    try:
        dest = sqlite3.connect(os.fsencode(partial))
        try:
            conn.backup(dest)
        finally:
            dest.close()
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    for old in list_backups(db)[KEEP:]:
        old.path.unlink(missing_ok=True)
    return target


def try_backup(conn: sqlite3.Connection, db: Path, reason: str) -> Path | None:
    """`take_backup`, logging instead of failing: a backup must never stop the library."""
    try:
        return take_backup(conn, db, reason)
    except (OSError, sqlite3.Error, LibraryError) as exc:
        log.warning("could not back up the library %s (%s)", db, exc)
        return None


def open_read_only(
    path: Path, factory: type[sqlite3.Connection] = sqlite3.Connection
) -> sqlite3.Connection:
    """A read-only connection that works on read-only media too: shared when SQLite can use
    the WAL index, otherwise immutable (nobody can write the file there). Text that is not
    valid UTF-8 (damage, another program) reads with U+FFFD."""
    uri = path.resolve().as_uri()
    for query in ("?mode=ro", "?immutable=1"):
        conn = sqlite3.connect(uri + query, uri=True, factory=factory)
        conn.text_factory = lambda b: b.decode("utf-8", "replace")
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
        except sqlite3.DatabaseError:  # damaged: the caller reads what it can
            return conn
    conn = sqlite3.connect(uri + "?immutable=1", uri=True, factory=factory)
    conn.text_factory = lambda b: b.decode("utf-8", "replace")
    return conn


def check_file(path: Path) -> str:
    """SQLite's full integrity check of a library file: "ok" or what is wrong."""
    try:
        conn = open_read_only(path)
        try:
            rows = conn.execute("PRAGMA integrity_check(20)").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
    return "; ".join(str(r[0]) for r in rows)


def move_aside(db: Path, label: str) -> Path:
    """Rename ``db`` (with its -wal/-shm) to ``NAME.LABEL-STAMP``; return the new name."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = db.with_name(f"{db.name}.{label}-{stamp}")
    for suffix in ("-wal", "-shm"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            side.replace(aside.with_name(aside.name + suffix))
    db.replace(aside)
    return aside


def restore(db: Path, backup: Path) -> Path | None:
    """Put a copy of ``backup`` in place of ``db``; return where the old library went (None if
    there was none). The backup must pass SQLite's integrity check first."""
    problem = check_file(backup)
    if problem != "ok":
        raise LibraryError(
            f"The backup {backup} is damaged too ({problem}); choose another one "
            "(`synopsis library backups`)."
        )
    incoming = db.with_name(db.name + ".restoring")
    shutil.copyfile(backup, incoming)
    aside = move_aside(db, "before-restore") if db.exists() else None
    incoming.replace(db)
    return aside
