"""Lines with their type size, from PDFium, for what plain text cannot tell (#10).

A title is the largest type near the top of the first page with text; plain text puts it
anywhere (after a journal banner, an arXiv stamp, a page header). Only the first page with
text is measured for the title; `headings` measures every page of a long document without
bookmarks, a contents page or numbered headings. Here: the measured line (`SizedLine`), the
body's type size, a line's key for finding it on other pages; the measuring itself is
`ingestion.line_sizes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SizedLine:
    text: str
    size: float  # loose glyph-box height of the line's tallest character, in points
    top: float  # the line's top, as a share of the page height from the bottom (0..1)
    bold: bool = False  # every word starts in a bold face (weight 600 or more)
    left: float = 0.0  # the line's horizontal extent, as shares of the page width (0..1);
    right: float = 1.0  # measured only when the caller gives the width
    bottom: float = 0.0  # the line's bottom, as a share of the page height (with the width)
    # A line whose words differ in size by more than MIXED_SIZES ("1040" in 29 pt beside small
    # print on a form): its runs of similar size, each (text, size); () for an even line.
    pieces: tuple[tuple[str, float], ...] = ()


MIXED_SIZES = 1.5
_NEW = object.__new__


def sized_line(
    text: str,
    size: float,
    top: float,
    bold: bool,
    left: float,
    right: float,
    bottom: float,
    pieces: tuple[tuple[str, float], ...] = (),
) -> SizedLine:
    """``SizedLine(text, size, top, bold, left, right, bottom, pieces)``, the same object made
    without the frozen dataclass's ``__init__`` (one ``object.__setattr__`` a field: a third
    of the time of measuring a line; #19's speed pass)."""
    line = _NEW(SizedLine)
    line.__dict__.update(
        text=text, size=size, top=top, bold=bold, left=left, right=right, bottom=bottom,
        pieces=pieces,
    )  # fmt: skip
    return line


def mixed_pieces(line: str, starts: list[tuple[int, float]]) -> tuple[tuple[str, float], ...]:
    """``line`` cut where one word's size differs from the last by more than MIXED_SIZES;
    ``starts`` holds each word's first index and size."""
    cuts = [0] + [
        j
        for (j, size), (_, before) in zip(starts[1:], starts, strict=False)
        if max(size, before) > MIXED_SIZES * min(size, before)
    ]
    sizes: list[float] = []
    for k, cut in enumerate(cuts):
        end = cuts[k + 1] if k + 1 < len(cuts) else len(line)
        sizes.append(max(size for j, size in starts if cut <= j < end))
    bounds = [*cuts, len(line)]
    return tuple(
        (" ".join(line[a:b].split()), size)
        for a, b, size in zip(bounds, bounds[1:], sizes, strict=False)
    )


def char_median(lines: Iterable[SizedLine]) -> float | None:
    """The median type size over the lines' characters (each line's size once per character,
    as `statistics.median` of that list gives it), counted per size instead of listed; None
    for no characters."""
    counts: dict[float, int] = {}
    get = counts.get  # (a third quicker than a Counter's +=: every line of a document)
    for ln in lines:
        size = ln.size
        counts[size] = get(size, 0) + len(ln.text)
    n = sum(counts.values())
    if not n:
        return None
    high, low = n // 2, (n - 1) // 2  # the middle index, or the two middle ones
    seen, at_low = 0, 0.0
    for size in sorted(counts):
        if seen <= low < seen + counts[size]:
            at_low = size
        seen += counts[size]
        if seen > high:
            return size if n % 2 else (at_low + size) / 2
    raise AssertionError("unreachable")


_DIGITS = re.compile(r"\d+")


def line_key(text: str) -> str:
    """A line's key for finding it again on other pages: case, spacing and numbers aside."""
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def page_line_keys(page: str) -> set[str]:
    """`line_key` of each of the page's lines with text, the page lowered and its numbers
    replaced at once (the same keys: neither step moves a line break)."""
    folded = _DIGITS.sub("#", page.lower())
    keys = set(map(" ".join, map(str.split, folded.splitlines())))  # no loop here (#19 speed)
    keys.discard("")  # the key of a line without text
    return keys


NOT_TITLE = re.compile(
    r"copyright|©|@|https?:|www\.|\w\.(?:com|org|net|edu|gov)\b|doi|arxiv|issn|isbn|vol\.|"
    r"proceedings|preprint|[{}]|(?<!\d)%|^\d+$|^page\b",
    re.IGNORECASE,
)
SAME_SIZE = 0.9  # lines within this share of a size continue it
