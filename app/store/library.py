"""The library: one SQLite file, the only place that writes SQL.

Tables (readable in any SQLite browser): ``documents`` (one row per distinct file content,
keyed by sha256, with title, page counts and metadata), ``document_paths`` (every path a
document was seen at: copies and renames are one document), ``pages`` (cleaned text per
page with its quality), ``summaries`` (one per document and summary key: engine, model,
backend, precision, length preset, engine version; with the text, its parts with source pages,
coverage and timings), ``runs`` (each batch run and its counts), ``failures`` (path, kind,
message, time; resolved when the file later succeeds), ``chunk_cache`` (checkpointed chunk
summaries of long documents, so interrupted runs resume) and ``search_index`` (FTS5 over
titles, summaries and page text, diacritics folded).

WAL mode, a busy timeout and BEGIN IMMEDIATE writes let the GUI and batch runs share one file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from app.store import cjk
from app.store import search as search_mod
from app.store.reads import Reads
from app.store.records import FailureRecord, SearchHit
from app.store.schema import migrate, reindex_document
from ingestion.document import Document
from ingestion.errors import AppError
from summarizer.base import Summary, summary_key

BUSY_TIMEOUT_S = 60.0


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class LibraryError(AppError):
    kind = "library"


class Store(Reads):
    """A connection to one library file. Cheap to open; one per thread.

    A connection is confined to the thread that opened it (sqlite3's own check is on): a
    helper thread opens its own `Store`, so no connection is ever used, or closed, by one
    thread while another is inside it (#11).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                conn.close()
                raise LibraryError(
                    f"The library {self.path} cannot be shared safely here (journal mode "
                    f"{mode}, not WAL; network drives do not support it); keep it on a local "
                    "disk, or choose another file with --db or SYNOPSIS_DB."
                )
            conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            raise LibraryError(
                f"The library {self.path} cannot be opened ({exc}); choose another file with "
                "--db or SYNOPSIS_DB."
            ) from exc
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._lock = threading.RLock()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, taken immediately so concurrent writers queue, not fail."""
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    # -- documents and summaries ----------------------------------------------------------------

    def document_id(self, sha256: str) -> int | None:
        row = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return int(row[0]) if row else None

    def has_summary(self, sha256: str, key: str) -> bool:
        row = self.conn.execute(
            """SELECT 1 FROM summaries s JOIN documents d ON d.id = s.document_id
               WHERE d.sha256 = ? AND s.summary_key = ?""",
            (sha256, key),
        ).fetchone()
        return row is not None

    def note_path(self, sha256: str, path: str) -> bool:
        """Record that a known document was also seen at ``path``; False if it is unknown."""
        with self.transaction():
            doc_id = self.document_id(sha256)
            if doc_id is None:
                return False
            self._upsert_path(doc_id, path)
            self._resolve_failures(path)
        return True

    def save(self, doc: Document, summary: Summary | None, path: str | None = None) -> int:
        """Store a document, its pages and its summary in one transaction; return its id."""
        with self.transaction():
            doc_id = self._upsert_document(doc)
            self._upsert_path(doc_id, path or doc.path)
            if summary is not None:
                self._upsert_summary(doc_id, summary)
            self._index(doc_id)
            self._resolve_failures(path or doc.path, doc.sha256)
        return doc_id

    def _upsert_document(self, doc: Document) -> int:
        stamp = now()
        existing = self.document_id(doc.sha256)
        row = {
            "sha256": doc.sha256,
            "title": doc.title,
            "page_count": doc.page_count,
            "pages_with_text": len(doc.usable_pages),
            "language": doc.language,
            "extractor": doc.extractor,
            "metadata": json.dumps(doc.metadata, ensure_ascii=False),
            "warnings": json.dumps(list(doc.warnings), ensure_ascii=False),
            "authors": json.dumps(list(doc.authors), ensure_ascii=False),
            "abstract": doc.abstract,
            "outline": json.dumps([asdict(s) for s in doc.outline], ensure_ascii=False),
            "updated_at": stamp,
        }
        if existing is None:
            row["added_at"] = stamp
            self.db.table("documents").insert(row)
            doc_id = self.document_id(doc.sha256)
            assert doc_id is not None
        else:
            doc_id = existing
            self.db.table("documents").update(doc_id, row)
        self.conn.execute("DELETE FROM pages WHERE document_id = ?", (doc_id,))
        self.db.table("pages").insert_all(
            {
                "document_id": doc_id,
                "number": p.number,
                "text": p.text,
                "chars": p.quality.chars,
                "word_ratio": p.quality.word_ratio,
                "no_text": int(p.quality.no_text),
                "garbled": int(p.quality.garbled),
                "ocr": int(p.ocr),
            }
            for p in doc.pages
        )
        return doc_id

    def _upsert_path(self, doc_id: int, path: str) -> None:
        path = str(Path(path).resolve()) if path else path
        stamp = now()
        self.conn.execute(
            """INSERT INTO document_paths (path, document_id, first_seen, last_seen)
               VALUES (?, ?, ?, ?)
               ON CONFLICT(path) DO UPDATE SET document_id = excluded.document_id,
                   last_seen = excluded.last_seen""",
            (path, doc_id, stamp, stamp),
        )

    def _upsert_summary(self, doc_id: int, s: Summary) -> None:
        key = summary_key(s.engine, s.model, s.backend, s.precision, s.length)
        self.conn.execute(
            "DELETE FROM summaries WHERE document_id = ? AND summary_key = ?", (doc_id, key)
        )
        self.db.table("summaries").insert(
            {
                "document_id": doc_id,
                "summary_key": key,
                "engine": s.engine,
                "model": s.model,
                "backend": s.backend,
                "precision": s.precision,
                "length": s.length,
                "engine_version": s.engine_version,
                "text": s.text,
                "parts": json.dumps(
                    [{"text": p.text, "pages": list(p.pages), "kind": p.kind} for p in s.parts],
                    ensure_ascii=False,
                ),
                "pages": json.dumps(list(s.pages)),
                "outline": json.dumps([asdict(o) for o in s.outline], ensure_ascii=False),
                "coverage": s.coverage,
                "chunks": s.chunks,
                "levels": s.levels,
                "seconds": s.seconds,
                "fallback_reason": s.fallback_reason,
                "created_at": now(),
            }
        )

    def _index(self, doc_id: int) -> None:
        reindex_document(self.conn, doc_id, cjk.index_text)

    # -- failures and runs --------------------------------------------------------------------

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
                "INSERT INTO runs (started_at, settings) VALUES (?, ?)",
                (now(), json.dumps(settings, default=str)),
            )
        return int(cur.lastrowid or 0)

    def finish_run(
        self, run_id: int, summarized: int, skipped: int, failed: int, status: str = "done"
    ) -> None:
        with self.transaction():
            self.conn.execute(
                """UPDATE runs SET finished_at = ?, summarized = ?, skipped = ?, failed = ?,
                   status = ? WHERE id = ?""",
                (now(), summarized, skipped, failed, status, run_id),
            )

    def seconds_per_chunk(self, key: str) -> float | None:
        """Measured generation speed for this summary key, from earlier summaries."""
        row = self.conn.execute(
            "SELECT SUM(seconds), SUM(chunks) FROM summaries WHERE summary_key = ? AND chunks > 0",
            (key,),
        ).fetchone()
        return float(row[0]) / float(row[1]) if row and row[1] else None

    # -- chunk checkpoint (summarizer.engines.ChunkCache) -------------------------------------

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in range(0, len(keys), 500):
            part = list(keys[i : i + 500])
            marks = ",".join("?" * len(part))
            out.update(
                self.conn.execute(
                    f"SELECT key, text FROM chunk_cache WHERE key IN ({marks})", part
                ).fetchall()
            )
        return out

    def put_many(self, items: dict[str, str]) -> None:
        stamp = now()
        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO chunk_cache (key, text, created_at) VALUES (?, ?, ?)",
                [(k, v, stamp) for k, v in items.items()],
            )

    # -- reading ------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, lenient: bool = False) -> list[SearchHit]:
        """Documents matching ``query``, best first, at most ``limit`` documents."""
        return search_mod.search(self.conn, query, limit, lenient=lenient)

    def integrity_ok(self) -> bool:
        return bool(self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
