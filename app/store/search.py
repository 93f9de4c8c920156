"""Ranked full-text search over titles, summaries and pages (SQLite FTS5, bm25)."""

from __future__ import annotations

import re
import sqlite3

from app.store.records import SearchHit
from ingestion.errors import AppError

MAX_LIMIT = 200
# Title hits outrank summary hits, which outrank page hits (bm25 is negative: lower is better).
KIND_WEIGHT = "CASE kind WHEN 'title' THEN 3.0 WHEN 'summary' THEN 2.0 ELSE 1.0 END"
SNIPPET_OPEN, SNIPPET_CLOSE = "[", "]"


class InvalidQuery(AppError):
    kind = "invalid-query"

    def __init__(self, query: str, detail: str) -> None:
        super().__init__(
            f"The search {query!r} is not a valid query ({detail}). Use plain words, "
            '"quoted phrases", OR, NOT and prefix* (e.g. contract OR lease).'
        )


def lenient(query: str) -> str:
    """Quote every word so any typed text is a valid query (live search as you type)."""
    words = re.findall(r"\w+\*?", query, re.UNICODE)
    return " ".join(f'"{w.rstrip("*")}"' + ("*" if w.endswith("*") else "") for w in words)


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Best hit per document, best documents first, at most ``limit`` (bounded)."""
    query = query.strip()
    if not query:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    sql = f"""
        SELECT s.document_id, s.kind, s.page,
               snippet(search_index, 0, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16) AS snip,
               bm25(search_index) * {KIND_WEIGHT} AS score
        FROM search_index AS s
        WHERE search_index MATCH ?
        ORDER BY score
        LIMIT ?
    """
    try:
        rows = conn.execute(sql, (query, limit * 8)).fetchall()
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if "locked" in message or "no such table" in message or "disk" in message:
            raise
        raise InvalidQuery(query, message.replace("fts5: ", "")) from exc
    best: dict[int, tuple[str, int | None, str, float]] = {}
    for doc_id, kind, page, snip, score in rows:
        if doc_id not in best:
            best[doc_id] = (kind, page, snip, score)
        if len(best) >= limit:
            break
    if not best:
        return []
    ids = list(best)
    marks = ",".join("?" * len(ids))
    info = {
        row[0]: (row[1], row[2] or "")
        for row in conn.execute(
            f"""SELECT d.id, d.title, (SELECT path FROM document_paths p WHERE p.document_id = d.id
                 ORDER BY last_seen DESC LIMIT 1) FROM documents d WHERE d.id IN ({marks})""",
            ids,
        )
    }
    hits = []
    for doc_id, (kind, page, snip, score) in best.items():
        if doc_id not in info:
            continue
        where = f"page {page}" if kind == "page" else kind
        title, path = info[doc_id]
        hits.append(SearchHit(doc_id, title, path, where, " ".join(snip.split()), -score))
    return hits
