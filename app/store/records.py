"""What the store hands out: small frozen records, never rows or cursors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Around matched words in search snippets: Unicode noncharacters, which the standard keeps
# for a program's internal use, so no document text holds them (ingestion drops them). Not
# private-use code points: PDFs' symbol fonts map real glyphs there. Only this module knows them;
# `marked_parts` and `SearchHit.marks` hand out matches as spans (#22).
SNIPPET_OPEN, SNIPPET_CLOSE = "\ufdd0", "\ufdd1"


def marked_parts(snippet: str) -> list[tuple[str, bool]]:
    """A marked snippet as (text, matched) pieces, in order, markers gone."""
    parts: list[tuple[str, bool]] = []
    for i, outside in enumerate(snippet.split(SNIPPET_OPEN)):
        inside, _, rest = outside.rpartition(SNIPPET_CLOSE) if i else ("", "", outside)
        if inside:
            parts.append((inside.replace(SNIPPET_CLOSE, ""), True))
        if rest:
            parts.append((rest, False))
    return parts


@dataclass(frozen=True)
class DocumentRecord:
    """One library entry as lists show it."""

    id: int
    sha256: str
    title: str
    path: str
    page_count: int
    method: str
    summarized_at: str
    summary: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummaryRecord:
    id: int
    summary_key: str
    method: str  # abstractive | extractive
    model: str
    runtime: str  # "" for the extractive method
    precision: str
    length: str
    text: str
    parts: list[dict[str, Any]]
    pages: list[int]
    coverage: float
    chunks: int
    seconds: float
    fallback_reason: str | None
    created_at: str
    outline: list[dict[str, Any]] = field(default_factory=list)  # per-section summaries


@dataclass(frozen=True)
class DocumentDetail:
    """Everything about one document, for `synopsis show` and the summary pane."""

    id: int
    sha256: str
    title: str
    page_count: int
    pages_with_text: int
    language: str
    metadata: dict[str, str]
    paths: list[str]
    summaries: list[SummaryRecord] = field(default_factory=list)
    added_at: str = ""
    authors: list[str] = field(default_factory=list)
    abstract: str = ""
    ocr_pages: list[int] = field(default_factory=list)  # text read from the page image
    # The whole outline, every level: [{"level", "title", "first_page", "last_page"}].
    sections: list[dict[str, Any]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    corrected: tuple[str, ...] = ()  # the fields the user set by hand: title, authors, date


@dataclass(frozen=True)
class SearchHit:
    document_id: int
    title: str
    path: str
    where: str  # "title" | "summary" | "page N"
    snippet: str  # with SNIPPET_OPEN/SNIPPET_CLOSE around matches: use `parts`, `text`, `marks`
    score: float

    @property
    def parts(self) -> list[tuple[str, bool]]:
        return marked_parts(self.snippet)

    @property
    def text(self) -> str:
        """The snippet as plain text."""
        return "".join(piece for piece, _ in self.parts)

    @property
    def marks(self) -> list[tuple[int, int]]:
        """[start, end) of each matched stretch of `text`."""
        spans, at = [], 0
        for piece, matched in self.parts:
            if matched:
                spans.append((at, at + len(piece)))
            at += len(piece)
        return spans

    def to_json(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "title": self.title,
            "path": self.path,
            "where": self.where,
            "snippet": self.text,
            "marks": [list(span) for span in self.marks],
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class FailureRecord:
    id: int
    path: str
    kind: str
    message: str
    time: str
