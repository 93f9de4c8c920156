"""Headings by type (#10): lines set larger than the body, or wholly bold at its size, ranked
by size into an outline for a document without bookmarks, a contents page or numbered
headings (the outline's last source, `ingestion/outline.py`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ingestion.layout import NOT_TITLE, SAME_SIZE, SizedLine, char_median

HEADING_RATIO = 1.15  # a heading's type is at least this much larger than the body's
MAX_HEADING_WORDS = 14
MAX_HEADING_LEVELS = 3
RUNNING_LINE_PAGES = 3  # the same large line on this many pages is a running head, not a heading


def size_headings(pages: list[list[SizedLine]]) -> list[tuple[int, str, int]]:
    """(level, title, page) for lines set in larger type than the body, or wholly in bold at
    the body's size: an outline for a document without bookmarks, a contents page or
    numbered headings. Sizes rank the levels (largest first, bold before plain, at most
    three); the title on the first page, running heads, lines with
    few letters or ending like a sentence are not headings. [] when fewer than two top-level
    headings stand out, or so many that large type is the body (a poster, a form)."""
    body = char_median(ln for lines in pages for ln in lines)
    if body is None:
        return []
    seen = Counter(text for lines in pages for text in {ln.text for ln in lines})
    title_size = max((ln.size for ln in pages[0]), default=0.0) if pages else 0.0
    found: list[list[Any]] = []  # [size, text, page, line index]
    for number, lines in enumerate(pages, 1):
        # A heading has its line to itself: lines sharing their top are table cells.
        tops = Counter(round(ln.top, 4) for ln in lines)
        for i, ln in enumerate(lines):
            if tops[round(ln.top, 4)] > 1:
                continue
            larger = ln.size >= HEADING_RATIO * body
            if not (larger or (ln.bold and ln.size >= SAME_SIZE * body)):
                continue
            if not _heading_like(ln.text):
                continue
            if seen[ln.text] >= RUNNING_LINE_PAGES or (number == 1 and ln.size >= title_size):
                continue
            last = found[-1] if found else None
            key = (round(ln.size), ln.bold)  # larger first; bold before plain at one size
            if last and last[2] == number and last[3] == i - 1 and last[0] == key:
                last[1], last[3] = f"{last[1]} {ln.text}", i  # a heading wrapped onto two lines
                continue
            found.append([key, ln.text, number, i])
    if len(found) > 4 * len(pages):
        return []
    ranks = sorted({f[0] for f in found}, reverse=True)
    marks = [(ranks.index(f[0]), str(f[1]), int(f[2])) for f in found]
    while marks and sum(level == 0 for level, _, _ in marks) < 2:
        marks = [(level - 1, t, p) for level, t, p in marks if level > 0]  # a lone top heading
    return [m for m in marks if m[0] < MAX_HEADING_LEVELS]


def _heading_like(text: str) -> bool:
    words = text.split()
    letters = sum(c.isalpha() for c in text)
    return (
        1 <= len(words) <= MAX_HEADING_WORDS
        and letters >= 3
        and letters >= 0.6 * len(text.replace(" ", ""))
        and not text[:1].islower()
        and text[-1] not in ".,;"
        and not NOT_TITLE.search(text)
    )
