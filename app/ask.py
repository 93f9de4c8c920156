"""Ask the library (#24): the passages that answer a question, with their pages, and a short
answer built only from them; "not found in your library" rather than a guess.

The extractive answer is the passages' sentences closest in meaning to the question, each
followed by its source. When a seq2seq model is installed, an abstractive answer is generated
from those passages alone, one claim per passage, each followed by its source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from app import meaning
from app.settings import Settings
from app.store import Store
from app.store.vectors import PassageHit
from ingestion.sentences import split_sentences
from summarizer.passages import covered

NOT_FOUND = "Not found in your library."
# Cosine of MiniLM vectors: below these a passage or a sentence is not about the question
# (unrelated English text scores ~0.0-0.25 against a question; see bench/semantic.py).
PASSAGE_MIN = 0.35
SENTENCE_MIN = 0.3
PASSAGES = 4  # shown with the answer
SENTENCES = 3  # in the extractive answer
MIN_SENTENCE_WORDS = 5
CLAIM_TOKENS = 60  # per abstractive claim


@dataclass(frozen=True)
class Source:
    """A passage that answers, with where it is: "title, p. N"."""

    document_id: int
    title: str
    path: str
    page: int
    section: str
    text: str
    score: float

    @property
    def cite(self) -> str:
        return f"[{self.title}, p. {self.page}]"


@dataclass(frozen=True)
class Answer:
    question: str
    found: bool
    passages: list[Source] = field(default_factory=list)
    sentences: list[tuple[str, Source]] = field(default_factory=list)  # extractive answer
    claims: list[tuple[str, Source]] = field(default_factory=list)  # abstractive, if a model
    note: str = ""

    @property
    def text(self) -> str:
        """The answer as prose, each sentence or claim followed by its source."""
        if not self.found:
            return NOT_FOUND
        parts = self.claims or self.sentences
        return " ".join(f"{t} {s.cite}" for t, s in parts)

    def to_json(self) -> dict[str, object]:
        def src(s: Source) -> dict[str, object]:
            return {
                "document_id": s.document_id,
                "title": s.title,
                "path": s.path,
                "page": s.page,
                "section": s.section,
                "score": round(s.score, 4),
            }

        return {
            "question": self.question,
            "found": self.found,
            "answer": self.text,
            "extractive": [{"text": t, **src(s)} for t, s in self.sentences],
            "abstractive": [{"text": t, **src(s)} for t, s in self.claims],
            "passages": [{"text": s.text, **src(s)} for s in self.passages],
            "note": self.note,
        }


Generate = Callable[[Sequence[str]], list[str]]


def model_answerer(settings: Settings) -> Generate | None:
    """The installed seq2seq model's generate call for claims, or None (nothing is
    downloaded: the model must already be here)."""
    from summarizer.abstractive import AbstractiveEngine
    from summarizer.errors import SummarizerError
    from summarizer.loading import EngineChoice, load

    choice = EngineChoice("abstractive", settings.model, settings.backend, offline=True)
    try:
        engine = load(choice, settings.load_options())
    except SummarizerError:
        return None
    if not isinstance(engine, AbstractiveEngine):
        return None
    backend = engine.backend
    return lambda texts: backend.generate(texts, backend.settings_for(CLAIM_TOKENS))


def ask(store: Store, question: str, generate: Generate | None = None) -> Answer:
    """Answer ``question`` from the library's passages; ``generate`` (a loaded seq2seq
    model's summarize call) adds the abstractive answer."""
    question = " ".join(question.split())
    if not question:
        return Answer(question, False, note="Ask a question in words.")
    if not covered(question):
        note = meaning.NOT_READ.format(what="The question") + "; try `synopsis search`."
        return Answer(question, False, note=note)
    reason = meaning.unavailable_reason()
    if reason:
        return Answer(question, False, note=f"Asking needs the embedding model: {reason}")
    if not store.passage_count():
        return Answer(question, False, note="No passages are embedded yet; run `synopsis index`.")
    q = meaning.embed([question])[0]
    hits = [h for h in store.nearest_passages(q, PASSAGES) if h.score >= PASSAGE_MIN]
    if not hits:
        return Answer(question, False)
    sources = _sources(store, hits)
    sentences = best_sentences(q, sources)
    if not sentences:
        return Answer(question, False)
    claims = _claims(sentences, generate) if generate else []
    return Answer(question, True, sources, sentences, claims)


def _sources(store: Store, hits: list[PassageHit]) -> list[Source]:
    titles = store.document_titles([h.document_id for h in hits])
    return [
        Source(h.document_id, *titles[h.document_id], h.page, h.section, h.text, h.score)
        for h in hits
        if h.document_id in titles
    ]


def best_sentences(question: np.ndarray, sources: Sequence[Source]) -> list[tuple[str, Source]]:
    """The sentences of ``sources`` closest in meaning to the question, best first."""
    pairs = [
        (s, src)
        for src in sources
        for s in split_sentences(src.text, None)
        if len(s.split()) >= MIN_SENTENCE_WORDS
    ]
    unique = list({s: (s, src) for s, src in pairs}.values())
    if not unique:
        return []
    scores = meaning.embed([s for s, _ in unique]) @ question
    order = [i for i in np.argsort(-scores) if scores[i] >= SENTENCE_MIN][:SENTENCES]
    return [unique[i] for i in order]


def _claims(sentences: list[tuple[str, Source]], generate: Generate) -> list[tuple[str, Source]]:
    """One generated claim per source passage, from its answering sentences only."""
    by_source: dict[int, tuple[list[str], Source]] = {}
    for text, src in sentences:
        by_source.setdefault(id(src), ([], src))[0].append(text)
    inputs = [(" ".join(texts), src) for texts, src in by_source.values()]
    outputs = generate([t for t, _ in inputs])
    return [(" ".join(o.split()), src) for o, (_, src) in zip(outputs, inputs, strict=True) if o]
