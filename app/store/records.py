"""What the store hands out: small frozen records, never rows or cursors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SNIPPET_OPEN, SNIPPET_CLOSE = "[", "]"  # around matched words in search snippets


@dataclass(frozen=True)
class DocumentRecord:
    """One library entry as lists show it."""

    id: int
    sha256: str
    title: str
    path: str
    page_count: int
    engine: str
    summarized_at: str
    summary: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummaryRecord:
    id: int
    summary_key: str
    engine: str
    model: str
    backend: str
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
    snippet: str
    score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "title": self.title,
            "path": self.path,
            "where": self.where,
            "snippet": self.snippet,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class FailureRecord:
    id: int
    path: str
    kind: str
    message: str
    time: str
