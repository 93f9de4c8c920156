"""`read_pdf`: PDF file -> `Document`, safely.

PDFs are untrusted input. By default the parser runs in a separate worker process with a
per-file time limit and an address-space bound, so a file that hangs or explodes a parser
(decompression bombs, cyclic page trees) costs one error message, never the batch.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ingestion import ocr
from ingestion.blocks import make_blocks
from ingestion.clean import clean_pages
from ingestion.document import Block, Document, Page
from ingestion.errors import (
    AppError,
    MalformedPdf,
    NotAPdf,
    NoTextLayer,
    PdfError,
    PdfTooLarge,
)
from ingestion.extractors import RawPdf, extract_raw
from ingestion.form_fields import read_form_fields
from ingestion.front_abstract import unlabelled_abstract
from ingestion.layout import SizedLine
from ingestion.line_groups import text_lines
from ingestion.outline import outline_for
from ingestion.quality import measure
from ingestion.sentences import detect_language
from ingestion.title_choice import guess_title
from ingestion.worker import WorkerPool, default_pool

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-file bounds for extraction."""

    timeout_s: float = 120.0
    memory_mb: int = 2048  # extra address space the parser may map
    max_file_mb: int = 1024
    max_pages: int = 10000
    extractor: str = "pdfium"  # pdfium | pypdf
    ocr: str = "auto"  # auto (pages without usable text) | always | never
    ocr_lang: str = ""  # Tesseract pack(s) such as "deu" or "rus+eng"; "" detects the script


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(MiB), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_file(path: Path, limits: Limits) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
    except FileNotFoundError as exc:
        raise AppError(f"{path} does not exist; check the path.") from exc
    except OSError as exc:
        raise AppError(f"{path} cannot be read ({exc.strerror}); check its permissions.") from exc
    if size == 0:
        raise MalformedPdf(path, "the file is empty, 0 bytes")
    if size > limits.max_file_mb * MiB:
        raise PdfTooLarge(
            path, f"{size / MiB:.0f} MB, the limit is {limits.max_file_mb} MB", "max_file_mb"
        )
    if b"%PDF" not in head:
        raise NotAPdf(path)


def build_document(
    path: Path, raw: RawPdf, sha: str, ocr: frozenset[int] = frozenset(), no_text_advice: str = ""
) -> Document:
    """Clean, measure and title the raw pages; refuse files without any usable text.

    ``ocr`` holds the 1-based pages whose text came from OCR.
    """
    if not raw.pages:  # nothing to scan or read: not "looks scanned" (#21)
        raise MalformedPdf(path, "it has no pages at all")
    qualities = [measure(text) for text in raw.pages]
    cleaned = clean_pages(raw.pages)
    pages = tuple(
        Page(number=i + 1, text=text if q.usable else "", quality=q, ocr=i + 1 in ocr)
        for i, (text, q) in enumerate(zip(cleaned, qualities, strict=True))
    )
    if not any(p.quality.usable and p.text.strip() for p in pages):
        raise NoTextLayer(path, len(pages), no_text_advice)
    warnings = list(raw.warnings)
    for p in pages:
        if p.quality.garbled:
            warnings.append(f"page {p.number}: text looks garbled (font without Unicode map)")
    usable_text = "\n\n".join(p.text for p in pages if p.quality.usable)
    return Document(
        path=str(path),
        sha256=sha,
        title=guess_title(
            raw.metadata,
            _first_text(raw.pages, pages),
            path,
            raw.layout_title,
            raw.heading_title,
            raw.large_text,
            "\n".join(raw.pages[:3]),
            raw.pages,
        ),
        page_count=len(pages),
        pages=pages,
        metadata=raw.metadata,
        language=detect_language(usable_text),
        extractor=raw.extractor,
        warnings=tuple(warnings),
        outline=outline_for(raw.bookmarks, raw.pages, raw.headings),
        authors=raw.authors,
        abstract=find_abstract([p.text for p in pages[:2]]),
        landscape_pages=raw.landscape_pages,
        parts=raw.parts,
    )


_ABSTRACT = re.compile(
    r"\bAbstract\b\s*[—–:.-]?\s*(?P<body>.+?)(?=\b(?:Keywords|Key words|Index Terms|"
    r"Categories and Subject)\b|\b(?:1|I)\.?\s+(?:Introduction|INTRODUCTION)\b|$)",
    re.DOTALL,
)
MAX_ABSTRACT_WORDS = 350


def find_abstract(first_pages: list[str]) -> str:
    """The text after "Abstract" on the first two pages, up to the keywords or the
    introduction; only its first paragraph when no such end is found nearby."""
    m = _ABSTRACT.search("\n\n".join(first_pages))
    if not m:
        return ""
    body = m["body"].strip()
    if len(body.split()) > MAX_ABSTRACT_WORDS:
        body = body.split("\n\n")[0]
        if len(body.split()) > MAX_ABSTRACT_WORDS:
            return ""
    return " ".join(body.split())


def _first_text(raw_pages: list[str], pages: tuple[Page, ...]) -> str:
    for raw, page in zip(raw_pages, pages, strict=True):
        if page.quality.usable and raw.strip():
            return raw
    return ""


def count_pages(path: Path, password: str | None) -> int:
    """Pages in a PDF, cheaply (for estimates); 0 when it cannot be opened."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError:
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


OnPage = Callable[[int, int], None]


def extract_document(
    path: Path,
    password: str | None,
    limits: Limits,
    on_page: OnPage | None = None,
    sha256: str | None = None,
) -> Document:
    """Read a PDF in this process (no isolation): the worker calls this.

    ``on_page(done, total)`` is called as OCR reads each page; ``sha256`` is the file's hash
    when the caller knows it (the batch hashes every file to find copies).
    """
    _check_file(path, limits)
    sha = sha256 or sha256_file(path)
    raw = extract_raw(path, password, limits.max_pages, limits.extractor)
    if not any(t.strip() for t in raw.pages) and raw.extractor == "pdfium":
        # Rare, but some files have text only one engine can see.
        try:
            other = extract_raw(path, password, limits.max_pages, "pypdf")
            if any(t.strip() for t in other.pages):
                raw = other
        except PdfError:
            pass
    ocr_done, advice = _ocr(path, password, raw, limits, on_page)
    doc = build_document(path, raw, sha, ocr_done, advice)
    fields = read_form_fields(path, password)
    blocks = document_blocks(doc, raw)
    if not doc.abstract:  # an abstract without its label, read from the blocks
        blocks, abstract = unlabelled_abstract(blocks)
        doc = replace(doc, abstract=abstract)
    return replace(doc, blocks=blocks, fields=fields)


def document_blocks(doc: Document, raw: RawPdf) -> tuple[Block, ...]:
    """One structure pass for every document: each page's lines as blocks with roles, from
    PDFium's layout where it measured the page, else from the page's text (OCR, pypdf)."""
    pages: list[list[SizedLine]] = []
    for page in doc.pages:
        i = page.number - 1
        measured = raw.lines[i] if i < len(raw.lines) and not page.ocr else []
        if not page.quality.usable:
            pages.append([])
        else:
            pages.append(measured or text_lines(raw.pages[i]))
    return make_blocks(
        pages, title=doc.title, authors=doc.authors, abstract=doc.abstract, outline=doc.outline
    )


def _ocr(
    path: Path, password: str | None, raw: RawPdf, limits: Limits, on_page: OnPage | None
) -> tuple[frozenset[int], str]:
    """OCR the pages that need it, in place in ``raw``; return those pages and, for a file
    left without text, what the user can do about it."""
    need = [
        i + 1
        for i, text in enumerate(raw.pages)
        if limits.ocr == "always" or not measure(text).usable
    ]
    if not need:
        return frozenset(), ""
    if limits.ocr == "never":
        return frozenset(), (
            "OCR is off (--ocr never); use --ocr auto, or run OCR on it first "
            "(e.g. `ocrmypdf in.pdf out.pdf`)"
        )
    why = ocr.unavailable()
    if why:
        return frozenset(), (
            f"{why}; install it and add the file again, or run OCR on it first "
            "(e.g. `ocrmypdf in.pdf out.pdf`)"
        )
    if on_page is not None:
        on_page(0, len(need))
    texts = ocr.ocr_pages(path, password, need, limits.ocr_lang, on_page)
    # Text no turn of the page made readable is noise: never summarized (#20).
    found = frozenset(n for n, text in texts.items() if ocr.readable(text))
    for n in found:
        raw.pages[n - 1] = texts[n]
    lang = limits.ocr_lang or "the detected script"
    return found, (
        f"OCR ({lang}) found no readable text on it either; name its language with --ocr-lang "
        "(e.g. deu, rus+eng) or rescan it at a higher resolution"
    )


def read_pdf(
    path: str | Path,
    password: str | None = None,
    *,
    limits: Limits | None = None,
    isolate: bool = True,
    pool: WorkerPool | None = None,
    on_page: OnPage | None = None,
    sha256: str | None = None,
) -> Document:
    """Parse a PDF into a `Document` (cleaned text per page, title, metadata, quality).

    Raises:
        PdfError: a subclass saying exactly what is wrong with the file and what to do.
    """
    path = Path(path)
    limits = limits or Limits()
    if not isolate:
        return extract_document(path, password, limits, on_page, sha256)
    _check_file(path, limits)  # cheap checks without paying for a round trip
    with (pool or default_pool()).worker() as worker:
        return worker.extract(path, password, limits, on_page, sha256)
