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

import json
import logging
import math
import os
import socket
import sqlite3
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from app.store.faults import LibraryError
from app.store.records import FailureRecord

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


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _finite(settings: dict[str, Any]) -> dict[str, Any]:
    """Settings as JSON that SQLite reads: an infinite or NaN number (a budget without a
    bound) is written as text, since JSON has no such numbers."""
    return {
        k: str(v) if isinstance(v, float) and not math.isfinite(v) else v
        for k, v in settings.items()
    }


class RunLog:
    """Store's record of runs and of the files that failed (a mixin of Store)."""

    conn: sqlite3.Connection
    db: sqlite_utils.Database

    def transaction(self) -> AbstractContextManager[None]:  # Store's
        raise NotImplementedError

    def record_failure(
        self,
        path: str,
        kind: str,
        message: str,
        run_id: int | None = None,
        sha256: str | None = None,
    ) -> None:
        path = str(Path(path).resolve())
        with self.transaction():
            # One open failure per path: the newest reason replaces the old one.
            self.conn.execute(
                "UPDATE failures SET resolved = 1 WHERE path = ? AND resolved = 0", (path,)
            )
            self.db.table("failures").insert(
                {
                    "path": path,
                    "sha256": sha256,
                    "kind": kind,
                    "message": message,
                    "run_id": run_id,
                    "time": now(),
                    "resolved": 0,
                }
            )

    def _resolve_failures(self, path: str, sha256: str | None = None) -> None:
        resolved = str(Path(path).resolve()) if path else path
        self.conn.execute(
            "UPDATE failures SET resolved = 1 WHERE resolved = 0 AND (path = ? OR sha256 = ?)",
            (resolved, sha256),
        )

    def failures(self) -> list[FailureRecord]:
        rows = self.conn.execute(
            "SELECT id, path, kind, message, time FROM failures WHERE resolved = 0 ORDER BY id"
        ).fetchall()
        return [FailureRecord(*row) for row in rows]

    def start_run(self, settings: dict[str, Any]) -> int:
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO runs (started_at, settings, pid, host) VALUES (?, ?, ?, ?)",
                (now(), json.dumps(_finite(settings), default=str), *this_process()),
            )
        return int(cur.lastrowid or 0)

    def summarized_by_this_process(self) -> int | None:
        """The documents saved by the newest run this process started, as its record says
        (None when it started none or the library cannot be read)."""
        try:
            row = self.conn.execute(
                "SELECT summarized FROM runs WHERE pid = ? AND host = ? ORDER BY id DESC LIMIT 1",
                this_process(),
            ).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None or row[0] is None else int(row[0])

    def finish_run(
        self, run_id: int, summarized: int, skipped: int, failed: int, status: str = "done"
    ) -> None:
        with self.transaction():
            self.conn.execute(
                """UPDATE runs SET finished_at = ?, summarized = ?, skipped = ?, failed = ?,
                   status = ? WHERE id = ?""",
                (now(), summarized, skipped, failed, status, run_id),
            )

    def seconds_per_document(self, engine: str, model: str) -> float | None:
        """Wall time per summarized document of earlier finished runs with this engine and
        model setting: reading, summarizing and saving, not generation alone (#22)."""
        row = self.conn.execute(
            """SELECT SUM((julianday(finished_at) - julianday(started_at)) * 86400),
                      SUM(summarized)
               FROM runs WHERE status = 'done' AND summarized > 0 AND finished_at IS NOT NULL
               AND json_valid(settings) AND json_extract(settings, '$.engine') = ?
               AND json_extract(settings, '$.model') = ?""",
            (engine, model),
        ).fetchone()
        return float(row[0]) / float(row[1]) if row and row[1] and row[0] is not None else None
