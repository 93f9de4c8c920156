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
from ingestion.columns import column_text
from ingestion.encryption import encryption_problem
from ingestion.errors import EncryptedPdf, MalformedPdf, PdfError, PdfTooLarge
from ingestion.layout import (
    SizedLine,
    logical_arabic,
    logical_rtl,
    size_headings,
    sized_lines,
)
from ingestion.titles import Front, read_front

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
    lines: list[list[SizedLine]] = field(default_factory=list)  # every page's, when asked
    landscape_pages: int = 0  # pages wider than tall (slides are)


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


def extract_pdfium(
    path: Path, password: str | None, max_pages: int, all_lines: bool = False
) -> RawPdf:
    """Extract with pypdfium2 (PDFium, the engine inside Chrome); with ``all_lines``, keep
    every page's sized lines with their extent (for `extract --json`'s blocks)."""
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
        pages: list[str] = []
        warnings: list[str] = []
        front_lines: list[SizedLine] | None = None
        bookmarks = _bookmarks(pdf, count)
        landscape = 0
        # Type sizes on every page only where they may be the only outline there is.
        want_headings = count >= HEADINGS_MIN_PAGES and not bookmarks
        sized: list[list[SizedLine]] | None = [] if want_headings or all_lines else None
        for index in range(count):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as exc:
                raise MalformedPdf(path, f"page {index + 1} cannot be loaded") from exc
            try:
                landscape += page.get_width() > page.get_height()
                textpage = page.get_textpage()
                # Surrogate halves kept, then joined or replaced: never dropped unseen (#20).
                text = whole_characters(textpage.get_text_range(errors="surrogatepass"))
                text = logical_arabic(textpage, text)
                front_page = front_lines is None and bool(text.strip())
                if sized is not None or front_page:
                    # Extents where wanted: blocks, and the subtitle rule centres lines.
                    width = page.get_width() if all_lines or front_page else 0.0
                    lines = sized_lines(textpage, page.get_height(), text, width)
                    if sized is not None:
                        sized.append(lines)
                    if front_page:
                        front_lines = lines
                # Columns read across the gutter are read one after the other instead.
                columns = column_text(textpage, page.get_width(), page.get_height())
                pages.append(columns or logical_rtl(textpage, text))
                textpage.close()
            except pdfium.PdfiumError as exc:
                warnings.append(f"page {index + 1}: text could not be read ({exc})")
                pages.append("")
                if sized is not None and len(sized) < len(pages):
                    sized.append([])
            finally:
                page.close()
        metadata = _tidy_metadata(dict(pdf.get_metadata_dict()))
        # After every page is read: banners repeated on many pages are never the title. A
        # dynamic XFA form's pages hold only a placeholder ("Please wait..."), no title (#20).
        placeholder = pdf.get_formtype() == pdfium_c.FORMTYPE_XFA_FULL
        front = read_front(front_lines, pages) if front_lines and not placeholder else Front()
        if placeholder:
            warnings.append("a dynamic XFA form: its pages hold a placeholder, not the form")
        return RawPdf(
            bookmarks=bookmarks,
            headings=size_headings(sized) if sized and want_headings else [],
            lines=sized if sized is not None and all_lines else [],
            pages=pages,
            metadata=metadata,
            extractor="pdfium",
            warnings=warnings,
            layout_title=front.title,
            heading_title=front.heading,
            authors=front.authors,
            large_text=front.large,
            landscape_pages=landscape,
        )
    finally:
        pdf.close()


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
    all_lines: bool = False,
) -> RawPdf:
    """Extract with ``extractor``; when it fails on a damaged file, try the other one.

    Encryption and size errors are final: the other extractor would say the same.
    """
    order = [extractor, *[e for e in NAMES if e != extractor]]
    first_error: MalformedPdf | None = None
    for name in order:
        try:
            if name == "pdfium":
                raw = extract_pdfium(path, password, max_pages, all_lines)
            else:
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
