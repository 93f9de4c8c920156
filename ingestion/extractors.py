"""The two text extractors, pypdfium2 (default) and pypdf (fallback).

Each returns raw per-page text and metadata, translating its library's exceptions into the
`ingestion.errors` tree. `bench/extract.py` compares them; pdfium is 5-16x faster with text
that agrees with pypdf's, so it is the default (README, "Extraction benchmark").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ingestion.clean import whole_characters
from ingestion.collection import collection_parts
from ingestion.columns import column_text
from ingestion.encryption import encryption_problem
from ingestion.errors import EncryptedPdf, MalformedPdf, PdfError, PdfTooLarge
from ingestion.glyphs import hidden_glyphs, mark_lost_ligatures, with_fixes, with_ligature_marks
from ingestion.layout import SizedLine
from ingestion.line_sizes import sized_lines
from ingestion.rtl import logical_arabic, logical_rtl
from ingestion.titles import Front, read_front
from ingestion.type_headings import size_headings

log = logging.getLogger(__name__)

NAMES = ("pdfium", "pypdf")


HEADINGS_MIN_PAGES = 10  # outline summaries start at this length (summarizer.sections)


@dataclass
class RawPdf:
    """Raw text per page plus metadata, straight from an extractor."""

    pages: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    extractor: str = ""  # pdfium | pypdf
    warnings: list[str] = field(default_factory=list)
    layout_title: str = ""  # the largest type atop the first page with text (pdfium only)
    heading_title: str = ""  # else the bold heading above its first paragraph (pdfium only)
    authors: tuple[str, ...] = ()  # names under that title (pdfium only)
    large_text: str = ""  # lines set larger than the body there, to judge a metadata title
    bookmarks: list[tuple[int, str, int]] = field(default_factory=list)  # level, title, page
    # Lines in larger type (level, title, page), for long documents without bookmarks.
    headings: list[tuple[int, str, int]] = field(default_factory=list)
    lines: list[list[SizedLine]] = field(default_factory=list)  # every page's (pdfium only)
    landscape_pages: int = 0  # pages wider than tall (slides are)
    parts: tuple[str, ...] = ()  # a collection's parts, each under its own byline (pdfium only)


_PDF_DATE = re.compile(
    r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*([Zz+\-])?\s*(\d{2})?'?(\d{2})?"
)


def parse_pdf_date(value: str) -> str:
    """Turn a PDF date (``D:20090401163925-07'00'``) into ISO 8601; unknown forms pass through."""
    m = _PDF_DATE.match(value.strip())
    if not m:
        return value.strip()
    year, month, day, hour, minute, second, sign, tzh, tzm = m.groups()
    try:
        tz = UTC
        if sign in ("+", "-") and tzh:
            delta = timedelta(hours=int(tzh), minutes=int(tzm or 0))
            tz = timezone(delta if sign == "+" else -delta)
        dt = datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=tz,
        )
    except ValueError:
        return value.strip()
    return dt.isoformat()


_META_KEYS = {
    "title": "title",
    "author": "author",
    "subject": "subject",
    "keywords": "keywords",
    "creator": "creator",
    "producer": "producer",
    "creationdate": "created",
    "moddate": "modified",
}


def _tidy_metadata(raw: dict[str, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in raw.items():
        name = _META_KEYS.get(str(key).lstrip("/").lower())
        if name is None or value is None:
            continue
        text = whole_characters(str(value)).replace("\x00", "").strip()
        if not text:
            continue
        out[name] = parse_pdf_date(text) if name in ("created", "modified") else text
    return out


def _check_page_count(path: Path, count: int, max_pages: int) -> None:
    if count > max_pages:
        raise PdfTooLarge(path, f"{count} pages, the limit is {max_pages}", "max_pages")


def extract_pdfium(path: Path, password: str | None, max_pages: int) -> RawPdf:
    """Extract with pypdfium2 (PDFium, the engine inside Chrome): every page's text and its
    sized lines with their extent (for blocks, the title and headings)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise _locked(path, password) from exc
        raise MalformedPdf(path, _pdfium_detail(message)) from exc
    try:
        count = len(pdf)
        _check_page_count(path, count, max_pages)
        raw = RawPdf(pages=[], extractor="pdfium", bookmarks=_bookmarks(pdf, count))
        # Every word is measured on the first page with text (titles read mixed sizes) and
        # on every page where type sizes may be the only outline there is (headings); else a
        # line's first and last glyphs give its size, weight and extent (blocks).
        headings = count >= HEADINGS_MIN_PAGES and not raw.bookmarks
        front = True
        for index in range(count):
            had_text = _read_page(pdf, index, path, raw, front or headings)
            front = front and not had_text
        raw.metadata = _tidy_metadata(dict(pdf.get_metadata_dict()))
        # A dynamic XFA form's pages hold only a placeholder ("Please wait..."), no title (#20).
        placeholder = pdf.get_formtype() == pdfium_c.FORMTYPE_XFA_FULL
        if placeholder:
            raw.warnings.append("a dynamic XFA form: its pages hold a placeholder, not the form")
        _front_and_headings(raw, placeholder)
        return raw
    finally:
        pdf.close()


def _read_page(pdf: Any, index: int, path: Path, raw: RawPdf, every_word: bool) -> bool:
    """Page ``index``'s text (columns read one after the other) and sized lines, into ``raw``;
    a page whose text cannot be read is empty, with a warning. Whether it had text."""
    import pypdfium2 as pdfium

    try:
        page = pdf[index]
    except pdfium.PdfiumError as exc:
        raise MalformedPdf(path, f"page {index + 1} cannot be loaded") from exc
    try:
        width, height = page.get_width(), page.get_height()
        raw.landscape_pages += width > height
        textpage = page.get_textpage()
        # Surrogate halves kept, then joined or replaced: never dropped unseen (#20).
        found = textpage.get_text_range(errors="surrogatepass")
        marks = mark_lost_ligatures(textpage, found)  # a ligature's glyph without text (#19)
        hidden = hidden_glyphs(page, textpage, found)  # a white spacer glyph (#19)
        text = logical_arabic(textpage, whole_characters(found))
        lines = sized_lines(textpage, height, text, width, every_word)
        # Columns read across the gutter are read one after the other instead.
        columns = column_text(textpage, width, height)
        page_text = with_ligature_marks(columns or logical_rtl(textpage, text), marks)
        raw.pages.append(with_fixes(page_text, hidden))
        raw.lines.append(lines)
        textpage.close()
        return bool(text.strip())
    except pdfium.PdfiumError as exc:
        raw.warnings.append(f"page {index + 1}: text could not be read ({exc})")
        raw.pages.append("")
        raw.lines.append([])
        return False
    finally:
        page.close()


def _front_and_headings(raw: RawPdf, placeholder: bool) -> None:
    """Title and authors from the first page with text, after every page is read (banners
    repeated on many pages are never the title); headings in larger type where they may be
    the only outline there is."""
    pairs = zip(raw.pages, raw.lines, strict=True)
    first = next((lines for text, lines in pairs if text.strip()), None)
    front = read_front(first, raw.pages) if first and not placeholder else Front()
    raw.layout_title, raw.heading_title = front.title, front.heading
    raw.authors, raw.large_text = front.authors, front.large
    parts = collection_parts(raw.lines)
    if parts:
        # An anthology: a byline on its first page names one part's author, not the whole's;
        # its parts are its outline where it has no bookmarks.
        raw.parts = tuple(title for title, _, _ in parts)
        if set(raw.authors) & {name for _, names, _ in parts for name in names}:
            raw.authors = ()
        if not raw.bookmarks:
            raw.headings = [(0, title, page) for title, _, page in parts]
            return
    if len(raw.pages) >= HEADINGS_MIN_PAGES and not raw.bookmarks:
        raw.headings = size_headings(raw.lines)


MAX_BOOKMARKS = 2000


def _bookmarks(pdf: Any, pages: int) -> list[tuple[int, str, int]]:
    """The outline as (level, title, 1-based page); [] when there is none or it is broken."""
    out: list[tuple[int, str, int]] = []
    try:
        for item in pdf.get_toc(max_depth=6):
            dest = item.get_dest()
            index = dest.get_index() if dest is not None else None
            title = " ".join(whole_characters(item.get_title() or "").split())
            if title and index is not None and 0 <= index < pages:
                out.append((int(item.level), title, index + 1))
            if len(out) >= MAX_BOOKMARKS:
                break
    except Exception:  # a damaged outline never costs the text
        return []
    return out


def _locked(path: Path, password: str | None) -> PdfError:
    """A file that did not open with the password given (or none): locked, or broken when its
    encryption dictionary is, which no password opens (#22)."""
    problem = encryption_problem(path)
    if problem:
        return MalformedPdf(path, problem)
    return EncryptedPdf(path, wrong_password=password is not None)


def _pdfium_detail(message: str) -> str:
    m = re.search(r"\(PDFium: ([^)]*)\)", message)
    return m.group(1).strip().lower().rstrip(".") if m else message


def extract_pypdf(path: Path, password: str | None, max_pages: int) -> RawPdf:
    """Extract with pypdf (pure Python; tolerant of some damage PDFium rejects)."""
    import pypdf
    from pypdf.errors import FileNotDecryptedError

    # pypdf logs every recovery step at WARNING; we report what matters ourselves.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            result = reader.decrypt(password or "")
            if result == pypdf.PasswordType.NOT_DECRYPTED:
                raise _locked(path, password)
        count = len(reader.pages)
    except PdfError:
        raise
    except FileNotDecryptedError as exc:
        raise _locked(path, password) from exc
    except Exception as exc:  # pypdf raises many kinds (PdfReadError, KeyError...) on damage
        raise MalformedPdf(path, f"{type(exc).__name__}: {exc}") from exc
    _check_page_count(path, count, max_pages)
    pages: list[str] = []
    warnings: list[str] = []
    landscape = 0
    for index in range(count):
        try:
            box = reader.pages[index].mediabox
            landscape += box.width > box.height
            pages.append(whole_characters(reader.pages[index].extract_text() or ""))
        except Exception as exc:  # one bad page must not lose the others
            warnings.append(f"page {index + 1}: text could not be read ({type(exc).__name__})")
            pages.append("")
    try:
        metadata = _tidy_metadata(dict(reader.metadata or {}))
    except Exception:
        metadata = {}
        warnings.append("metadata could not be read")
    return RawPdf(
        pages=pages,
        metadata=metadata,
        extractor="pypdf",
        warnings=warnings,
        landscape_pages=landscape,
    )


Extractor = Callable[[Path, "str | None", int], RawPdf]
EXTRACTORS: dict[str, Extractor] = {"pdfium": extract_pdfium, "pypdf": extract_pypdf}


def extract_raw(
    path: Path,
    password: str | None,
    max_pages: int,
    extractor: str = "pdfium",
) -> RawPdf:
    """Extract with ``extractor``; when it fails on a damaged file, try the other one.

    Encryption and size errors are final: the other extractor would say the same.
    """
    order = [extractor, *[e for e in NAMES if e != extractor]]
    first_error: MalformedPdf | None = None
    for name in order:
        try:
            raw = EXTRACTORS[name](path, password, max_pages)
        except MalformedPdf as exc:
            log.info("%s failed on %s: %s", name, path, exc.user_message)
            first_error = first_error or exc
            continue
        if first_error is not None:
            raw.warnings.append(f"recovered with {name} after {order[0]} failed")
        return raw
    assert first_error is not None
    raise first_error
