"""Reading the library: lists, details, pages and export rows (the store's query side)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator

from app.store.records import DocumentDetail, DocumentRecord, SummaryRecord
from app.store.search import TAG_MEMBERS


def _tagged(tag: str | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause keeping documents ``d`` with ``tag``; none when ``tag`` is None."""
    if tag is None:
        return "", ()
    return f"WHERE d.id IN ({TAG_MEMBERS})", (tag,)


class Reads:
    """Query methods of `Store`; they only read."""

    conn: sqlite3.Connection

    def count_documents(self, tag: str | None = None) -> int:
        """How many documents the library holds (with ``tag``, when given)."""
        where, args = _tagged(tag)
        return int(
            self.conn.execute(f"SELECT COUNT(*) FROM documents d {where}", args).fetchone()[0]
        )

    def recent(
        self, limit: int = 50, offset: int = 0, tag: str | None = None
    ) -> list[DocumentRecord]:
        """Documents, newest summary first, with their latest summary and tags; with
        ``tag``, only those that have it."""
        where, args = _tagged(tag)
        rows = self.conn.execute(
            """SELECT d.id, d.sha256, d.title,
                  (SELECT path FROM document_paths p WHERE p.document_id = d.id
                   ORDER BY last_seen DESC, rowid DESC LIMIT 1),
                  d.page_count, s.method, COALESCE(s.created_at, d.updated_at),
                  COALESCE(s.text, '')
               FROM documents d
               LEFT JOIN summaries s ON s.id = (SELECT id FROM summaries
                   WHERE document_id = d.id ORDER BY created_at DESC, id DESC LIMIT 1)
               """
            + where
            + """
               ORDER BY COALESCE(s.created_at, d.updated_at) DESC, d.id DESC
               LIMIT ? OFFSET ?""",
            (*args, limit, offset),
        ).fetchall()
        tags = self._tags_of_many([r[0] for r in rows])
        return [
            DocumentRecord(
                r[0], r[1], r[2], r[3] or "", r[4], r[5] or "", r[6], r[7], tags.get(r[0], ())
            )
            for r in rows
        ]

    def _tags_of_many(self, ids: list[int]) -> dict[int, tuple[str, ...]]:
        # Looked up for the rows returned only: a subquery per row would run for every
        # document the list sorts (+30 % on a 20k library).
        out: dict[int, list[str]] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ",".join("?" * len(part))
            for doc_id, name in self.conn.execute(
                f"""SELECT dt.document_id, t.name FROM document_tags dt
                    JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id IN ({marks})
                    ORDER BY t.name COLLATE NOCASE""",
                part,
            ):
                out.setdefault(doc_id, []).append(name)
        return {k: tuple(v) for k, v in out.items()}

    def paths_of(self, doc_id: int) -> list[str]:
        """Every path the document was seen at, newest first."""
        return [
            r[0]
            for r in self.conn.execute(
                """SELECT path FROM document_paths WHERE document_id = ?
                   ORDER BY last_seen DESC, rowid DESC""",
                (doc_id,),
            )
        ]

    def tags_of(self, doc_id: int) -> list[str]:
        return list(self._tags_of_many([doc_id]).get(doc_id, ()))

    def detail(self, doc_id: int) -> DocumentDetail | None:
        row = self.conn.execute(
            """SELECT id, sha256, title, page_count, pages_with_text, language, metadata,
                      added_at, authors, abstract, outline, corrected
               FROM documents WHERE id = ?""",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        paths = self.paths_of(doc_id)
        summaries = [
            SummaryRecord(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                json.loads(r[8]),
                json.loads(r[9]),
                r[10],
                r[11],
                r[12],
                r[13],
                r[14],
                json.loads(r[15]),
            )
            for r in self.conn.execute(
                """SELECT id, summary_key, method, model, runtime, precision, length, text, parts,
                          pages, coverage, chunks, seconds, fallback_reason, created_at, outline
                   FROM summaries WHERE document_id = ? ORDER BY created_at DESC, id DESC""",
                (doc_id,),
            )
        ]
        return DocumentDetail(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5] or "",
            json.loads(row[6]),
            paths,
            summaries,
            row[7],
            json.loads(row[8]),
            row[9],
            [
                r[0]
                for r in self.conn.execute(
                    "SELECT number FROM pages WHERE document_id = ? AND ocr ORDER BY number",
                    (doc_id,),
                )
            ],
            json.loads(row[10]),
            self.tags_of(doc_id),
            tuple(json.loads(row[11])),
        )

    def page_text(self, doc_id: int, number: int) -> str:
        row = self.conn.execute(
            "SELECT text FROM pages WHERE document_id = ? AND number = ?", (doc_id, number)
        ).fetchone()
        return str(row[0]) if row else ""

    def iter_details(
        self, tag: str | None = None, ids: Collection[int] | None = None
    ) -> Iterator[DocumentDetail]:
        """Every document (with ``tag``, or among ``ids``, when given), newest first, for
        export."""
        offset = 0
        while True:
            batch = self.recent(limit=500, offset=offset, tag=tag)
            if not batch:
                return
            for rec in batch:
                detail = self.detail(rec.id) if ids is None or rec.id in ids else None
                if detail is not None:
                    yield detail
            offset += len(batch)

    def speed_by_model(self) -> dict[str, float]:
        """Seconds per chunk each model took on this machine (abstractive summaries)."""
        rows = self.conn.execute(
            """SELECT model, SUM(seconds) / SUM(chunks) FROM summaries
               WHERE method = 'abstractive' AND chunks > 0 GROUP BY model"""
        ).fetchall()
        return {str(model): float(speed) for model, speed in rows}

    def document_paths(self) -> list[tuple[int, list[str]]]:
        """Every document with the paths it was seen at, most recently seen first."""
        out: dict[int, list[str]] = {}
        for doc_id, path in self.conn.execute(
            """SELECT d.id, p.path FROM documents d JOIN document_paths p ON p.document_id = d.id
               ORDER BY d.id, p.last_seen DESC"""
        ):
            out.setdefault(int(doc_id), []).append(str(path))
        return list(out.items())
