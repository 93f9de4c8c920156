"""Opening a library file: whether it can be written, whether it is SQLite at all, the
connection's settings, and SQLite's quick check bounded in time (#21)."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from app.store.faults import Connection, LibraryDamaged

BUSY_TIMEOUT_S = 60.0
QUICK_CHECK_S = 0.2  # bound on the corruption check run when a library is opened


def writable(path: Path) -> bool:
    """Whether the library can be written: the file and its folder (for the WAL files)."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def connect(target: str | bytes, path: Path, uri: bool = False) -> Connection:
    conn = sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
        factory=Connection,
        uri=uri,
    )
    assert isinstance(conn, Connection)
    conn.library_path = path
    # Text another program stored as invalid UTF-8 (or a damaged page) reads with U+FFFD.
    conn.text_factory = lambda b: b.decode("utf-8", "replace")
    return conn


def quick_check(conn: sqlite3.Connection, path: Path, seconds: float = QUICK_CHECK_S) -> bool:
    """SQLite's quick check, interrupted after ``seconds`` (a large library is then not fully
    checked on open; `synopsis library check` checks it all). Raises `LibraryDamaged`;
    returns whether the check finished."""
    # The check is one VDBE step, so a progress handler cannot stop it; an interrupt can.
    timer = threading.Timer(seconds, conn.interrupt)
    timer.start()
    try:
        rows = conn.execute("PRAGMA quick_check(5)").fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc).lower():
            return False
        raise
    finally:
        timer.cancel()
    if [r[0] for r in rows] != ["ok"]:
        raise LibraryDamaged(path, "; ".join(str(r[0]) for r in rows[:3]))
    return True
