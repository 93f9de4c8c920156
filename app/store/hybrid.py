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
from app.store.records import SearchHit
from app.store.vectors import PassageHit, Passages
from summarizer.textrank import STOPWORDS

MODES = ("keyword", "semantic", "hybrid")
RRF_K = 60  # the constant of the original paper; ranks past ~60 weigh little
POOL = 3  # each list is fused from POOL x limit documents
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


def keyword_hits(conn: sqlite3.Connection, query: str, limit: int) -> list[SearchHit]:
    """bm25 hits for a typed query; a question in plain words that matches too little as a
    whole also ranks documents holding any of its content words (bm25 weighs the rare ones)."""
    try:
        hits = search_mod.search(conn, query, limit)
    except search_mod.InvalidQuery:
        hits = []
    words = content_words(query)
    if len(hits) < limit and len(words) > 1:
        seen = {h.document_id for h in hits}
        any_word = " OR ".join(f'"{w}"' for w in words)
        hits += [h for h in search_mod.search(conn, any_word, limit) if h.document_id not in seen]
    return hits[:limit]


def _where(page: int, section: str) -> str:
    return f"§ {section}, p. {page}" if section else f"page {page}"


def _snippet(text: str) -> str:
    words = text.split()
    return " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")


def best_passages(store: Passages, vector: np.ndarray, limit: int) -> dict[int, PassageHit]:
    """The best passage of each of the ``limit`` documents closest to ``vector``, in order."""
    best: dict[int, PassageHit] = {}
    k = limit * 8
    while True:
        hits = store.nearest_passages(vector, k)
        for hit in hits:
            if hit.document_id not in best:
                best[hit.document_id] = hit
        if len(best) >= limit or len(hits) < k:
            return dict(list(best.items())[:limit])
        k *= 4  # a few documents with many close passages filled the first pool


def find(
    store: Passages,
    query: str,
    vector: np.ndarray | None,
    mode: str,
    limit: int = 10,
    lenient: bool = False,
) -> list[Found]:
    """Documents for ``query`` by ``mode``; ``vector`` is the query's embedding (None for
    keyword mode). Keyword mode is the bm25 search as typed (a malformed query raises
    `InvalidQuery`; ``lenient`` quotes every word, for search as you type)."""
    conn = store.conn
    limit = max(1, min(limit, search_mod.MAX_LIMIT))
    pool = limit if mode != "hybrid" else limit * POOL
    if mode == "keyword":
        words = search_mod.search(conn, query, limit, lenient=lenient)
    else:
        words = keyword_hits(conn, query, pool) if mode == "hybrid" else []
    meaning = best_passages(store, vector, pool) if mode != "keyword" and vector is not None else {}
    by_words = {h.document_id: h for h in words}
    order = fuse([list(by_words), list(meaning)])[:limit]
    if not order:
        return []
    info = store.document_titles([d for d, _ in order])
    out = []
    for doc_id, score in order:
        if doc_id not in info:
            continue
        title, path = info[doc_id]
        why = tuple(
            w for w, found in (("words", by_words), ("meaning", meaning)) if doc_id in found
        )
        if doc_id in meaning:
            p = meaning[doc_id]
            out.append(
                Found(
                    doc_id,
                    title,
                    path,
                    _where(p.page, p.section),
                    _snippet(p.text),
                    score,
                    why,
                    p.page,
                    p.section,
                )
            )
        else:
            h = by_words[doc_id]
            page = int(m.group(1)) if (m := re.search(r"(\d+)$", h.where)) else None
            out.append(Found(doc_id, title, path, h.where, h.snippet, score, why, page))
    return out


def similar(store: Passages, doc_id: int, limit: int = 10) -> list[Found]:
    """Documents closest in meaning to ``doc_id``, with their closeness (cosine)."""
    pairs = store.similar_documents(doc_id, limit)
    info = store.document_titles([d for d, _ in pairs])
    return [
        Found(d, info[d][0], info[d][1], "", "", score, ("meaning",))
        for d, score in pairs
        if d in info
    ]
