"""OCR for pages without a usable text layer: PDFium renders the page, Tesseract reads it.

Runs inside the extraction worker (its time and memory bounds apply). Tesseract is a separate
program (Debian `tesseract-ocr` plus `tesseract-ocr-LANG` packs, Homebrew `tesseract`, or the
UB Mannheim installer on Windows) driven through pytesseract; where either is missing,
`unavailable()` says what to install and scanned files keep their "no text layer" message.

The language is the one asked for (``--ocr-lang``, e.g. ``deu`` or ``rus+eng``); otherwise
Tesseract's script detection (OSD) on the first page picks a language pack for the script.

Orientation is decided page by page (#20): PDFium renders each page as shown (its /Rotate
applied), OSD says how far the picture on it is turned, and where the text read that way is
still not prose (`readable`: too few function words), the other three quarter turns are
tried and the most readable kept. Text no turn makes readable is left out (not summarized).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingestion.quality import measure
from ingestion.sentences import function_word_share

OCR_MODES = ("auto", "always", "never")
DPI = 300
BLANK = 200  # a page with no pixel darker than this (of 255) holds nothing to read
# Tesseract script names (OSD) -> language packs worth trying, best first.
SCRIPT_LANGS = {
    "Latin": ("eng", "deu", "fra", "spa", "ita", "por", "nld"),
    "Cyrillic": ("rus", "ukr", "bul", "srp"),
    "Greek": ("ell",),
    "Arabic": ("ara", "fas"),
    "Hebrew": ("heb",),
    "Han": ("chi_sim", "chi_tra"),
    "HanS": ("chi_sim",),
    "HanT": ("chi_tra",),
    "Japanese": ("jpn",),
    "Hangul": ("kor",),
    "Korean": ("kor",),
    "Devanagari": ("hin",),
    "Thai": ("tha",),
}


@functools.cache
def _tesseract() -> Any:
    try:
        import pytesseract
    except ImportError:
        return None
    # Tesseract's OpenMP threads thrash when two extraction workers OCR at once: one thread
    # each read pages 11-15x faster on the 2-core machine (bench/ocr.py), while a lone
    # worker gains at most 1.35x from threads. Only Tesseract's environment gets the limit
    # (pytesseract 0.3.13 starts it with `pytesseract.pytesseract.environ`): set in
    # os.environ it would also cap torch's OpenMP threads in this process.
    pytesseract.pytesseract.environ = {"OMP_THREAD_LIMIT": "1", **os.environ}
    return pytesseract if shutil.which(pytesseract.pytesseract.tesseract_cmd) else None


def unavailable() -> str:
    """Why OCR cannot run here, as advice; "" when it can."""
    if _tesseract() is None:
        return (
            "Tesseract OCR is not installed (Debian/Ubuntu: `sudo apt-get install tesseract-ocr`, "
            "macOS: `brew install tesseract`, Windows: the UB Mannheim installer; plus "
            "`pip install pytesseract`)"
        )
    return ""


@functools.cache
def languages() -> frozenset[str]:
    """The language packs Tesseract has here (``osd`` is script detection, not a language)."""
    tess = _tesseract()
    if tess is None:
        return frozenset()
    try:
        return frozenset(tess.get_languages(config=""))
    except Exception:  # a broken install reads as none
        return frozenset()


@dataclass(frozen=True)
class Script:
    """What OSD saw on a page: the script's language packs, and the page's rotation."""

    lang: str
    rotate: int  # degrees clockwise that make the page upright


_OSD = re.compile(r"Rotate: (\d+).*?Script: (\w+)", re.DOTALL)


def detect(image: Any) -> Script:
    """The language pack for the page's script ("eng" when OSD is missing or unsure)."""
    tess = _tesseract()
    have = languages()
    fallback = script_langs("", have)
    if tess is None or "osd" not in have:
        return Script(fallback, 0)
    try:
        m = _OSD.search(tess.image_to_osd(image, config="--psm 0"))
    except Exception:  # too little text for OSD to decide
        return Script(fallback, 0)
    if not m:
        return Script(fallback, 0)
    return Script(script_langs(m[2], have), int(m[1]))


# Packs trained on CJK text read Latin letters and digits themselves; with "+eng" beside them,
# Tesseract reads whole lines of an old Chinese scan as Latin garbage ("PY 7E BY 26 $8").
CJK_SCRIPTS = frozenset({"Han", "HanS", "HanT", "Japanese", "Hangul", "Korean"})


def script_langs(script: str, have: frozenset[str]) -> str:
    """The language packs to read a page of ``script`` (an OSD script name) with, of those
    installed: the script's best pack, with "eng" beside it for non-Latin scripts other than
    CJK (names and units in Latin letters); "eng" (or any pack) when none is installed."""
    fallback = "eng" if "eng" in have else "+".join(sorted(have - {"osd"})[:1]) or "eng"
    packs = [p for p in SCRIPT_LANGS.get(script, ()) if p in have]
    if not packs:
        return fallback
    lang = packs[0]
    if lang != "eng" and "eng" in have and script != "Latin" and script not in CJK_SCRIPTS:
        lang += "+eng"  # Latin words (names, units) sit in most non-Latin documents
    return lang


def render(page: Any, dpi: int = DPI) -> Any:
    """One PDFium page as a grayscale PIL image."""
    return page.render(scale=dpi / 72, grayscale=True).to_pil()


def read_image(image: Any, lang: str) -> str:
    tess = _tesseract()
    assert tess is not None
    text: str = tess.image_to_string(image, lang=lang, config="--psm 3")
    return text


def choose_lang(requested: str, image: Any) -> Script:
    """The pack(s) asked for when all are installed, else what the page's script calls for."""
    if requested:
        missing = [p for p in requested.split("+") if p not in languages()]
        if not missing:
            return Script(requested, detect(image).rotate if "osd" in languages() else 0)
    return detect(image)


MIN_WORDS = 40  # below this many words a page's function words say little
MIN_FUNCTION_WORDS = 0.03  # prose (and even a form's instructions) has more than this share
TURNS = (0, 90, 180, 270)


def readable(text: str) -> bool:
    """Whether OCR text reads as language: usable, and on a page of some length, with its
    share of function words ("the", "de", "и") that text read at the wrong turn lacks."""
    if not measure(text).usable:
        return False
    if len(re.findall(r"[^\W\d_]{2,}", text)) < MIN_WORDS:
        return True
    return function_word_share(text) >= MIN_FUNCTION_WORDS


def _score(text: str) -> tuple[bool, float, int]:
    return readable(text), function_word_share(text), len(text.split())


def read_upright(image: Any, lang: str, rotate: int) -> str:
    """The page's text, read at the turn OSD gave (``rotate`` degrees clockwise); where that
    is not readable, at the best of the four quarter turns."""
    text = read_image(_turned(image, rotate), lang)
    if readable(text):
        return text
    best = (_score(text), text)
    for turn in TURNS:
        if turn != rotate % 360:
            other = read_image(_turned(image, turn), lang)
            best = max(best, (_score(other), other), key=lambda b: b[0])
            if best[0][0] and best[0][1] >= 2 * MIN_FUNCTION_WORDS:
                break
    return best[1]


def _turned(image: Any, rotate: int) -> Any:
    return image.rotate(-rotate, expand=True) if rotate % 360 else image


def ocr_pages(
    path: Path,
    password: str | None,
    numbers: list[int],
    lang: str = "",
    on_page: Callable[[int, int], None] | None = None,
) -> dict[int, str]:
    """OCR text for the given 1-based pages (each rendered at 300 dpi)."""
    import pypdfium2 as pdfium

    out: dict[int, str] = {}
    pdf = pdfium.PdfDocument(str(path), password=password)
    script: Script | None = None
    try:
        for done, number in enumerate(numbers, start=1):
            page = pdf[number - 1]
            try:
                image = render(page)
            finally:
                page.close()
            if image.getextrema()[0] > BLANK:  # nothing darker than paper: a blank page
                out[number] = ""
            else:
                if script is None:
                    script = choose_lang(lang, image)
                    rotate = script.rotate
                else:  # each page its own turn: a scan's pages are fed in every way round
                    rotate = detect(image).rotate if "osd" in languages() else 0
                out[number] = read_upright(image, script.lang, rotate)
            if on_page is not None:
                on_page(done, len(numbers))
    finally:
        pdf.close()
    return out


def word_accuracy(expected: str, got: str) -> float:
    """Share of the expected words that OCR gave back in order (longest common subsequence
    over lowercased letter-and-digit words): the accuracy figure of bench/ocr.py."""
    a = re.findall(r"[^\W_]+", expected.lower())
    b = re.findall(r"[^\W_]+", got.lower())
    row = [0] * (len(b) + 1)
    for x in a:
        prev = 0
        for j, y in enumerate(b, start=1):
            cur = row[j]
            row[j] = prev + 1 if x == y else max(row[j], row[j - 1])
            prev = cur
    return row[-1] / len(a) if a else 1.0
