"""The library: one SQLite file, the only place that writes SQL.

Tables (readable in any SQLite browser): ``documents`` (one row per distinct file content,
keyed by sha256, with title, page counts and metadata), ``document_paths`` (every path a
document was seen at: copies and renames are one document), ``pages`` (cleaned text per
page with its quality), ``summaries`` (one per document and summary key: method, model,
runtime, precision, length preset, engine version; with the text, its parts with source pages,
coverage and timings), ``runs`` (each batch run and its counts), ``failures`` (path, kind,
message, time; resolved when the file later succeeds), ``chunk_cache`` (checkpointed chunk
summaries of long documents, so interrupted runs resume) and ``search_index`` (FTS5 over
titles, authors, summaries and page text, diacritics folded), ``tags`` and
``document_tags`` (names the user groups documents by). ``documents.corrected`` names the
fields the user set by hand (title, authors, date), which a new extraction never overwrites.

WAL mode, a busy timeout and BEGIN IMMEDIATE writes let the GUI and batch runs share one file.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import sqlite_utils

from app.store import backups, cjk
from app.store import search as search_mod
from app.store.faults import Connection, LibraryDamaged, LibraryError, LibraryReadOnly
from app.store.manage import Manage, clean_tag
from app.store.opening import (
    BUSY_TIMEOUT_S,
    connect,
    has_sqlite_header,
    quick_check,
    writable,
)
from app.store.reads import Reads
from app.store.records import SearchHit
from app.store.runs import RunLog, close_dead_runs, now
from app.store.schema import has_documents, migrate, pending, reindex_document
from app.store.vectors import Passages
from ingestion.document import Document
from summarizer.base import Summary, summary_key

log = logging.getLogger(__name__)


class NoLibrary(LibraryError):
    kind = "no-library"

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"There is no library at {path}; check the path given with --db or SYNOPSIS_DB, "
            "or create one with `synopsis summarize FOLDER`."
        )


class Store(Reads, Manage, Passages, RunLog):
    """A connection to one library file. Cheap to open; one per thread.

    A connection is confined to the thread that opened it (sqlite3's own check is on): a
    helper thread opens its own `Store`, so no connection is ever used, or closed, by one
    thread while another is inside it (#11).

    Opening checks the file (SQLite's quick check, bounded to `QUICK_CHECK_S`) and raises
    `LibraryDamaged` when it fails; a file on read-only media or without write permission
    opens read-only (``read_only``; writes raise `LibraryReadOnly`). A writable library is
    backed up before a migration and at most once a day, and runs left ``running`` by a
    killed process are marked ``interrupted``. ``check=False`` skips the check (the `library`
    commands that examine a damaged file).
    """

    def __init__(self, path: str | Path, create: bool = True, *, check: bool = True) -> None:
        """Open the library at ``path``; without ``create``, one that does not exist raises
        `NoLibrary` (a mistyped path must not become an empty library, #22). ``created``
        says whether this call made the file."""
        self.path = Path(path).expanduser()
        self.created = not self.path.exists()
        if self.created and not create:
            raise NoLibrary(self.path)
        self.read_only = False
        conn = self._connect()
        try:
            if check:
                quick_check(conn, self.path)
            self._prepare(conn)
        except BaseException:
            conn.close()
            raise
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self._lock = threading.RLock()

    def _connect(self) -> Connection:
        try:
            if writable(self.path):
                try:
                    return self._open_rw()
                except LibraryReadOnly:
                    pass  # a read-only disk that access() did not report: read it as such
            if not self.path.exists():
                raise LibraryReadOnly(
                    self.path, "its folder cannot be written, so no library can be created there"
                )
            self.read_only = True
            return self._open_ro()
        except LibraryDamaged as exc:
            if has_sqlite_header(self.path):
                raise
            raise LibraryError(
                f"The library {self.path} cannot be opened (it is not an SQLite file); choose "
                "another file with --db or SYNOPSIS_DB."
            ) from exc
        except sqlite3.DatabaseError as exc:
            raise LibraryError(
                f"The library {self.path} cannot be opened ({exc}); choose another file with "
                "--db or SYNOPSIS_DB."
            ) from exc

    def _open_rw(self) -> Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = connect(os.fsencode(self.path), self.path)  # bytes: any file name works
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise LibraryError(
                    f"The library {self.path} cannot be shared safely here (journal mode "
                    f"{mode}, not WAL; network drives do not support it); keep it on a local "
                    "disk, or choose another file with --db or SYNOPSIS_DB."
                )
            conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_ro(self) -> Connection:
        conn = backups.open_read_only(self.path, factory=Connection)
        assert isinstance(conn, Connection)
        conn.library_path = self.path
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        return conn

    def _prepare(self, conn: Connection) -> None:
        """Migrate (after a backup), close runs of dead processes, take the daily backup."""
        waiting = pending(conn)
        if self.read_only:
            if waiting:
                raise LibraryReadOnly(
                    self.path,
                    "it needs an upgrade to this version of Synopsis, which cannot be written "
                    "there",
                )
            return
        if waiting and "001_initial" not in waiting:
            backups.try_backup(conn, self.path, f"before-{waiting[0]}")
        migrate(conn)
        close_dead_runs(conn)
        if has_documents(conn) and backups.due(self.path):
            backups.try_backup(conn, self.path, "daily")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction, taken immediately so concurrent writers queue, not fail.

        When SQLite has already rolled back (a full disk does that), the error that caused it
        is the one raised, not a failing ROLLBACK (#21).
        """
        if self.read_only:
            raise LibraryReadOnly(self.path)
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    try:
                        self.conn.execute("ROLLBACK")
                    except sqlite3.Error as exc:
                        log.warning("rollback failed after an error: %s", exc)
                raise

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

    def note_path(self, sha256: str, path: str, tags: Sequence[str] = ()) -> bool:
        """Record that a known document was also seen at ``path`` (and give it ``tags``);
        False if it is unknown."""
        tags = [clean_tag(t) for t in tags]
        with self.transaction():
            doc_id = self.document_id(sha256)
            if doc_id is None:
                return False
            self._upsert_path(doc_id, path)
            self._resolve_failures(path)
            for tag in tags:
                self._link_tag(doc_id, tag)
        return True

    def save(
        self,
        doc: Document,
        summary: Summary | None,
        path: str | None = None,
        tags: Sequence[str] = (),
    ) -> int:
        """Store a document, its pages, its summary and ``tags`` in one transaction; return
        its id."""
        tags = [clean_tag(t) for t in tags]
        with self.transaction():
            doc_id = self._upsert_document(doc)
            self._upsert_path(doc_id, path or doc.path)
            if summary is not None:
                self._upsert_summary(doc_id, summary)
            for tag in tags:
                self._link_tag(doc_id, tag)
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
            self.keep_corrections(doc_id, row)  # fields the user set by hand stay theirs
            self.db.table("documents").update(doc_id, row)
            self.forget_changed_passages(doc_id, [(p.number, p.text) for p in doc.pages])
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
        key = summary_key(s.method, s.model, s.runtime, s.precision, s.length)
        self.conn.execute(
            "DELETE FROM summaries WHERE document_id = ? AND summary_key = ?", (doc_id, key)
        )
        self.db.table("summaries").insert(
            {
                "document_id": doc_id,
                "summary_key": key,
                "method": s.method,
                "model": s.model,
                "runtime": s.runtime,
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

    def search(self, query: str, limit: int = 20, tag: str | None = None) -> list[SearchHit]:
        """Documents matching what a person typed (with ``tag``, if given), best first, at
        most ``limit`` documents."""
        return search_mod.search(self.conn, query, limit, tag=tag)

    def integrity_ok(self) -> bool:
        return bool(self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
