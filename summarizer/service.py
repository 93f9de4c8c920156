"""Summarizing many documents at once: chunk -> batch by length -> map -> reduce.

Windows of all documents at the same reduce level are sorted by length and batched together
under a token budget; outputs are routed back to their documents. A failing batch is retried
item by item, so one document's failure never fails the others. Finished windows can be
checkpointed in a `ChunkCache`, so an interrupted run resumes without redoing them.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from ingestion.document import Section, Sentence
from ingestion.errors import AppError
from summarizer.base import (
    Backend,
    GenerationSettings,
    OutlinePart,
    Summary,
    SummaryPart,
    summary_key,
)
from summarizer.candidates import no_prose_line
from summarizer.chunking import Unit, Window, make_units, pack
from summarizer.errors import Cancelled, GenerationFailed, NothingToSummarize
from summarizer.sections import SECTION_WORDS, sections_of, without_heading

MAX_LEVELS = 12


class ChunkCache(Protocol):
    """Where finished window summaries are checkpointed (the store provides one)."""

    def get_many(self, keys: Sequence[str]) -> dict[str, str]: ...

    def put_many(self, items: dict[str, str]) -> None: ...


@dataclass(frozen=True)
class DocInput:
    """What the summarizer needs of a document: its sentences with pages."""

    key: str
    sentences: Sequence[Sentence]
    pages_with_text: int = 0
    outline: Sequence[Section] = ()


@dataclass(frozen=True)
class Progress:
    done: int
    total: int


@dataclass
class _State:
    doc: DocInput
    windows: list[Window] = field(default_factory=list)
    parts: list[SummaryPart] = field(default_factory=list)
    chunks: int = 0
    levels: int = 0
    seconds: float = 0.0
    error: AppError | None = None
    done: bool = False


def _sections(doc: DocInput) -> list[tuple[Section, list[Sentence]]]:
    return sections_of(doc.sentences, doc.outline, doc.pages_with_text)


class Summarizer:
    """Summarizes documents with one backend; see the module docstring."""

    def __init__(
        self,
        backend: Backend,
        *,
        cache: ChunkCache | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
        fallback_reason: str | None = None,
    ) -> None:
        self.backend = backend
        self.cache = cache
        self.on_progress = on_progress
        self.should_cancel = should_cancel or (lambda: False)
        self.fallback_reason = fallback_reason
        self.options = backend.options
        self._generated = 0  # windows generated so far in this summarize_many call

    @property
    def key(self) -> str:
        b = self.backend
        return summary_key(b.kind, b.model_id, b.name, b.precision, self.options.length)

    # -- public -----------------------------------------------------------------------------

    def summarize(self, doc: DocInput) -> Summary:
        result = self.summarize_many([doc])[0]
        if isinstance(result, AppError):
            raise result
        return result

    def summarize_many(self, docs: Sequence[DocInput]) -> list[Summary | AppError]:
        """One result per document, in order: a `Summary`, or the `AppError` it failed with.
        Chunk progress goes to ``on_progress``."""
        steps = self.summarize_iter(docs)
        while True:
            try:
                progress = next(steps)
            except StopIteration as done:
                return list(done.value)
            if self.on_progress:
                self.on_progress(progress)

    def summarize_iter(
        self, docs: Sequence[DocInput]
    ) -> Generator[Progress, None, list[Summary | AppError]]:
        """`summarize_many` as a generator: yields chunk progress as batches finish and
        returns the results, so a caller can pass progress on without a helper thread."""
        if self.backend.kind == "extractive":
            results: list[Summary | AppError] = []
            for i, doc in enumerate(docs):
                results.append(self._extractive(doc))
                yield Progress(i + 1, len(docs))
            return results
        return (yield from self._abstractive(docs))

    # -- extractive ---------------------------------------------------------------------------

    def _extractive(self, doc: DocInput) -> Summary | AppError:
        if self.should_cancel():
            raise Cancelled()
        if not doc.sentences:
            return NothingToSummarize()
        start = time.perf_counter()
        words = self.options.word_budget(sum(len(s.text.split()) for s in doc.sentences))
        parts = self.backend.summarize_sentences(  # type: ignore[attr-defined]
            doc.sentences, words
        ) or [no_prose_line(doc.sentences, doc.pages_with_text)]
        summary = self._summary(
            doc, list(parts), chunks=1, levels=1, seconds=time.perf_counter() - start
        )
        return replace(summary, outline=self._outline(doc))

    def _outline(self, doc: DocInput) -> tuple[OutlinePart, ...]:
        """One short summary per top-level section, for long documents with an outline."""
        out = []
        for section, inside in _sections(doc):
            parts = self.backend.summarize_sentences(  # type: ignore[attr-defined]
                inside, SECTION_WORDS
            )
            text = without_heading(" ".join(p.text for p in parts), section.title)
            out.append(OutlinePart(section.title, section.first_page, section.last_page, text))
        return tuple(out)

    # -- abstractive --------------------------------------------------------------------------

    @functools.cached_property
    def budget(self) -> int:
        """Input tokens left for text once the task prefix is in (fixed for a backend)."""
        prefix = self.backend.count_tokens([self.backend.prefix])[0] if self.backend.prefix else 0
        return self.backend.input_budget - prefix

    @property
    def max_new_tokens(self) -> int:
        # At most a third of the input budget, so any two partial summaries fit one window
        # and every reduce level at least halves the parts: reduce always terminates.
        return max(8, min(self.options.target_tokens, self.budget // 3))

    def windows_for(self, sentences: Sequence[Sentence]) -> list[Window]:
        """Level-0 windows of a document (exposed for tests and the estimate)."""
        units = make_units(
            [s.text for s in sentences],
            [(s.page,) for s in sentences],
            self.budget,
            self.backend.count_tokens,
        )
        return pack(units, self.budget, self.backend.count_tokens)

    def _abstractive(
        self, docs: Sequence[DocInput]
    ) -> Generator[Progress, None, list[Summary | AppError]]:
        """Map-reduce each document; a long document with an outline is map-reduced within
        each top-level section first (its outline summary), then across the section
        summaries (its overall summary). All documents' windows share the same batches."""
        self._generated = 0
        plans = [_sections(doc) for doc in docs]
        plans = [p if sum(bool(sents) for _, sents in p) >= 2 else [] for p in plans]
        jobs: list[DocInput] = []
        for doc, plan in zip(docs, plans, strict=True):
            inputs: list[Sequence[Sentence]] = [sents for _, sents in plan if sents] or [
                doc.sentences
            ]
            jobs += [DocInput(doc.key, sents, doc.pages_with_text) for sents in inputs]
        done = iter((yield from self._map_reduce(jobs)))
        results: list[Summary | AppError] = []
        across: list[tuple[int, tuple[OutlinePart, ...], list[Summary]]] = []
        for i, plan in enumerate(plans):
            if not plan:
                results.append(next(done))
                continue
            texts: list[str] = []
            sections: list[Summary] = []
            error: AppError | None = None
            for sec, sents in plan:
                r = next(done) if sents else None
                if isinstance(r, AppError):
                    error = error or r
                elif r is not None:
                    sections.append(r)
                texts.append(without_heading(r.text, sec.title) if isinstance(r, Summary) else "")
            results.append(error or NothingToSummarize())  # replaced below when all went well
            if error is None:
                outline = tuple(
                    OutlinePart(sec.title, sec.first_page, sec.last_page, text)
                    for (sec, _), text in zip(plan, texts, strict=True)
                )
                across.append((i, outline, sections))
        overall = yield from self._map_reduce(
            [
                DocInput(
                    docs[i].key,
                    [Sentence(o.text, o.first_page) for o in outline if o.text],
                    docs[i].pages_with_text,
                )
                for i, outline, _ in across
            ]
        )
        for (i, outline, sections), result in zip(across, overall, strict=True):
            if isinstance(result, AppError):
                results[i] = result
                continue
            steps = [*sections, result]
            summary = self._summary(
                docs[i],
                list(result.parts),
                chunks=sum(p.chunks for p in steps),
                levels=max(p.levels for p in sections) + result.levels,
                seconds=sum(p.seconds for p in steps),
            )
            results[i] = replace(summary, outline=outline)
        return results

    def _map_reduce(
        self, docs: Sequence[DocInput]
    ) -> Generator[Progress, None, list[Summary | AppError]]:
        states = [_State(doc) for doc in docs]
        for st in states:
            if not st.doc.sentences:
                st.error, st.done = NothingToSummarize(), True
            else:
                st.windows = self.windows_for(st.doc.sentences)
                st.chunks = len(st.windows)
        # Progress counts on across the passes of one call (sections, then across them).
        done = self._generated
        total = done + sum(len(st.windows) for st in states)
        while True:
            active = [st for st in states if not st.done]
            if not active:
                break
            items = [(st, w) for st in active for w in st.windows]
            outputs = yield from self._generate_all([w.text for _, w in items], done, total)
            done += len(items)
            for st in active:
                st.levels += 1
                mine = [(w, outputs[i]) for i, (s, w) in enumerate(items) if s is st]
                errors = [o for _, o in mine if isinstance(o, AppError)]
                if errors:
                    st.error, st.done = errors[0], True
                    continue
                done_items = [(w, o) for w, o in mine if not isinstance(o, AppError)]
                st.parts = [SummaryPart(o[0], w.pages) for w, o in done_items]
                st.seconds += sum(o[1] for _, o in done_items)
                st.windows = self._next_level(st)
                total += len(st.windows)
                st.done = not st.windows
        self._generated = done
        return [
            st.error
            if st.error
            else self._summary(
                st.doc, st.parts, chunks=st.chunks, levels=st.levels, seconds=st.seconds
            )
            for st in states
        ]

    def _next_level(self, st: _State) -> list[Window]:
        """Windows for the next reduce level, or [] when the parts fit the target length."""
        if len(st.parts) <= 1 or st.levels >= MAX_LEVELS:
            return []
        counts = self.backend.count_tokens([p.text for p in st.parts])
        if sum(counts) <= self.options.target_tokens:
            return []
        units = [Unit(p.text, p.pages, n) for p, n in zip(st.parts, counts, strict=True)]
        windows = pack(units, self.budget, self.backend.count_tokens)
        if len(windows) >= len(st.parts):  # no progress possible: stop rather than loop
            return []
        return windows

    def _generate_all(
        self, texts: list[str], done: int, total: int
    ) -> Generator[Progress, None, list[tuple[str, float] | AppError]]:
        """Generate every text: cached ones from the checkpoint, the rest in length buckets."""
        results: list[tuple[str, float] | AppError | None] = [None] * len(texts)
        keys = [self._cache_key(t) for t in texts]
        if self.cache is not None:
            hits = self.cache.get_many(keys)
            for i, k in enumerate(keys):
                if k in hits:
                    results[i] = (hits[k], 0.0)
        todo = [i for i, r in enumerate(results) if r is None]
        counts = self.backend.count_tokens([texts[i] for i in todo]) if todo else []
        order = [i for _, i in sorted(zip(counts, todo, strict=True), reverse=True)]
        lengths = dict(zip(todo, counts, strict=True))
        settings = self.backend.settings_for(self.max_new_tokens)
        finished = done + len(texts) - len(todo)
        for batch in self._batches(order, lengths):
            if self.should_cancel():
                raise Cancelled()
            outs = self._run_batch([texts[i] for i in batch], settings)
            fresh: dict[str, str] = {}
            for i, out in zip(batch, outs, strict=True):
                results[i] = out
                if not isinstance(out, AppError):
                    fresh[keys[i]] = out[0]
            if self.cache is not None and fresh:
                self.cache.put_many(fresh)
            finished += len(batch)
            yield Progress(finished, total)
        return [r for r in results if r is not None]

    def _batches(self, order: list[int], lengths: dict[int, int]) -> list[list[int]]:
        """Consecutive items (sorted longest first) under the padded-token budget."""
        batches: list[list[int]] = []
        current: list[int] = []
        for i in order:
            width = max([lengths[j] for j in current] + [lengths[i]])
            if current and (
                width * (len(current) + 1) > self.options.batch_tokens
                or len(current) >= self.options.max_batch
            ):
                batches.append(current)
                current = []
            current.append(i)
        if current:
            batches.append(current)
        return batches

    def _run_batch(
        self, batch: list[str], settings: GenerationSettings
    ) -> list[tuple[str, float] | AppError]:
        start = time.perf_counter()
        try:
            outs = self.backend.generate(batch, settings)
            if len(outs) != len(batch):
                raise RuntimeError(f"{len(outs)} outputs for {len(batch)} inputs")
        except Exception as exc:
            if len(batch) == 1:
                return [GenerationFailed(f"{type(exc).__name__}: {exc}")]
            # Retry one by one: only the inputs that really fail lose their documents.
            return [r for text in batch for r in self._run_batch([text], settings)]
        share = (time.perf_counter() - start) / len(batch)
        return [(" ".join(o.split()), share) for o in outs]

    def _cache_key(self, text: str) -> str:
        raw = f"{self.key}|{self.max_new_tokens}|{self.options.num_beams}|{text}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    # -- shared -------------------------------------------------------------------------------

    def _summary(
        self, doc: DocInput, parts: list[SummaryPart], *, chunks: int, levels: int, seconds: float
    ) -> Summary:
        used = {s.page for s in doc.sentences}
        with_text = max(doc.pages_with_text, len(used)) or 1
        b = self.backend
        return Summary(
            text=" ".join(p.text for p in parts),
            parts=tuple(parts),
            engine=b.kind,
            backend=b.name,
            model=b.model_id,
            precision=b.precision,
            length=self.options.length,
            coverage=round(len(used) / with_text, 4),
            chunks=chunks,
            levels=levels,
            seconds=round(seconds, 4),
            fallback_reason=self.fallback_reason,
        )
