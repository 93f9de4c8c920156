"""Ranked full-text search over titles, summaries and pages (SQLite FTS5, bm25)."""

from __future__ import annotations

import json
import sqlite3

from app.store import cjk
from app.store.query import clean, fts_query
from app.store.records import SNIPPET_CLOSE, SNIPPET_OPEN, SearchHit
from ingestion.errors import AppError

MAX_LIMIT = 200
# Ranking costs time per match. A query matching more rows than this (a very common word) is
# ranked among its RANK_WINDOW newest matches, which bounds every search's cost.
RANK_WINDOW = 10_000


def _shown(query: str) -> str:
    return repr(query if len(query) <= 60 else query[:60] + "…")


class InvalidQuery(AppError):
    kind = "invalid-query"

    def __init__(self, query: str, detail: str) -> None:
        super().__init__(
            f"The search {_shown(query)} is not a valid query ({detail}). Use plain words, "
            '"quoted phrases", OR, NOT and prefix* (e.g. contract OR lease).'
        )


class NoWords(InvalidQuery):
    """A query of punctuation, symbols or emoji only: there is nothing to look up."""

    code = "no-words"  # its kind is InvalidQuery's

    def __init__(self, query: str) -> None:
        AppError.__init__(
            self,
            f"The search {_shown(query)} has no words or numbers to look for (punctuation, symbols "
            "and emoji are not indexed); type at least one word.",
        )


def _window_floor(conn: sqlite3.Connection, table: str, query: str) -> int:
    """Lowest rowid to rank: 0 for most queries, the RANK_WINDOW-th newest match otherwise."""
    row = conn.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        (query, RANK_WINDOW),
    ).fetchone()
    return int(row[0]) + 1 if row else 0


Best = dict[int, tuple[str, int | None, str, float]]  # document -> (kind, page, snippet, score)
# The documents with a tag (#26), its name the parameter: the filter of lists, search, export.
TAG_MEMBERS = """SELECT dt.document_id FROM document_tags dt
    JOIN tags t ON t.id = dt.tag_id WHERE t.name = ?"""


def _filter(tag: str | None) -> tuple[str, tuple[str, ...]]:
    return (f" AND document_id IN ({TAG_MEMBERS})", (tag,)) if tag is not None else ("", ())


def _best_documents(
    conn: sqlite3.Connection, table: str, query: str, limit: int, tag: str | None = None
) -> Best:
    """The ``limit`` best documents for ``query`` in one index, each with its best row.

    Ranking groups by document before the limit, so ``limit`` counts documents however many
    pages of one document match. ``tag`` keeps only documents with that tag.
    """
    where, args = _filter(tag)
    try:
        floor = _window_floor(conn, table, query)
        docs = conn.execute(
            f"""SELECT document_id, MIN(rank) AS best FROM {table}
                WHERE {table} MATCH ? AND rowid >= ?{where} GROUP BY document_id
                ORDER BY best LIMIT ?""",
            (query, floor, *args, limit),
        ).fetchall()
        out: Best = {}
        for doc_id, _score in docs:
            # `rank` is bm25 with title > summary > body weights (set in the schema);
            # snippets are made for each returned document's best row only.
            kind, page, snip, score = conn.execute(
                f"""SELECT kind, page,
                       snippet({table}, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16), rank
                    FROM {table} WHERE {table} MATCH ? AND rowid >= ? AND document_id = ?
                    ORDER BY rank LIMIT 1""",
                (query, floor, doc_id),
            ).fetchone()
            out[int(doc_id)] = (kind, page, snip, float(score))
        return out
    except sqlite3.OperationalError as exc:
        message = str(exc)
        if "locked" in message or "no such table" in message or "disk" in message:
            raise
        raise InvalidQuery(query, message.replace("fts5: ", "")) from exc


def _cjk_documents(
    conn: sqlite3.Connection, typed: str, limit: int, tag: str | None = None
) -> Best:
    """Documents whose CJK text holds the query's CJK words, snippets cut from the real text."""
    q = cjk.match_query(typed)
    if not q:
        return {}
    best = _best_documents(conn, "search_cjk", q, limit, tag)
    for doc_id, (kind, page, _pairs, score) in list(best.items()):
        if kind == "page":
            row = conn.execute(
                "SELECT text FROM pages WHERE document_id = ? AND number = ?", (doc_id, page)
            ).fetchone()
        elif kind == "summary":
            row = conn.execute(
                "SELECT text FROM summaries WHERE document_id = ? ORDER BY id DESC", (doc_id,)
            ).fetchone()
        elif kind == "authors":
            row = conn.execute("SELECT authors FROM documents WHERE id = ?", (doc_id,)).fetchone()
            row = (", ".join(json.loads(row[0])),) if row else None
        else:
            row = conn.execute("SELECT title FROM documents WHERE id = ?", (doc_id,)).fetchone()
        best[doc_id] = (kind, page, cjk.snippet(row[0] if row else "", typed), score)
    return best


def _section_of(conn: sqlite3.Connection, doc_id: int, page: int) -> str | None:
    """The top-level section of the document's outline that holds ``page``, if it has one."""
    row = conn.execute(
        "SELECT outline FROM summaries WHERE document_id = ? AND outline != '[]' "
        "ORDER BY created_at DESC, id DESC LIMIT 1",
        (doc_id,),
    ).fetchone()
    for section in json.loads(row[0]) if row else []:
        if section["first_page"] <= page <= section["last_page"]:
            return str(section["title"])
    return None


def search(
    conn: sqlite3.Connection, query: str, limit: int = 20, tag: str | None = None
) -> list[SearchHit]:
    """Best hit per document, best documents first, at most ``limit`` documents (bounded);
    with ``tag``, only documents that have it.

    ``query`` is what a person typed (see `app.store.query`); it raises `NoWords` when the
    text holds nothing searchable.
    """
    typed = clean(query).strip()
    if not typed:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    fts = fts_query(typed)
    if not fts and not cjk.has_cjk(typed):
        raise NoWords(typed)
    best = _best_documents(conn, "search_index", fts, limit, tag) if fts else {}
    if cjk.has_cjk(typed):
        for doc_id, hit in _cjk_documents(conn, typed, limit, tag).items():
            if doc_id not in best or hit[3] < best[doc_id][3]:
                best[doc_id] = hit
        best = dict(sorted(best.items(), key=lambda kv: kv[1][3])[:limit])
    if not best:
        return []
    ids = list(best)
    marks = ",".join("?" * len(ids))
    info = {
        row[0]: (row[1], row[2] or "")
        for row in conn.execute(
            f"""SELECT d.id, d.title, (SELECT path FROM document_paths p WHERE p.document_id = d.id
                 ORDER BY last_seen DESC, rowid DESC LIMIT 1)
                FROM documents d WHERE d.id IN ({marks})""",
            ids,
        )
    }
    hits = []
    for doc_id, (kind, page, snip, score) in best.items():
        if doc_id not in info:
            continue
        where = f"page {page}" if kind == "page" else kind
        section = _section_of(conn, doc_id, page) if kind in ("page", "section") and page else None
        if section:
            where = f"§ {section}, p. {page}"
        title, path = info[doc_id]
        hits.append(SearchHit(doc_id, title, path, where, " ".join(snip.split()), -score))
    return hits
