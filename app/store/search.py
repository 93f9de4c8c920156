"""Ranked full-text search over titles, summaries and pages (SQLite FTS5, bm25)."""

from __future__ import annotations

import re
import sqlite3

from app.store.records import SearchHit
from ingestion.errors import AppError

MAX_LIMIT = 200
# Ranking costs time per match. A query matching more rows than this (a very common word) is
# ranked among its RANK_WINDOW newest matches, which bounds every search's cost.
RANK_WINDOW = 10_000
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


def _window_floor(conn: sqlite3.Connection, query: str) -> int:
    """Lowest rowid to rank: 0 for most queries, the RANK_WINDOW-th newest match otherwise."""
    row = conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC "
        "LIMIT 1 OFFSET ?",
        (query, RANK_WINDOW),
    ).fetchone()
    return int(row[0]) + 1 if row else 0


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    """Best hit per document, best documents first, at most ``limit`` (bounded)."""
    query = query.strip()
    if not query:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    # `rank` is bm25 with title > summary > body column weights (set in the schema); ORDER BY
    # rank LIMIT n stays inside FTS5, and snippets are made for the returned rows only.
    sql = f"""
        SELECT document_id, kind, page,
               snippet(search_index, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16),
               rank
        FROM search_index
        WHERE search_index MATCH ? AND rowid >= ?
        ORDER BY rank
        LIMIT ?
    """
    try:
        floor = _window_floor(conn, query)
        rows = conn.execute(sql, (query, floor, limit * 8)).fetchall()
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
