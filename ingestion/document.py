"""The data ingestion hands to everyone else: small frozen dataclasses, no parser objects."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class PageQuality:
    """How trustworthy a page's text is, measured on the raw extracted text."""

    chars: int
    printable_ratio: float
    word_ratio: float
    no_text: bool
    garbled: bool

    @property
    def usable(self) -> bool:
        return not (self.no_text or self.garbled)


@dataclass(frozen=True)
class Page:
    """One page: its 1-based number, cleaned text and quality."""

    number: int
    text: str
    quality: PageQuality
    ocr: bool = False  # the text was read from the page's image (no usable text layer)


@dataclass(frozen=True)
class Sentence:
    """A sentence, the 1-based page it starts on, the role of the block it stands in
    (`Block.role`; "paragraph" for plain text) and the heading of its section ("" before any)."""

    text: str
    page: int
    role: str = "paragraph"
    section: str = ""


@dataclass(frozen=True)
class Section:
    """One entry of a document's outline (from its bookmarks): level 0 is the top."""

    level: int
    title: str
    first_page: int
    last_page: int


@dataclass(frozen=True)
class Block:
    """A run of lines with one role (`ingestion.blocks`): every document's structure."""

    role: str  # title, authors, abstract, heading, paragraph, list item, caption, table, ...
    page: int
    bbox: tuple[float, float, float, float]  # x0, y0, x1, y1: shares of the page, bottom-left
    text: str
    level: int | None = None  # a heading's level (0 is the top)


@dataclass(frozen=True)
class FormField:
    """One fill-in field of a form (`ingestion.form_fields`): what it asks for (its printed
    label, else its tooltip or name; "" when none says), its sort (text, check, radio, choice,
    signature), whether it holds a value, the choices it offers and its first page."""

    label: str
    kind: str
    filled: bool
    choices: tuple[str, ...] = ()
    page: int = 1


@dataclass(frozen=True)
class Document:
    """A parsed PDF. ``pages`` hold cleaned text (headers, footers, hyphenation removed)."""

    path: str
    sha256: str
    title: str
    page_count: int
    pages: tuple[Page, ...]
    metadata: dict[str, str] = field(default_factory=dict)
    language: str = "english"
    extractor: str = "pdfium"  # which PDF text extractor read it
    warnings: tuple[str, ...] = ()
    outline: tuple[Section, ...] = ()
    authors: tuple[str, ...] = ()
    abstract: str = ""  # the author's abstract, kept apart from the generated summary
    blocks: tuple[Block, ...] = ()  # every page's blocks with roles, in reading order
    landscape_pages: int = 0  # pages wider than tall
    parts: tuple[str, ...] = ()  # a collection's parts (`ingestion.collection`), in order
    fields: tuple[FormField, ...] = ()  # a fill-in form's fields (its AcroForm)

    @property
    def usable_pages(self) -> tuple[Page, ...]:
        return tuple(p for p in self.pages if p.quality.usable)

    @property
    def ocr_pages(self) -> tuple[int, ...]:
        return tuple(p.number for p in self.pages if p.ocr)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.usable_pages if p.text)

    def to_json(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "title": self.title,
            "page_count": self.page_count,
            "language": self.language,
            "extractor": self.extractor,
            "metadata": dict(self.metadata),
            "warnings": list(self.warnings),
            "authors": list(self.authors),
            "abstract": self.abstract,
            "outline": [asdict(s) for s in self.outline],
            **({"parts": list(self.parts)} if self.parts else {}),
            "ocr_pages": list(self.ocr_pages),
            "pages": [
                {"number": p.number, "text": p.text, "ocr": p.ocr, "quality": asdict(p.quality)}
                for p in self.pages
            ],
            "blocks": [{k: v for k, v in asdict(b).items() if v is not None} for b in self.blocks],
        }
