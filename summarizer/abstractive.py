"""The abstractive engine: chunk -> batch by length -> map -> reduce, over a seq2seq `Backend`.

Windows of all documents at the same reduce level are sorted by length and batched together
under a token budget; outputs are routed back to their documents. A failing batch is retried
item by item, so one document's failure never fails the others. Finished windows can be
checkpointed in a `ChunkCache`, so an interrupted run resumes without redoing them.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace

from ingestion.document import Section, Sentence
from ingestion.errors import AppError
from summarizer.base import (
    Backend,
    GenerationSettings,
    OutlinePart,
    Summary,
    SummaryOptions,
    SummaryPart,
)
from summarizer.candidates import body_of
from summarizer.chunking import Unit, Window, make_units, pack
from summarizer.engines import ChunkCache, DocInput, Done, Engine, Generated
from summarizer.errors import Cancelled, GenerationFailed, NothingToSummarize
from summarizer.gist import document_kind, with_gist
from summarizer.no_prose import little_prose, no_prose_line
from summarizer.preference import preferred_order
from summarizer.sections import sections_of, without_heading

MAX_LEVELS = 12
TOKENS_PER_PAGE = 600  # for the estimate, before a model has measured anything


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


class AbstractiveEngine(Engine):
    """Summarizes documents with one loaded backend; see the module docstring."""

    method = "abstractive"

    def __init__(self, backend: Backend, fallback_reason: str | None = None) -> None:
        super().__init__(fallback_reason)
        self.backend = backend
        self.runtime = backend.name
        self.model_id = backend.model_id
        self.precision = backend.precision
        self.device = backend.device

    def summarize(
        self,
        docs: Sequence[DocInput],
        options: SummaryOptions,
        *,
        cache: ChunkCache | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[Generated | Done]:
        call = _Call(self, options, cache, should_cancel or (lambda: False))
        # A form or a table gets its one honest line, not a model's guess at its labels.
        prose: list[int] = []
        for i, doc in enumerate(docs):
            kind = document_kind(doc) if doc.sentences else ""
            one_line = kind == "credits page" or little_prose(doc.sentences, doc.pages_with_text)
            if kind and one_line:
                line = no_prose_line(
                    doc.sentences,
                    doc.pages_with_text,
                    after_gist=bool(doc.profile.title),
                    kind=kind,
                    fields=doc.profile.fields,
                    title=doc.profile.title,
                    front=doc.profile.front,
                )
                summary = self.summary_of(doc, [line], options, chunks=0, levels=0)
                yield Done(i, with_gist(doc, summary, about=False))
            else:
                prose.append(i)
        # Running text is the input: cited titles, captions and tables are no summary.
        bodies = [replace(docs[i], sentences=body_of(docs[i].sentences)) for i in prose]
        results = yield from call.run(bodies)
        for i, result in zip(prose, results, strict=True):
            yield Done(i, result if isinstance(result, AppError) else with_gist(docs[i], result))

    @functools.cached_property
    def budget(self) -> int:
        """Input tokens left for text once the task prefix is in (fixed for a backend)."""
        prefix = self.backend.count_tokens([self.backend.prefix])[0] if self.backend.prefix else 0
        return self.backend.input_budget - prefix

    def max_new_tokens(self, options: SummaryOptions) -> int:
        # At most a third of the input budget, so any two partial summaries fit one window
        # and every reduce level at least halves the parts: reduce always terminates.
        return max(8, min(options.target_tokens, self.budget // 3))

    def windows_for(self, sentences: Sequence[Sentence]) -> list[Window]:
        """Level-0 windows of a document (exposed for tests and the estimate)."""
        units = make_units(
            [s.text for s in sentences],
            [(s.page,) for s in sentences],
            self.budget,
            self.backend.count_tokens,
        )
        return pack(units, self.budget, self.backend.count_tokens)

    def estimate_chunks(self, docs: int, pages: int) -> int:
        return max(docs, pages * TOKENS_PER_PAGE // self.budget)

    def close(self) -> None:
        self.backend.close()


class _Call:
    """One `AbstractiveEngine.summarize` call: its options, checkpoint and progress count."""

    def __init__(
        self,
        engine: AbstractiveEngine,
        options: SummaryOptions,
        cache: ChunkCache | None,
        should_cancel: Callable[[], bool],
    ) -> None:
        self.engine = engine
        self.backend = engine.backend
        self.options = options
        self.cache = cache
        self.should_cancel = should_cancel
        self.max_new_tokens = engine.max_new_tokens(options)
        self.key = engine.key(options)
        self._generated = 0  # windows generated so far in this call

    def run(self, docs: Sequence[DocInput]) -> Generator[Generated, None, list[Summary | AppError]]:
        """Map-reduce each document; a long document with an outline is map-reduced within
        each top-level section first (its outline summary), then across the section
        summaries (its overall summary). All documents' windows share the same batches. The
        model reads each text's findings and conclusions first (`preferred_order`), as the
        extractive engine prefers them (#19)."""
        plans = [_sections(doc) for doc in docs]
        plans = [p if sum(bool(sents) for _, sents in p) >= 2 else [] for p in plans]
        jobs: list[DocInput] = []
        for doc, plan in zip(docs, plans, strict=True):
            inputs: list[Sequence[Sentence]] = [sents for _, sents in plan if sents] or [
                doc.sentences
            ]
            inputs = [preferred_order(sents, doc.outline) for sents in inputs]
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
            summary = self.engine.summary_of(
                docs[i],
                list(result.parts),
                self.options,
                chunks=sum(p.chunks for p in steps),
                levels=max(p.levels for p in sections) + result.levels,
                seconds=sum(p.seconds for p in steps),
            )
            results[i] = replace(summary, outline=outline)
        return results

    def _map_reduce(
        self, docs: Sequence[DocInput]
    ) -> Generator[Generated, None, list[Summary | AppError]]:
        states = [_State(doc) for doc in docs]
        for st in states:
            if not st.doc.sentences:
                st.error, st.done = NothingToSummarize(), True
            else:
                st.windows = self.engine.windows_for(st.doc.sentences)
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
            else self.engine.summary_of(
                st.doc,
                st.parts,
                self.options,
                chunks=st.chunks,
                levels=st.levels,
                seconds=st.seconds,
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
        windows = pack(units, self.engine.budget, self.backend.count_tokens)
        if len(windows) >= len(st.parts):  # no progress possible: stop rather than loop
            return []
        return windows

    def _generate_all(
        self, texts: list[str], done: int, total: int
    ) -> Generator[Generated, None, list[tuple[str, float] | AppError]]:
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
        settings = self.backend.settings_for(self.max_new_tokens, self.options.num_beams)
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
            yield Generated(finished, total)
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
