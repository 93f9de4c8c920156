"""Passage vectors in the library and the nearest ones to a query (#24).

Vectors are float32 BLOBs in the ``passages`` table (see migration 009) and are searched by
brute force with numpy: one matrix product over every passage. The matrix is read once per
connection and read again only when the passages change (their count or newest id moved), so
repeated searches (the window, a bench) cost the product alone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

DIM = 384  # all-MiniLM-L6-v2


@dataclass(frozen=True)
class PassageHit:
    """One stored passage and how close it is to the query (cosine)."""

    passage_id: int
    document_id: int
    page: int
    section: str
    text: str
    score: float


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


class VectorIndex:
    """Every passage vector of one library as a matrix, reloaded when passages change."""

    def __init__(self) -> None:
        self._stamp: tuple[int, int] | None = None
        self.ids = np.zeros(0, dtype=np.int64)
        self.docs = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, DIM), dtype=np.float32)
        self._doc_stamp: tuple[int, int] | None = None
        self._doc_vectors = (self.ids, self.matrix)

    def refresh(self, conn: sqlite3.Connection) -> None:
        count, newest = conn.execute(
            "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM passages"
        ).fetchone()
        stamp = (int(count), int(newest))
        if stamp == self._stamp:
            return
        rows = conn.execute("SELECT id, document_id, vector FROM passages ORDER BY id").fetchall()
        self.ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        self.docs = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
        blob = b"".join(r[2] for r in rows)
        self.matrix = np.frombuffer(blob, dtype="<f4").reshape(len(rows), DIM)
        self._stamp = stamp

    def nearest(
        self, conn: sqlite3.Connection, query: np.ndarray, k: int, exclude_doc: int | None = None
    ) -> list[tuple[int, int, float]]:
        """The ``k`` passages closest to ``query``: (passage id, document id, cosine)."""
        self.refresh(conn)
        if not len(self.ids):
            return []
        scores = self.matrix @ np.asarray(query, dtype=np.float32)
        if exclude_doc is not None:
            scores = np.where(self.docs == exclude_doc, -2.0, scores)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [
            (int(self.ids[i]), int(self.docs[i]), float(scores[i])) for i in top if scores[i] > -2.0
        ]

    def document_vectors(self, conn: sqlite3.Connection) -> tuple[np.ndarray, np.ndarray]:
        """(document ids, their mean passage vectors, normalized): what a document is about."""
        self.refresh(conn)
        if not len(self.ids):
            return np.zeros(0, dtype=np.int64), np.zeros((0, DIM), dtype=np.float32)
        if self._doc_stamp != self._stamp:
            order = np.argsort(self.docs, kind="stable")
            uniq, starts = np.unique(self.docs[order], return_index=True)
            sums = np.add.reduceat(self.matrix[order], starts, axis=0)
            sums /= np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)
            self._doc_vectors = (uniq, sums.astype(np.float32))
            self._doc_stamp = self._stamp
        return self._doc_vectors


class Passages:
    """The passage methods of `Store` (SQL for #24 lives here and in `app.store.hybrid`)."""

    conn: sqlite3.Connection
    _vectors: VectorIndex | None = None

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    @property
    def vectors(self) -> VectorIndex:
        if self._vectors is None:
            self._vectors = VectorIndex()
        return self._vectors

    def save_passages(
        self,
        doc_id: int,
        model: str,
        rows: Sequence[tuple[int, str, str]],
        vectors: np.ndarray,
        skipped: str = "",
    ) -> None:
        """Replace a document's passages ((page, section, text) with their vectors) and mark
        it indexed for ``model``, in one transaction."""
        with self.transaction():
            self.conn.execute("DELETE FROM passages WHERE document_id = ?", (doc_id,))
            self.conn.executemany(
                "INSERT INTO passages (document_id, page, section, text, vector) "
                "VALUES (?, ?, ?, ?, ?)",
                [(doc_id, p, s, t, to_blob(v)) for (p, s, t), v in zip(rows, vectors, strict=True)],
            )
            self.conn.execute(
                "INSERT OR REPLACE INTO passage_index VALUES (?, ?, ?, ?, ?)",
                (
                    doc_id,
                    model,
                    len(rows),
                    skipped,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )

    def forget_changed_passages(self, doc_id: int, pages: Sequence[tuple[int, str]]) -> None:
        """A document stored again with other page text (OCR, a newer reader) is embedded
        again; the caller holds the transaction."""
        stored = self.conn.execute(
            "SELECT number, text FROM pages WHERE document_id = ? ORDER BY number", (doc_id,)
        ).fetchall()
        if [tuple(r) for r in stored] != sorted(pages):
            self.conn.execute("DELETE FROM passages WHERE document_id = ?", (doc_id,))
            self.conn.execute("DELETE FROM passage_index WHERE document_id = ?", (doc_id,))

    def unindexed(self, model: str) -> list[int]:
        """Documents whose passages are missing, or were made with another model."""
        return [
            int(r[0])
            for r in self.conn.execute(
                """SELECT d.id FROM documents d LEFT JOIN passage_index i ON i.document_id = d.id
                   WHERE i.document_id IS NULL OR i.model != ? ORDER BY d.id""",
                (model,),
            )
        ]

    def is_indexed(self, doc_id: int, model: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM passage_index WHERE document_id = ? AND model = ?", (doc_id, model)
        ).fetchone()
        return row is not None

    def usable_pages(self, doc_id: int) -> tuple[str, list[tuple[int, str]]]:
        """A stored document's language and the (number, text) of its pages with usable text."""
        row = self.conn.execute("SELECT language FROM documents WHERE id = ?", (doc_id,)).fetchone()
        pages = self.conn.execute(
            """SELECT number, text FROM pages WHERE document_id = ? AND no_text = 0
               AND garbled = 0 AND text != '' ORDER BY number""",
            (doc_id,),
        ).fetchall()
        return (row[0] or "english") if row else "english", [(int(n), t) for n, t in pages]

    def outline_of(self, doc_id: int) -> list[dict[str, object]]:
        row = self.conn.execute("SELECT outline FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return list(json.loads(row[0])) if row else []

    def document_titles(self, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """Title and latest path of each document in ``ids``."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {
            r[0]: (r[1], r[2] or "")
            for r in self.conn.execute(
                f"""SELECT d.id, d.title, (SELECT path FROM document_paths p
                     WHERE p.document_id = d.id ORDER BY last_seen DESC, rowid DESC LIMIT 1)
                    FROM documents d WHERE d.id IN ({marks})""",
                list(ids),
            )
        }

    def passage_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM passages").fetchone()[0])

    def nearest_passages(
        self, query: np.ndarray, k: int, exclude_doc: int | None = None
    ) -> list[PassageHit]:
        """The ``k`` stored passages closest in meaning to ``query``, closest first."""
        scored = self.vectors.nearest(self.conn, query, k, exclude_doc)
        if not scored:
            return []
        marks = ",".join("?" * len(scored))
        rows: dict[int, tuple[int, int, str, str]] = {
            r[0]: (r[1], r[2], r[3], r[4])
            for r in self.conn.execute(
                f"SELECT id, document_id, page, section, text FROM passages WHERE id IN ({marks})",
                [pid for pid, _, _ in scored],
            )
        }
        return [PassageHit(pid, *rows[pid], score) for pid, _doc, score in scored if pid in rows]

    def similar_documents(self, doc_id: int, limit: int = 10) -> list[tuple[int, float]]:
        """Documents closest in meaning to ``doc_id`` (mean passage vectors): (id, cosine)."""
        ids, vectors = self.vectors.document_vectors(self.conn)
        where = np.flatnonzero(ids == doc_id)
        if not len(where):
            return []
        scores = vectors @ vectors[where[0]]
        order = [i for i in np.argsort(-scores) if ids[i] != doc_id][:limit]
        return [(int(ids[i]), float(scores[i])) for i in order]
