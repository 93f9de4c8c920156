"""The summarizer's plug-in point: an `Engine` turns documents into summaries.

An engine has one method that matters, `Engine.summarize(docs, options)`: an iterator of
`Generated` (chunks done so far) and `Done` (one document's summary, or the error it failed
with). The `SummaryOptions` travel with each call, so one loaded engine serves any length or
beam count. Each engine follows one summarizing *method*: `AbstractiveEngine(backend)`
(map-reduce over a seq2seq `Backend`, which runs the model on a *runtime*;
`summarizer.abstractive`) and `ExtractiveEngine` (central sentences, no runtime;
`summarizer.extractive`). See the glossary in docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from ingestion.document import Document, FormField, Section, Sentence
from ingestion.errors import AppError
from ingestion.sentences import without_abstract
from summarizer.base import Summary, SummaryOptions, SummaryPart, summary_key


class ChunkCache(Protocol):
    """Where finished window summaries are checkpointed (the store provides one)."""

    def get_many(self, keys: Sequence[str]) -> dict[str, str]: ...

    def put_many(self, items: dict[str, str]) -> None: ...


@dataclass(frozen=True)
class Profile:
    """What is known of a document beyond its sentences, for the gist (`summarizer.gist`)."""

    title: str = ""
    authors: tuple[str, ...] = ()
    author: str = ""  # the metadata's author (an issuer, often), used when no byline is found
    year: str = ""
    abstract: str = ""
    page_count: int = 0
    landscape_pages: int = 0
    # The first pages' blocks as lines (text, page, role): datelines, a letter's subject line
    # and a court's caption keep their own lines here, where sentences may run them together.
    front: tuple[Sentence, ...] = ()
    made_by: str = ""  # the PDF's creator and producer (a browser prints web pages)
    meta_title: str = ""  # the metadata's title as written (a browser's is the page's name)
    notices: tuple[str, ...] = ()  # the blocks with a copyright notice, in reading order
    parts: tuple[str, ...] = ()  # a collection's parts, each under its own byline
    fields: tuple[FormField, ...] = ()  # a fill-in form's fields (`ingestion.form_fields`)


@dataclass(frozen=True)
class DocInput:
    """What the summarizer needs of a document: its sentences with pages, and what else is
    known of it (a plain text has an empty profile)."""

    key: str
    sentences: Sequence[Sentence]
    pages_with_text: int = 0
    outline: Sequence[Section] = ()
    profile: Profile = Profile()


_NOTICE_MARK = re.compile(r"©|\bcopyright\b|\(c\)\s*\d{4}", re.IGNORECASE)
MIN_YEAR = 1970  # PDF dates before this are unset clocks
FRONT_PAGES = 2  # the profile keeps the blocks of the first pages ...
FRONT_BLOCKS = 200  # ... up to this many


def input_for(doc: Document) -> DocInput:
    """What the summarizer gets of a document: its sentences less the author's abstract (the
    gist quotes it apart), and its profile."""
    created = doc.metadata.get("created", "")[:4]
    year = created if created.isdigit() and int(created) >= MIN_YEAR else ""
    profile = Profile(
        title=doc.title,
        authors=doc.authors,
        author=doc.metadata.get("author", ""),
        year=year,
        abstract=doc.abstract,
        page_count=doc.page_count,
        landscape_pages=doc.landscape_pages,
        front=tuple(
            Sentence(" ".join(b.text.split()), b.page, b.role)
            for b in doc.blocks[:FRONT_BLOCKS]
            if b.page <= FRONT_PAGES
        ),
        made_by=f"{doc.metadata.get('creator', '')} {doc.metadata.get('producer', '')}".strip(),
        meta_title=doc.metadata.get("title", ""),
        notices=tuple(b.text for b in doc.blocks if _NOTICE_MARK.search(b.text)),
        parts=doc.parts,
        fields=doc.fields,
    )
    return DocInput(doc.sha256, without_abstract(doc), len(doc.usable_pages), doc.outline, profile)


@dataclass(frozen=True)
class Generated:
    """Chunks generated so far in this call, of a total that may grow as reduce levels form."""

    done: int
    total: int


@dataclass(frozen=True)
class Done:
    """Document ``index`` (its place in the call's ``docs``) is finished."""

    index: int
    result: Summary | AppError


@dataclass(frozen=True)
class EngineSpec:
    """What names an engine: known before it is loaded (`summarizer.loading.plan`), so a batch
    can say which engine it runs and which summaries are already stored without a model."""

    method: str  # "abstractive" | "extractive"
    model_id: str
    runtime: str = ""  # a backend's name; "" for the extractive method
    precision: str = "fp32"
    device: str = "cpu"
    fallback_reason: str | None = None  # why `--engine auto` chose this engine

    def key(self, options: SummaryOptions) -> str:
        """The summary key: equal keys, interchangeable summaries of the same bytes."""
        return summary_key(self.method, self.model_id, self.runtime, self.precision, options.length)

    def describe(self) -> str:
        runs_on = self.runtime or self.method
        return (
            f"{self.method} engine: {runs_on} ({self.model_id}, {self.precision} on {self.device})"
        )


class Engine(ABC):
    """One way of summarizing; see the module docstring."""

    method: ClassVar[str]  # "abstractive" | "extractive"
    runtime: str = ""  # what runs the model: a backend's name; "" for the extractive method
    model_id: str
    precision: str = "fp32"
    device: str = "cpu"

    def __init__(self, fallback_reason: str | None = None) -> None:
        self.fallback_reason = fallback_reason  # why `--engine auto` chose this engine

    @abstractmethod
    def summarize(
        self,
        docs: Sequence[DocInput],
        options: SummaryOptions,
        *,
        cache: ChunkCache | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[Generated | Done]:
        """Summarize ``docs``: progress as it happens, and one `Done` per document (in any
        order). A cancel request raises `summarizer.errors.Cancelled` between steps."""

    def estimate_chunks(self, docs: int, pages: int) -> int:
        """Rough number of generation steps for ``docs`` documents of ``pages`` pages in all."""
        return docs

    def close(self) -> None:  # noqa: B027 - optional hook, not abstract
        """Free what the engine holds (optional)."""

    # -- what every engine shares ---------------------------------------------------------

    @property
    def spec(self) -> EngineSpec:
        """What names this engine (the same as `summarizer.loading.plan` says before loading)."""
        return EngineSpec(
            self.method,
            self.model_id,
            self.runtime,
            self.precision,
            self.device,
            self.fallback_reason,
        )

    def key(self, options: SummaryOptions) -> str:
        """The summary key: equal keys, interchangeable summaries of the same bytes."""
        return self.spec.key(options)

    def describe(self) -> str:
        return self.spec.describe()

    def summarize_all(
        self,
        docs: Sequence[DocInput],
        options: SummaryOptions,
        *,
        cache: ChunkCache | None = None,
        should_cancel: Callable[[], bool] | None = None,
        on_progress: Callable[[Generated], None] | None = None,
    ) -> list[Summary | AppError]:
        """One result per document, in order: a `Summary`, or the `AppError` it failed with."""
        results: list[Summary | AppError | None] = [None] * len(docs)
        for step in self.summarize(docs, options, cache=cache, should_cancel=should_cancel):
            if isinstance(step, Done):
                results[step.index] = step.result
            elif on_progress is not None:
                on_progress(step)
        missing = [i for i, r in enumerate(results) if r is None]
        if missing:  # an engine's bug, not the user's: say which documents it dropped
            raise RuntimeError(f"{self.method} engine returned no result for documents {missing}")
        return [r for r in results if r is not None]

    def summarize_one(self, doc: DocInput, options: SummaryOptions) -> Summary:
        """One document's summary; its error is raised."""
        (result,) = self.summarize_all([doc], options)
        if isinstance(result, AppError):
            raise result
        return result

    def summary_of(
        self,
        doc: DocInput,
        parts: Sequence[SummaryPart],
        options: SummaryOptions,
        *,
        chunks: int = 1,
        levels: int = 1,
        seconds: float = 0.0,
    ) -> Summary:
        used = {s.page for s in doc.sentences}
        with_text = max(doc.pages_with_text, len(used)) or 1
        return Summary(
            text=" ".join(p.text for p in parts),
            parts=tuple(parts),
            method=self.method,
            runtime=self.runtime,
            model=self.model_id,
            precision=self.precision,
            length=options.length,
            coverage=round(len(used) / with_text, 4),
            chunks=chunks,
            levels=levels,
            seconds=round(seconds, 4),
            fallback_reason=self.fallback_reason,
        )
