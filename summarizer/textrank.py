"""Sentence-centrality ranking (LexRank family) with redundancy control (MMR).

Similarity is TF-IDF cosine over stemmed content words, or sentence embeddings when a caller
passes them. Scores blend graph centrality, closeness to the document centroid and a mild
position prior; selection fills a word budget greedily with maximal marginal relevance and
returns sentences in their original order. numpy only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ingestion.nltk_import import nltk_module
from summarizer.candidates import CJK, is_prose, word_count

_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_NOISE = re.compile(r"\{[a-z]+\}|\[[^\]]{0,40}\]")  # transcript markers like {disfmarker}
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    uh um yeah okay ok oh mm hmm gonna wanna like well really actually right yes know think
    mean thing things get got go going say said one two""".split()
)
_QUOTE = re.compile(r"[\"“”]")
OVERLAP_TERMS = 6
GRAPH_LIMIT = 2500  # above this many candidates, centroid similarity replaces the full graph


@dataclass(frozen=True)
class Weights:
    """Tunable blend (the defaults were chosen on the developer reference sets)."""

    centrality: float = 0.45
    centroid: float = 0.45
    position: float = 0.10  # relative position prior, (1 - i/n)^2
    lead: float = 1.0  # absolute lead prior, exp(-i / lead_sentences)
    lead_sentences: float = 5.0
    mmr_lambda: float = 0.8
    max_similarity: float = 0.8  # never take a near-duplicate of a chosen sentence ...
    max_overlap: float = 0.7  # ... nor one whose words are mostly another's (or a said line's)
    quote_penalty: float = 0.3  # share of score lost by sentences with dialogue quotes
    min_words: int = 6
    ideal_words: int = 22


@lru_cache(maxsize=50000)
def _stem(word: str) -> str:

    return _stemmer().stem(word) if word.isascii() else word


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    return nltk_module("nltk.stem.porter").PorterStemmer()


def content_terms(sentence: str) -> list[str]:
    words = _TOKEN.findall(_NOISE.sub(" ", sentence).lower())
    terms = []
    for w in words:
        if CJK.search(w):  # written without spaces: overlapping character pairs stand for words
            terms += [w[i : i + 2] for i in range(max(1, len(w) - 1))]
        elif w not in STOPWORDS and len(w) > 1:
            terms.append(_stem(w))
    return terms


def tfidf_matrix(term_lists: Sequence[list[str]], max_terms: int = 6000) -> np.ndarray:
    """Rows: L2-normalized TF-IDF vectors over the most common terms."""
    df: Counter[str] = Counter()
    for terms in term_lists:
        df.update(set(terms))
    vocab = [t for t, _ in df.most_common(max_terms)]
    index = {t: i for i, t in enumerate(vocab)}
    n = len(term_lists)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in vocab], dtype=np.float32)
    x = np.zeros((n, len(vocab)), dtype=np.float32)
    for row, terms in enumerate(term_lists):
        for t, c in Counter(terms).items():
            j = index.get(t)
            if j is not None:
                x[row, j] = (1 + math.log(c)) * idf[j]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    out: np.ndarray = x / np.maximum(norms, 1e-9)
    return out


def lexrank(sim: np.ndarray, threshold: float = 0.08, damping: float = 0.85) -> np.ndarray:
    """Stationary distribution of the thresholded, row-normalized similarity graph."""
    n = sim.shape[0]
    adj = np.where(sim >= threshold, sim, 0.0).astype(np.float64)
    np.fill_diagonal(adj, 0.0)
    rows = adj.sum(axis=1, keepdims=True)
    trans = np.divide(adj, rows, out=np.full_like(adj, 1.0 / n), where=rows > 0)
    p = np.full(n, 1.0 / n)
    for _ in range(100):
        nxt = (1 - damping) / n + damping * (trans.T @ p)
        if np.abs(nxt - p).sum() < 1e-8:
            p = nxt
            break
        p = nxt
    return p


def _norm(v: np.ndarray) -> np.ndarray:
    lo, hi = float(v.min()), float(v.max())
    return (v - lo) / (hi - lo) if hi > lo else np.ones_like(v)


def select(
    sentences: Sequence[str],
    budget_words: int,
    *,
    vectors: np.ndarray | None = None,
    weights: Weights | None = None,
    never: Collection[int] = (),
    prior: Sequence[float] | None = None,
    first: int | None = None,
    said: Sequence[str] = (),
) -> list[int]:
    """Indices (in document order) of the sentences that best summarize within the budget;
    ``never`` are weighed with the rest but not chosen; ``prior`` (one factor a sentence)
    scales their scores (findings before method, `summarizer.extractive`); ``first`` is taken
    before any other (and returned with them); ``said`` are lines the summary already holds
    (the gist, the abstract's words): no near-repeat of them, or of each other, is taken."""
    w = weights or Weights()
    n_words = [word_count(s) for s in sentences]
    terms = [content_terms(s) for s in sentences]
    cand = [
        i
        for i in range(len(sentences))
        if n_words[i] >= w.min_words and len(terms[i]) >= 3 and is_prose(sentences[i])
    ]
    if not cand:  # no prose at all: the caller says so in one line instead (#10)
        return []
    x = vectors[cand] if vectors is not None else tfidf_matrix([terms[i] for i in cand])
    graph = _Graph(x)
    score = _scores(graph, cand, sentences, n_words, w)
    if prior is not None:
        score = score * np.array([prior[i] for i in cand])
    # ``first``: already said (the gist's sentence): it counts for redundancy and budget.
    chosen = [k for k, i in enumerate(cand) if i == first]  # positions in cand
    bags = [set(terms[i]) for i in cand]
    said_bags = [set(content_terms(t)) for t in said]
    open_ = {
        k
        for k, i in enumerate(cand)
        if i not in never and k not in chosen and not _repeats(bags[k], said_bags, w)
    }
    lengths = [n_words[i] for i in cand]
    _fill(chosen, open_, score, graph, lengths, budget_words, w, bags)
    return sorted(cand[k] for k in chosen)


def overlap(a: set[str], b: set[str]) -> float:
    """The share of the shorter bag of words that the other holds too; 0 where it has under
    OVERLAP_TERMS words (a short remark inside a long one is no repeat: a meeting's turns)."""
    shorter = min(len(a), len(b))
    return len(a & b) / shorter if shorter >= OVERLAP_TERMS else 0.0


def _repeats(bag: set[str], others: Sequence[set[str]], w: Weights) -> bool:
    return any(overlap(bag, other) >= w.max_overlap for other in others)


class _Graph:
    """The candidates' similarities: the full matrix up to GRAPH_LIMIT, else on demand."""

    def __init__(self, x: np.ndarray) -> None:
        self.x = x
        centroid = x.mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
        self.to_centroid = x @ centroid
        self.sim = x @ x.T if len(x) <= GRAPH_LIMIT else None
        self.central = lexrank(self.sim) if self.sim is not None else self.to_centroid

    def similarity(self, k: int, chosen: Sequence[int]) -> float:
        """The closest of ``chosen`` to candidate ``k``."""
        if not chosen:
            return 0.0
        if self.sim is not None:
            return float(max(self.sim[k, j] for j in chosen))
        return float(max(self.x[k] @ self.x[j] for j in chosen))


def _scores(
    graph: _Graph, cand: list[int], sentences: Sequence[str], n_words: list[int], w: Weights
) -> np.ndarray:
    """Each candidate's score: centrality, closeness to the centroid and position, scaled by
    length and lowered by dialogue quotes."""
    pos = np.array([1.0 - i / max(1, len(sentences)) for i in cand]) ** 2
    lead = np.exp(-np.array(cand, dtype=np.float64) / w.lead_sentences)
    length = np.array([min(1.0, n_words[i] / w.ideal_words) for i in cand])
    quoted = np.array([1.0 if _QUOTE.search(sentences[i]) else 0.0 for i in cand])
    blend = (
        w.centrality * _norm(graph.central)
        + w.centroid * _norm(graph.to_centroid)
        + w.position * pos
        + w.lead * lead
    )
    out: np.ndarray = blend * (0.5 + 0.5 * length) * (1.0 - w.quote_penalty * quoted)
    return out


def _fill(
    chosen: list[int],
    open_: set[int],
    score: np.ndarray,
    graph: _Graph,
    lengths: list[int],
    budget_words: int,
    w: Weights,
    bags: Sequence[set[str]],
) -> None:
    """Add to ``chosen`` (positions among the candidates) by maximal marginal relevance until
    the budget is spent: never a near-duplicate of a chosen sentence (by similarity, or by
    the share of words it repeats)."""
    used = sum(lengths[k] for k in chosen)
    while open_:
        best, best_val = -1, -math.inf
        for k in open_:
            if used + lengths[k] > budget_words and used > 0:
                continue
            redundancy = graph.similarity(k, chosen)
            if redundancy >= w.max_similarity or _repeats(bags[k], [bags[j] for j in chosen], w):
                continue
            val = w.mmr_lambda * float(score[k]) - (1 - w.mmr_lambda) * redundancy
            if val > best_val:
                best, best_val = k, val
        if best < 0:
            break
        chosen.append(best)
        used += lengths[best]
        open_.discard(best)
        if used >= budget_words:
            break
