"""A collection's parts (#19): an anthology of stories, poems or essays, each under its own
heading with its own byline, is told by the format.

A **part byline** is a line opening with "by" whose rest is mostly personal names
(`bylines.names_cover`, one name at least), right under a heading: up to HEADING_LINES lines
of one type size, larger than the byline's or bold, none ending in a full stop (a sentence's
"… by selling the metal." is no byline: no names follow). Where such bylines stand on
MIN_PARTS pages or more, the document is a collection: its parts are those headings, and a
byline on its first page is one part's author, not the whole document's.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingestion.bylines import BY, NAME, _names, names_cover, unsigned
from ingestion.layout import SizedLine

MIN_PARTS = 3
HEADING_LINES = 3
HEADING_WORDS = 14
LARGER = 1.01  # a heading is set larger than its byline, or in bold
SAME_HEADING_SIZE = 0.005  # a heading's lines differ in size by at most this share
_BY_FIRSTS = frozenset("bBvVpP")  # the letters BY's words open with


def _part_byline(text: str) -> tuple[str, ...]:
    """The names of a part byline's line ("by Ann Lee"), () for any other line."""
    if not BY.match(text.strip()):
        return ()
    rest = unsigned(text).strip(" .")
    names, _ = _names(rest)
    if not rest or not names_cover(rest) or not any(NAME.match(n) for n in names):
        return ()
    return tuple(names)


def _heading_above(lines: Sequence[SizedLine], byline: SizedLine) -> str:
    """The heading right above ``byline`` (lines in reading order before it), "" if none."""
    found: list[SizedLine] = []
    for line in reversed(lines):
        text = line.text.strip()
        if (
            not text
            or text[-1] in ".;"
            or not (line.size >= LARGER * byline.size or line.bold)
            or (found and abs(line.size - found[-1].size) > SAME_HEADING_SIZE * line.size)
            or len(found) == HEADING_LINES
        ):
            break
        found.append(line)
    title = " ".join(ln.text.strip() for ln in reversed(found)).strip(" ,")
    words = len(title.split())
    return title if 1 <= words <= HEADING_WORDS and title[:1].isupper() else ""


Part = tuple[str, tuple[str, ...], int]  # heading, its byline's names, 1-based page


def collection_parts(pages: Sequence[Sequence[SizedLine]]) -> list[Part]:
    """The parts of a collection, each (heading, its byline's names, 1-based page), in order;
    [] where part bylines stand on fewer than MIN_PARTS pages (see the module docstring)."""
    parts: list[Part] = []
    for index, lines in enumerate(pages):
        for j, line in enumerate(lines):
            # BY opens with b, v or p in either case: other lines are not asked (a call less)
            if line.text.lstrip()[:1] not in _BY_FIRSTS:
                continue
            names = _part_byline(line.text)
            if not names:
                continue
            above = list(lines[:j]) or list(pages[index - 1] if index else ())
            heading = _heading_above(above, line)
            if heading:
                parts.append((heading, names, index + 1))
    return parts if len({page for _, _, page in parts}) >= MIN_PARTS else []
