"""Search by words, by meaning, or both fused by reciprocal rank (#24).

Keyword ranks come from the bm25 search (`app.store.search`), meaning ranks from the passage
vectors (`app.store.vectors`); hybrid adds 1 / (RRF_K + rank) over both lists per document
(Cormack et al., 2009), so a document found both ways rises above one found one way only,
whatever the two scores' scales. Each result names why it matched: "words", "meaning" or
both, and shows its best passage with page and section.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.store import search as search_mod
from app.store.query import clean, fts_query
from app.store.records import SNIPPET_CLOSE, SNIPPET_OPEN, SearchHit
from app.store.vectors import Passages
from summarizer.textrank import STOPWORDS

MODES = ("keyword", "semantic", "hybrid")
RRF_K = 60  # the constant of the original paper; ranks past ~60 weigh little
POOL_PAGES = 100  # pages taken from each leg before fusing (at least 5 per document shown)
MIN_COSINE = 0.2  # a passage less close than this is not about the query
SNIPPET_WORDS = 40


@dataclass(frozen=True)
class Found(SearchHit):
    """A search result with why it matched ("words", "meaning") and its page and section."""

    why: tuple[str, ...] = ()
    page: int | None = None
    section: str = ""

    def to_json(self) -> dict[str, Any]:
        return {**super().to_json(), "why": list(self.why), "page": self.page}


def fuse(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of ranked id lists: (id, score), best first. Ties keep the order
    in which ids were first met, list by list."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def content_words(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query.lower()) if len(w) > 2 and w not in STOPWORDS]


Key = tuple[int, int]  # (document, page); page 0: the title or a summary
Shown = tuple[str, str, int | None, str]  # where, snippet, page, section


def keyword_pages(
    conn: sqlite3.Connection, query: str, n: int, any_word: bool = False
) -> dict[Key, Shown]:
    """The ``n`` best rows of the bm25 index (titles, summaries, pages) holding every word of
    the query, best first; with ``any_word``, then rows holding any of its content words."""
    out: dict[Key, Shown] = {}
    words = content_words(query)
    queries = [fts_query(clean(query))]
    if any_word and len(words) > 1:
        queries.append(" OR ".join(f'"{w}"' for w in words))
    for fts in [q for q in queries if q]:
        try:
            rows = conn.execute(
                f"""SELECT document_id, kind, page, snippet(search_index, -1, '{SNIPPET_OPEN}',
                        '{SNIPPET_CLOSE}', '…', 16)
                    FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT ?""",
                (fts, n),
            ).fetchall()
        except sqlite3.OperationalError:
            rows = []
        for doc, kind, page, snip in rows:
            key = (int(doc), int(page or 0))
            if key not in out:
                where = f"page {page}" if kind == "page" else kind
                out[key] = (where, " ".join(snip.split()), page if kind == "page" else None, "")
        if len(out) >= n:
            break
    return out


def meaning_pages(store: Passages, vector: np.ndarray, n: int) -> dict[Key, Shown]:
    """Pages of the passages closest in meaning to ``vector`` (cosine at least MIN_COSINE),
    each with its best passage, best first."""
    out: dict[Key, Shown] = {}
    for hit in store.nearest_passages(vector, n):
        key = (hit.document_id, hit.page)
        if hit.score >= MIN_COSINE and key not in out:
            where = f"§ {hit.section}, p. {hit.page}" if hit.section else f"page {hit.page}"
            out[key] = (where, _snippet(hit.text), hit.page, hit.section)
    return out


def _page(hit: SearchHit) -> int | None:
    """The page a keyword hit names ("page 4", "§ Methods, p. 4"), if any."""
    m = re.search(r"(\d+)$", hit.where)
    return int(m.group(1)) if m else None


def _snippet(text: str) -> str:
    words = text.split()
    return " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")


def ranked_pages(
    store: Passages, query: str, vector: np.ndarray | None, mode: str, n: int
) -> tuple[list[tuple[Key, float]], dict[Key, Shown], dict[Key, Shown]]:
    """Pages by ``mode`` ("semantic" or "hybrid"), best first, with what each leg found."""
    words = keyword_pages(store.conn, query, n) if mode == "hybrid" else {}
    meant = meaning_pages(store, vector, n) if vector is not None else {}
    keys = list(dict.fromkeys([*words, *meant]))
    index = {key: i for i, key in enumerate(keys)}
    fused = fuse([[index[k] for k in words], [index[k] for k in meant]])
    return [(keys[i], score) for i, score in fused], words, meant


def find(
    store: Passages,
    query: str,
    vector: np.ndarray | None,
    mode: str,
    limit: int = 10,
    tag: str | None = None,
) -> list[Found]:
    """Documents for ``query`` by ``mode``, each with its best page; ``vector`` is the query's
    embedding (None for keyword mode). Semantic and hybrid rank pages (hybrid fuses the bm25
    and the meaning ranks of each page), then keep each document's best page. Keyword mode
    is the bm25 search of what was typed (`app.store.query`). With ``tag``, only documents
    that have it."""
    limit = max(1, min(limit, search_mod.MAX_LIMIT))
    if mode == "keyword":
        return [
            Found(h.document_id, h.title, h.path, h.where, h.snippet, h.score, ("words",), _page(h))
            for h in search_mod.search(store.conn, query, limit, tag=tag)
        ]
    pages, words, meant = ranked_pages(store, query, vector, mode, max(POOL_PAGES, limit * 5))
    allowed = tagged_documents(store.conn, tag) if tag else None
    best: dict[int, tuple[Key, float]] = {}
    for key, score in pages:
        if allowed is None or key[0] in allowed:
            best.setdefault(key[0], (key, score))
    order = list(best.items())[:limit]
    info = store.document_titles([d for d, _ in order])
    word_docs = {k[0] for k in words}
    meant_docs = {k[0] for k in meant}
    out = []
    for doc_id, (key, score) in order:
        if doc_id not in info:
            continue
        where, snip, page, section = meant.get(key) or words[key]
        if key in words:  # the bm25 snippet marks the words that matched
            snip = words[key][1]
        found_by = (("words", word_docs), ("meaning", meant_docs))
        why = tuple(w for w, docs in found_by if doc_id in docs)
        out.append(Found(doc_id, *info[doc_id], where, snip, score, why, page, section))
    return out


def tagged_documents(conn: sqlite3.Connection, tag: str) -> set[int]:
    """The documents that have ``tag`` (#26), for filtering ranked pages."""
    rows = conn.execute(
        "SELECT dt.document_id FROM document_tags dt JOIN tags t ON t.id = dt.tag_id "
        "WHERE t.name = ?",
        (tag,),
    )
    return {int(r[0]) for r in rows}


def similar(store: Passages, doc_id: int, limit: int = 10) -> list[Found]:
    """Documents closest in meaning to ``doc_id``, with their closeness (cosine)."""
    pairs = store.similar_documents(doc_id, limit)
    info = store.document_titles([d for d, _ in pairs])
    return [
        Found(d, info[d][0], info[d][1], "", "", score, ("meaning",))
        for d, score in pairs
        if d in info
    ]
