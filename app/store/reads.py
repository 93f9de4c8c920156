"""Reading the library: lists, details, pages and export rows (the store's query side)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

from app.store.records import DocumentDetail, DocumentRecord, SummaryRecord


class Reads:
    """Query methods of `Store`; they only read."""

    conn: sqlite3.Connection

    def count_documents(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    def recent(self, limit: int = 50, offset: int = 0) -> list[DocumentRecord]:
        """Documents, newest summary first, with their latest summary."""
        rows = self.conn.execute(
            """SELECT d.id, d.sha256, d.title,
                  (SELECT path FROM document_paths p WHERE p.document_id = d.id
                   ORDER BY last_seen DESC LIMIT 1),
                  d.page_count, s.engine, COALESCE(s.created_at, d.updated_at),
                  COALESCE(s.text, '')
               FROM documents d
               LEFT JOIN summaries s ON s.id = (SELECT id FROM summaries
                   WHERE document_id = d.id ORDER BY created_at DESC, id DESC LIMIT 1)
               ORDER BY COALESCE(s.created_at, d.updated_at) DESC, d.id DESC
               LIMIT ? OFFSET ?""",
            (limit, offset),
        ).fetchall()
        return [
            DocumentRecord(r[0], r[1], r[2], r[3] or "", r[4], r[5] or "", r[6], r[7]) for r in rows
        ]

    def detail(self, doc_id: int) -> DocumentDetail | None:
        row = self.conn.execute(
            """SELECT id, sha256, title, page_count, pages_with_text, language, metadata,
                      added_at, authors, abstract, outline FROM documents WHERE id = ?""",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        paths = [
            r[0]
            for r in self.conn.execute(
                "SELECT path FROM document_paths WHERE document_id = ? ORDER BY last_seen DESC",
                (doc_id,),
            )
        ]
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
                """SELECT id, summary_key, engine, model, backend, precision, length, text, parts,
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
        )

    def page_text(self, doc_id: int, number: int) -> str:
        row = self.conn.execute(
            "SELECT text FROM pages WHERE document_id = ? AND number = ?", (doc_id, number)
        ).fetchone()
        return str(row[0]) if row else ""

    def iter_details(self) -> Iterator[DocumentDetail]:
        """Every document, newest first, for export."""
        offset = 0
        while True:
            batch = self.recent(limit=500, offset=offset)
            if not batch:
                return
            for rec in batch:
                detail = self.detail(rec.id)
                if detail is not None:
                    yield detail
            offset += len(batch)

    def speed_by_model(self) -> dict[str, float]:
        """Seconds per chunk each model took on this machine (abstractive summaries)."""
        rows = self.conn.execute(
            """SELECT model, SUM(seconds) / SUM(chunks) FROM summaries
               WHERE engine = 'abstractive' AND chunks > 0 GROUP BY model"""
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
