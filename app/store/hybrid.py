"""Search by words, by meaning, or both (#24).

Meaning scores pages by their closest passage (cosine, `app.store.vectors`). Hybrid adds to
that closeness the share of the query's content words a page holds (coordination level,
among the bm25 rows holding any of them), weighted by WORDS_WEIGHT: a page about the query
that also holds its words rises, and a page holding every word but far from the meaning
does not outrank a close one. Reciprocal rank fusion of the bm25 and meaning ranks (Cormack
et al., 2009) throws the closeness away; on bench/semantic.py's 148 labelled queries over
pdfs + pdfs2 it ranked below this fusion (page MRR 0.716 at k = 10, 0.692 at k = 60, against
0.731), so it is kept there only to compare. Each result names why it matched: "words",
"meaning" or both, and shows its best passage with page and section.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.store import search as search_mod
from app.store.records import SNIPPET_CLOSE, SNIPPET_OPEN, SearchHit
from app.store.vectors import Passages
from summarizer.textrank import STOPWORDS

MODES = ("keyword", "semantic", "hybrid")
POOL_PAGES = 100  # pages taken from each leg before fusing (at least 5 per document shown)
POOL_ROWS = 300  # bm25 rows (any content word) whose share of the query's words is counted
# Closeness gained by a page holding every content word of the query (cosines of related
# MiniLM passages lie in ~0.3-0.7). On bench/semantic.py's 148 queries, page MRR rises with
# it up to 0.3 (0.5 on one half), but from 0.3 one answering document falls out of the top 5
# (doc R@5 0.993 < meaning alone's 1.000). 0.15 and 0.2 keep it and differ by about one
# query (page MRR 0.731 / 0.733, page R@5 0.865 / 0.858): 0.15 stays (#24).
WORDS_WEIGHT = 0.15
WORDS_WHY = 0.5  # a document "matched by words" holds at least this share of them in a row
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


def content_words(query: str) -> list[str]:
    return [w for w in re.findall(r"\w+", query.lower()) if len(w) > 2 and w not in STOPWORDS]


Key = tuple[int, int]  # (document, page); page 0: the title or a summary
Shown = tuple[str, str, int | None, str]  # where, snippet, page, section


def fuse(
    closeness: dict[Key, float], shares: dict[Key, float], weight: float = WORDS_WEIGHT
) -> list[tuple[Key, float]]:
    """Pages by their closeness in meaning plus ``weight`` times the share of the query's
    words they hold, best first; a page found by words alone counts as MIN_COSINE close.
    Ties keep meaning's order, then words'."""
    scores = dict(closeness)
    for key, share in shares.items():
        scores[key] = scores.get(key, MIN_COSINE) + weight * share
    return sorted(scores.items(), key=lambda kv: -kv[1])


def meaning_pages(store: Passages, vector: np.ndarray, n: int) -> dict[Key, tuple[float, Shown]]:
    """Pages of the ``n`` passages closest in meaning to ``vector`` (cosine at least
    MIN_COSINE), each with its best passage's cosine and what to show, best first."""
    out: dict[Key, tuple[float, Shown]] = {}
    for hit in store.nearest_passages(vector, n):
        key = (hit.document_id, hit.page)
        if hit.score >= MIN_COSINE and key not in out:
            where = f"§ {hit.section}, p. {hit.page}" if hit.section else f"page {hit.page}"
            out[key] = (hit.score, (where, _snippet(hit.text), hit.page, hit.section))
    return out


WordRow = tuple[float, Shown, int]  # share of the query's words, what to show, bm25 rowid


def any_word_query(query: str) -> str:
    """The FTS5 query for rows holding any content word of ``query`` ("" when none)."""
    return " OR ".join(f'"{w}"' for w in dict.fromkeys(content_words(query)))


def word_shares(conn: sqlite3.Connection, query: str, n: int) -> dict[Key, WordRow]:
    """The ``n`` best bm25 rows (titles, summaries, pages) holding any content word of the
    query, each with the share of those words it holds (its snippet is left to
    `word_snippet`: making one for every row took most of a search's time)."""
    words = list(dict.fromkeys(content_words(query)))
    if not words:
        return {}
    try:
        rows = conn.execute(
            "SELECT rowid, document_id, kind, page FROM search_index "
            "WHERE search_index MATCH ? ORDER BY rank LIMIT ?",
            (any_word_query(query), n),
        ).fetchall()
        ids = {int(r[0]) for r in rows}
        held: Counter[int] = Counter()
        for word in words if rows else []:  # a word's whole doclist: far faster than rowid IN
            found = conn.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ?", (f'"{word}"',)
            )
            held.update(rowid for (rowid,) in found if rowid in ids)
    except sqlite3.OperationalError:
        return {}
    out: dict[Key, WordRow] = {}
    for rowid, doc, kind, page in rows:
        key = (int(doc), int(page or 0))
        share = held[int(rowid)] / len(words)
        if key not in out or share > out[key][0]:
            where = f"page {page}" if kind == "page" else kind
            out[key] = (share, (where, "", page if kind == "page" else None, ""), int(rowid))
    return out


def word_snippet(conn: sqlite3.Connection, query: str, rowid: int) -> str:
    """The bm25 snippet of one row with the query's words marked."""
    row = conn.execute(
        f"""SELECT snippet(search_index, -1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '…', 16)
            FROM search_index WHERE search_index MATCH ? AND rowid = ?""",
        (any_word_query(query), rowid),
    ).fetchone()
    return " ".join(row[0].split()) if row else ""


def _page(hit: SearchHit) -> int | None:
    """The page a keyword hit names ("page 4", "§ Methods, p. 4"), if any."""
    m = re.search(r"(\d+)$", hit.where)
    return int(m.group(1)) if m else None


def _snippet(text: str) -> str:
    words = text.split()
    return " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")


@dataclass(frozen=True)
class RankedPages:
    """Pages ranked by meaning (and words, in hybrid mode), best first, with what each way
    found: (cosine or share of the query's words, what to show) per page."""

    order: list[tuple[Key, float]]
    meant: dict[Key, tuple[float, Shown]]
    words: dict[Key, WordRow]


def ranked_pages(
    store: Passages, query: str, vector: np.ndarray | None, mode: str, n: int
) -> RankedPages:
    """Pages by ``mode`` ("semantic" or "hybrid"): the closeness of a page's best passage,
    plus in hybrid WORDS_WEIGHT times the share of the query's words the page holds (a page
    found by words alone counts as MIN_COSINE close)."""
    meant = meaning_pages(store, vector, n) if vector is not None else {}
    words = word_shares(store.conn, query, POOL_ROWS) if mode == "hybrid" else {}
    order = fuse(
        {key: cosine for key, (cosine, _) in meant.items()},
        {key: row[0] for key, row in words.items()},
    )
    return RankedPages(order, meant, words)


def find(
    store: Passages,
    query: str,
    vector: np.ndarray | None,
    mode: str,
    limit: int = 10,
    tag: str | None = None,
) -> list[Found]:
    """Documents for ``query`` by ``mode``, each with its best page; ``vector`` is the query's
    embedding (None for keyword mode). Semantic and hybrid rank pages (`ranked_pages`), then
    keep each document's best page. Keyword mode is the bm25 search of what was typed
    (`app.store.query`). With ``tag``, only documents that have it."""
    limit = max(1, min(limit, search_mod.MAX_LIMIT))
    if mode == "keyword":
        return [
            Found(h.document_id, h.title, h.path, h.where, h.snippet, h.score, ("words",), _page(h))
            for h in search_mod.search(store.conn, query, limit, tag=tag)
        ]
    ranked = ranked_pages(store, query, vector, mode, max(POOL_PAGES, limit * 5))
    allowed = tagged_documents(store.conn, tag) if tag else None
    best: dict[int, tuple[Key, float]] = {}
    for key, score in ranked.order:
        if allowed is None or key[0] in allowed:
            best.setdefault(key[0], (key, score))
    order = list(best.items())[:limit]
    info = store.document_titles([d for d, _ in order])
    word_docs = {k[0] for k, row in ranked.words.items() if row[0] >= WORDS_WHY}
    meant_docs = {k[0] for k in ranked.meant}
    out = []
    for doc_id, (key, score) in order:
        if doc_id not in info:
            continue
        where, snip, page, section = (ranked.meant.get(key) or ranked.words[key])[1]
        if key in ranked.words:  # the bm25 snippet marks the words that matched
            snip = word_snippet(store.conn, query, ranked.words[key][2]) or snip
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
