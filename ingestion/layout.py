"""Lines with their type size, from PDFium, for what plain text cannot tell (#10).

A title is the largest type near the top of the first page with text; plain text puts it
anywhere (after a journal banner, an arXiv stamp, a page header). Only the first page with
text is measured here, char by char through PDFium's text page (about 10 ms a page).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SizedLine:
    text: str
    size: float  # loose glyph-box height of the line's tallest character, in points
    top: float  # the line's top, as a share of the page height from the bottom (0..1)


def sized_lines(textpage: Any, page_height: float) -> list[SizedLine]:
    """The page's lines in PDFium's reading order, each with its type size."""
    import pypdfium2.raw as pdfium_c

    lines: list[SizedLine] = []
    chars: list[str] = []
    sizes: list[float] = []
    top = 0.0

    def close() -> None:
        text = "".join(chars).strip()
        if text and sizes:
            lines.append(SizedLine(" ".join(text.split()), max(sizes), top / page_height))

    for i in range(textpage.count_chars()):
        ch = chr(pdfium_c.FPDFText_GetUnicode(textpage, i))
        if ch in "\r\n":
            close()
            chars, sizes, top = [], [], 0.0
            continue
        chars.append(ch)
        if not ch.isspace():
            _left, bottom, _right, upper = textpage.get_charbox(i, loose=True)
            sizes.append(round(upper - bottom, 1))
            top = max(top, upper)
    close()
    return lines


_NOT_TITLE = re.compile(
    r"copyright|©|@|https?:|www\.|\w\.(?:com|org|net|edu|gov)\b|doi|arxiv|issn|isbn|vol\.|"
    r"proceedings|preprint|[{}%]|^\d+$|^page\b",
    re.IGNORECASE,
)
BIGGER_THAN_BODY = 1.05  # a title's type is at least this much larger than the body's
SAME_SIZE = 0.9  # lines within this share of the title size continue it


def layout_title(lines: list[SizedLine]) -> str:
    """The run of largest-type lines in the top 60% of the page, or '' when nothing stands out."""
    return front_matter(lines)[0]


_AFFILIATION = re.compile(
    r"@|\babstract\b|universit|institut|department|corporation|laborator|\binc\b|\bltd\b|"
    r"school|college|research|center|centre|e-mail|email|\d{5}",
    re.IGNORECASE,
)
# Footnote marks, affiliation letters and numbers that separate names in author lines.
_NAME_MARKS = re.compile(r"(?:\s*[∗*†‡§¶#$+α-ωΑ-Ω\d]+[,\s]*)+(?=\s|$)|\s*,\s*(?:and\s+)?|\s+and\s+")
_PART = r"(?:[A-Z][\w.'’-]*|van|von|de|der|den|da|di|le|la)"
_NAME = re.compile(rf"^{_PART}(?:\s+{_PART}){{1,4}}$")
_NOT_NAME = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Your Name|Abstract|Introduction)\b"
)
MAX_AUTHOR_LINES = 8


def authors_after(lines: list[SizedLine], start: int) -> tuple[str, ...]:
    """Names on the lines that follow a title, up to affiliations, e-mails or the abstract."""
    run: list[str] = []
    for line in lines[start : start + MAX_AUTHOR_LINES * 3]:
        if _AFFILIATION.search(line.text) or line.top < 0.4:
            break
        run.append(line.text)
    names = []
    for piece in _NAME_MARKS.split(" ".join(run)):
        name = " ".join(piece.replace("( )", " ").split()).strip(" ,;")
        good = _NAME.match(name) and not _NOT_NAME.search(name) and len(name) <= 40
        if good and name not in names:
            names.append(name)
    return tuple(names[:40])


def front_matter(lines: list[SizedLine]) -> tuple[str, tuple[str, ...]]:
    """The title (largest type near the top, '' when nothing stands out) and the authors
    named on the lines right after it."""
    if not lines:
        return "", ()
    # The body's size: the median over characters, so a few big lines do not set it.
    body = statistics.median(size for line in lines for size in [line.size] * len(line.text))

    def usable(line: SizedLine) -> bool:
        letters = sum(c.isalpha() for c in line.text)
        return (
            letters >= 2
            and letters >= 0.5 * len(line.text.replace(" ", ""))
            and not (_NOT_TITLE.search(line.text))
        )

    top = [ln for ln in lines if ln.top >= 0.4 and usable(ln)]
    if not top:
        return "", ()
    biggest = max(ln.size for ln in top)
    if biggest < BIGGER_THAN_BODY * body:
        return "", ()
    first = next(i for i, ln in enumerate(lines) if ln in top and ln.size == biggest)
    run = []
    for line in lines[first:]:
        if line.size < SAME_SIZE * biggest or not usable(line):
            break
        run.append(line.text)
    title = " ".join(run).strip(" .,;:")
    words = title.split()
    if len(words) > 30 or (len(words) < 2 and biggest < 1.5 * body):
        return "", ()
    return title, authors_after(lines, first + len(run))
