"""Which process owns a run, so a run left ``running`` by a killed process is closed (#21).

Each run row records the process that started it (pid and host). When a library is opened
for writing, a ``running`` row whose process on this machine is gone becomes ``interrupted``:
the batch was killed (kill -9, power loss) before it could close its record. Rows from
before this column (no pid) are closed the same way.

A run's ``status``: running, done, cancelled (Cancel, Ctrl+C, SIGTERM: its counts are real),
stopped (the library could not be written: a full disk), crashed (an unexpected error),
interrupted (its process died without closing it).
"""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
from datetime import UTC, datetime

from app.store.faults import LibraryError

log = logging.getLogger(__name__)


def this_process() -> tuple[int, str]:
    return os.getpid(), socket.gethostname()


def _alive(pid: int, started_at: str) -> bool:
    import psutil

    try:
        created = psutil.Process(pid).create_time()
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return bool(psutil.pid_exists(pid))
    try:
        started = datetime.fromisoformat(started_at).timestamp()
    except ValueError:
        return True
    return bool(created <= started + 1)  # a reused pid belongs to a process started later


def close_dead_runs(conn: sqlite3.Connection) -> list[int]:
    """Mark ``interrupted`` the running runs whose process is gone; return their ids."""
    _pid, host = this_process()
    rows = conn.execute(
        "SELECT id, pid, host, started_at FROM runs WHERE status = 'running'"
    ).fetchall()
    dead = [
        run_id
        for run_id, pid, run_host, started in rows
        if pid is None or (run_host == host and not _alive(int(pid), str(started)))
    ]
    if not dead:
        return []
    marks = ",".join("?" * len(dead))
    try:
        conn.execute(
            f"UPDATE runs SET status = 'interrupted', finished_at = ? "
            f"WHERE status = 'running' AND id IN ({marks})",
            (datetime.now(UTC).isoformat(timespec="seconds"), *dead),
        )
    except LibraryError as exc:  # a full disk must not stop the library from opening
        log.warning("could not mark interrupted runs: %s", exc)
        return []
    return dead
