"""`read_pdf`: PDF file -> `Document`, safely.

PDFs are untrusted input. By default the parser runs in a separate worker process with a
per-file time limit and an address-space bound, so a file that hangs or explodes a parser
(decompression bombs, cyclic page trees) costs one error message, never the batch.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ingestion import ocr
from ingestion.blocks import make_blocks
from ingestion.clean import clean_pages, normalize
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
from ingestion.layout import SizedLine
from ingestion.line_groups import text_lines
from ingestion.outline import TRAILING_PAGE, outline_for
from ingestion.quality import measure
from ingestion.sentences import detect_language
from ingestion.title_text import REVISION, running_title, stamped_line
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


_TITLE_NOISE = re.compile(
    r"copyright|©|\(c\)|@|https?:|www\.|doi|arxiv|issn|isbn|vol\.|proceedings|preprint"
    r"|^abstract$|^keywords|^page\b|^\d",
    re.IGNORECASE,
)
# A metadata title that is a file name, a template's placeholder or an editor's stamp (#20):
# "Microsoft Word - report.doc", "Screenshot 2025-07-29 at 00.15.56.png", "Document1",
# "Presentation2", "新規文書2" (a new document, 2), "untitled".
_META_JUNK = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel)\b|untitled\b|slide \d|screen ?shot\b)|"
    r"\.(?:pdf|docx?|tex|txt|png|jpe?g|tiff?|gif|bmp|pptx?|xlsx?|indd|qxd|rtf|odt|html?|ps|eps|dvi)$|"
    r"^(?:document|doc|presentation|book|sheet|slide|title|new document|unbenannt|sans titre|"
    r"sin título|без названия|新規文書|新建文档|新文档|无标题|無題|제목 없음)\s*-?\s*\d*$|"
    r"^[\w-]*_[\w-]*$|\d{4}-\d\d-\d\d at \d|" + REVISION.pattern,
    re.IGNORECASE,
)
# Legal documents (#20): an act names itself; a court's document is its case.
_CITED_AS = re.compile(
    r"\bmay be cited as (?:the )?[\"“'‘](?P<title>[^\"”’]{4,120})[\"”'’]", re.IGNORECASE
)
_CAPTION = re.compile(r"^(?=.{8,120}$)(?![^\d]*\d)(?!(?i:see|cf)\b)[A-Z][^.]*?\S\s+v\.?\s+[A-Z].*$")
_NEUTRAL_CITATION = re.compile(r"^\[(?:19|20)\d\d\]\s+[A-Z]{2,8}(?:\s+[A-Z][a-z]+)?\s+\d{1,4}$")
_ET_AL = re.compile(r",?\s+et al\.?$", re.IGNORECASE)
_VERSUS_LINE = re.compile(r"^v(?:s)?\.?(?:\s|$)", re.IGNORECASE)
_DOCKET = re.compile(r"\s+(?:docket|case|file|civil action|no\.)\b.*$", re.IGNORECASE)
_PARTY = re.compile(r"^[A-Z][^()]{2,80}$")


def _caption_over_lines(lines: list[str]) -> str:
    """A caption set over three lines, "v." alone between the parties (docket numbers set
    beside them are cut): "Charles R. Goodwin" / "V." / "Morristown Driver's Services, Inc."."""
    for i in range(1, len(lines) - 1):
        if _VERSUS_LINE.match(lines[i]):
            left = _DOCKET.sub("", lines[i - 1]).strip(" ,")
            right = _ET_AL.sub("", _DOCKET.sub("", lines[i + 1])).strip(" ,")
            if _PARTY.match(left) and _PARTY.match(right):
                return f"{left} v. {right}"
    return ""


CAPTION_LINES = 25  # a caption or citation is looked for among the first page's first lines
_FOLD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
META_MATCH = 0.8  # share of a metadata title's words found in the large type of page 1


def real_metadata_title(title: str) -> bool:
    """Whether a metadata title may be the document's: not a file name, placeholder or stamp,
    with some letters."""
    title = " ".join(title.split())
    letters = sum(c.isalpha() for c in title)
    return len(title) >= 3 and letters >= 3 and not _META_JUNK.search(title)


def _found(title: str, text: str) -> int:
    """How many of the title's words are in ``text`` (CJK runs, written without spaces, as
    parts of it)."""
    folded = normalize(text).casefold()
    have = set(_FOLD.findall(folded))
    want = _FOLD.findall(normalize(title).casefold())
    return sum(w in have or (bool(_CJK.search(w)) and w in folded) for w in want)


_VENUE = re.compile(r"\b(?:transactions|journal|proceedings|conference|symposium|vol|volume)\b")


def _opens(head: str, title: str) -> bool:
    """Whether ``title`` starts with every word of ``head`` and goes on: type of one size
    that ran on past the title (into its issuer), where the metadata says where it ends."""
    words = _FOLD.findall(normalize(head).casefold())
    more = _FOLD.findall(normalize(title).casefold())
    return len(words) >= 2 and len(more) > len(words) and more[: len(words)] == words


def _within(part: str, whole: str) -> bool:
    """Whether every word of ``part`` is in ``whole``, and ``whole`` has more."""
    words = _FOLD.findall(normalize(part).casefold())
    more = _FOLD.findall(normalize(whole).casefold())
    rest = " ".join(w for w in more if w not in words)
    return bool(words) and bool(rest) and set(words) <= set(more) and not _VENUE.search(rest)


def _share_found(title: str, text: str) -> float:
    want = len(_FOLD.findall(normalize(title).casefold()))
    return _found(title, text) / want if want else 0.0


def _title_line(line: str) -> bool:
    words = line.split()
    letters = sum(c.isalpha() for c in line)
    return (
        2 <= len(words) <= 20
        and 8 <= len(line) <= 200
        and letters >= 0.6 * len(line.replace(" ", ""))
        and not _TITLE_NOISE.search(line)
        and line[-1] not in ",;"
    )


def guess_title(
    metadata: dict[str, str],
    first_page: str,
    path: Path,
    layout_title: str = "",
    heading_title: str = "",
    large_text: str = "",
    opening: str = "",
    pages: Sequence[str] = (),
) -> str:
    """The document's title, from named signals in order (#10, #20):

    0. an act's short title ("This Act may be cited as the “…”") in ``opening`` (the text
       of its first pages): what the act calls itself, never its issuer;
    1. a real metadata title (`real_metadata_title`) whose words are in the large type of the
       first page, and as many of them as the layout's title has: the author's own title,
       whole, where the page sets it in pieces;
    2. the largest type atop the first page (metadata titles are often a template's or an
       earlier version's), or a real metadata title holding all its words and more, or
       one its words begin with (where it ran past the title);
    3. another real metadata title (a stronger sign than a bold heading), or the first page's
       line that a stamp in the metadata points to (`title_text.stamped_line`);
    4. the bold heading above the first paragraph;
    5. a case caption ("Goodwin v. Morristown …") or a neutral citation ("[2001] IESC 63")
       among the first page's first lines, else the running head atop it and other
       ``pages`` (`title_text.running_title`), else its first title-like line (not one citing
       a work "et al.");
    6. the file name.

    ``first_page`` is raw (unreflowed) text, where a title still sits on lines of its own.
    """
    cited = _CITED_AS.search(" ".join(opening.split()))
    if cited:
        return normalize(cited["title"]).strip(" ,.‘’'\"“”")
    meta = " ".join(metadata.get("title", "").split())
    real = real_metadata_title(meta)
    if (
        real
        and large_text
        and _share_found(meta, large_text) >= META_MATCH
        and _found(meta, large_text) >= _found(layout_title, large_text)
    ):
        return normalize(meta)
    if layout_title and real and (_within(layout_title, meta) or _opens(meta, layout_title)):
        return normalize(meta)  # "Angola" on the cover, the whole title in the metadata
    if layout_title:
        return normalize(layout_title)
    if real:
        return normalize(meta)
    stamped = stamped_line(meta, normalize(first_page).split("\n"))
    if stamped:
        return stamped
    if heading_title:
        return normalize(heading_title)
    lines = [" ".join(ln.split()) for ln in normalize(first_page).split("\n")]
    lines = [ln for ln in lines if ln][:CAPTION_LINES]
    caption = _caption_over_lines(lines)
    if caption:
        return caption
    for pattern in (_CAPTION, _NEUTRAL_CITATION):
        found = next((ln for ln in lines if pattern.match(ln)), "")
        if found:
            return _ET_AL.sub("", found).strip(" ,")
    running = running_title(pages)
    if running:
        return running
    # Lines of field numbers alone ("(54)", "(71)": a patent's codes, read as a column apart
    # from their fields) do not count; a line citing a work by its authors, or over its
    # authors ("United States Patent" / "Eder et al."), is not its title.
    lines = [ln for ln in lines if sum(c.isalpha() for c in ln) >= 2][:12]
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _title_line(line) and not _ET_AL.search(line) and not _ET_AL.search(f" {nxt}"):
            title = line
            # A title wrapped onto a second short line ("...for Dynamic" / "Languages"),
            # or one in capitals onto another in capitals.
            if (
                nxt
                and len(nxt.split()) <= 4
                and nxt[:1].isupper()
                and not _TITLE_NOISE.search(nxt)
                and ":" not in nxt  # "Client: Apple Inc." is a label, not the title's end
                and not title.endswith((".", ":"))
                and (len(title) > 40 or (title.isupper() and nxt.isupper()))
            ):
                title = f"{title} {nxt}"
            return TRAILING_PAGE.sub("", title).rstrip(".")
    return path.stem.replace("_", " ")


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
    return replace(doc, blocks=document_blocks(doc, raw))


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
