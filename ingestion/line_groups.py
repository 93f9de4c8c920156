"""A page's lines grouped into blocks before their roles (#19), and the line tests both
steps share.

Lines (`line_sizes.sized_lines`, with their extent) join a block while they keep the same type size
and weight and follow each other within a line's height; pieces of one row that sit close
together are one line; a heading, a list item, a contents entry, a caption or a line that stands
on its own (a page number, "References", a numbered subsection) starts a block of its own. Pages
known only as text (OCR, pypdf) become lines by `text_lines`: one type size, a blank line a
paragraph's break. `ingestion.blocks` names each group's role.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence
from unicodedata import is_normalized

from ingestion.clean import normalize
from ingestion.layout import SizedLine
from ingestion.openings import OPENING, opening
from ingestion.vocabulary import (
    ABSTRACT_HEAD,
    APPENDIX_HEADING,
    CAPTION,
    CONTENTS_HEADING,
    REFERENCES_HEADING,
)

PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_DOT_LEADERS = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})$|…{2,}", re.I)


_LEADERS_END = re.compile(r"(?:\d|[ivxlc])\n?\Z", re.I)  # how a leaders' line must end


def leaders(text: str) -> bool:
    """Dot leaders and a page number ("Method . . . . 12"), or "……". What the search needs
    is tested first (four dots, a line's last character), as the search is slow on prose
    and on long dotted lines (#19's speed pass)."""
    if "……" in text:
        return True
    return (
        text.count(".") >= 4
        and bool(_LEADERS_END.search(text[-2:]))
        and bool(_DOT_LEADERS.search(text))
    )


LIST_ITEM = re.compile(r"^(?:[•●▪◦‣∙·*\-–—]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")


_PUNCT = re.compile(r"[^\w\s]")


# _PUNCT's blanking of ASCII as a byte table (bytes.translate: a third of the regex's time on
# the ASCII lines most pages have; #19's speed pass).
_ASCII_PUNCT = bytes(32 if c < 128 and _PUNCT.match(chr(c)) else c for c in range(256))


@functools.lru_cache(maxsize=4096)  # a line's, then its one-line block's (#19 speed)
def norm(text: str) -> str:
    lowered = text.lower()
    if lowered.isascii():
        blanked = lowered.encode("ascii").translate(_ASCII_PUNCT).decode("ascii")
        return " ".join(blanked.split())
    return " ".join(_PUNCT.sub(" ", lowered).split())


def may_be_key(text: str, firsts: Collection[str]) -> bool:
    """Whether `norm` of ``text`` may be one of the keys whose first characters are ``firsts``:
    a text that opens on an ASCII letter or digit opens its key with it, lowered (a test before
    `norm`, the dear step, on every line; #19's speed pass)."""
    first = text[:1]
    return not (first.isascii() and first.isalnum()) or first.lower() in firsts


_NEW = object.__new__
ROW_GAP = 0.04  # pieces of one row closer than this share of the page width are one line
TEXT_LINE_SIZE = 10.0  # the one type size of a page known only as text


def text_lines(text: str) -> list[SizedLine]:
    """A page known only as text (OCR, pypdf) as lines for `make_blocks`: one type size, one
    line's height apart, a blank line a paragraph's break; the same roles follow from what the
    text shows (page numbers, recurring edge lines, labels, numbers, punctuation)."""
    rows = text.split("\n")
    step = 1.0 / (len(rows) + 2)
    out: list[SizedLine] = []
    top = 1.0 - step
    for row in rows:
        line = " ".join(row.split())
        if line:
            bottom = top - 0.8 * step
            out.append(SizedLine(line, TEXT_LINE_SIZE, top, bottom=bottom))
            top -= step
        else:
            top -= 2 * step  # a blank line: more than a line's height, a new block
    return out


def bbox(group: list[SizedLine], edges: dict[float, float]) -> tuple[float, float, float, float]:
    """The group's box as shares of the page, each edge ``round(min(1.0, max(0.0, v)), 4)``:
    loose boxes overhang the page (spelled out, min and max too: no call for every block's
    four edges; NaN gives 0.0 as there). ``edges`` remembers each figure's edge for the next
    blocks (most lines share their left edge, many their right; #19's speed pass)."""
    first = group[0]
    x0, y0, x1, y1 = first.left, first.bottom, first.right, first.top
    for ln in group[1:]:  # min and max spelled out, keeping the first of equals and NaN
        if ln.left < x0:
            x0 = ln.left
        if ln.bottom < y0:
            y0 = ln.bottom
        if ln.right > x1:
            x1 = ln.right
        if ln.top > y1:
            y1 = ln.top
    known = edges.get  # a figure equal to one seen has its edge (0.0 and -0.0 give 0.0 both)
    return (
        known(x0) or _edge(x0, edges),
        known(y0) or _edge(y0, edges),
        known(x1) or _edge(x1, edges),
        known(y1) or _edge(y1, edges),
    )


def _edge(v: float, edges: dict[float, float]) -> float:
    """``round(min(1.0, max(0.0, v)), 4)``, remembered in ``edges``."""
    edge = edges[v] = round(v if 0.0 < v <= 1.0 else 1.0 if v > 1.0 else 0.0, 4)
    return edge


def _starts_block(text: str) -> bool:
    """Whether a line starts a block of its own, besides an outline heading's line and a line
    that stands on its own (`own_line`), which `group_lines` has asked already."""
    return bool(
        (
            may_open_block[text[:OPENING]]
            and (LIST_ITEM.match(text) or CAPTION.match(text) or ABSTRACT_HEAD.match(text))
        )
        or leaders(text)
    )


def normalized(line: SizedLine) -> SizedLine:
    text = line.text
    if text.isprintable() and (text.isascii() or is_normalized("NFKC", text)):
        # Nothing for `normalize` to do (most lines): what it changes or drops is either not
        # printable (controls, soft hyphens, U+FFFE, surrogates, private use) or not in NFKC.
        return line
    text = " ".join(normalize(line.text).split())
    if text == line.text:
        return line
    changed = _NEW(SizedLine)  # replace(line, text=text) without the dataclass's __init__
    changed.__dict__.update(line.__dict__, text=text)
    return changed


def group_lines(
    lines: Sequence[SizedLine], heading_titles: dict[str, int]
) -> list[list[SizedLine]]:
    """The page's lines in blocks: a line joins the last one's block when it is a piece of
    the same row, or the next line in the same type, unless the last line ends its block (a
    heading on a line of its own) or this one starts one (see the module docstring)."""
    groups: list[list[SizedLine]] = []
    group: list[SizedLine] = []
    last: SizedLine | None = None
    ends = False  # whether the last line ends its block
    firsts = {key[:1] for key in heading_titles}
    titled = bool(firsts)
    keyed: dict[str, bool] = {}  # `may_be_key` by a line's first character (#19 speed)
    for line in lines:
        text, top = line.text, line.top
        heading = False
        if titled:
            first = text[:1]
            may = keyed.get(first)
            if may is None:
                may = keyed[first] = may_be_key(first, firsts)
            heading = may and norm(text) in heading_titles
        alone = may_stand_alone[text[:OPENING]] and own_line(text)  # (a call less most lines)
        joins = False
        if last is not None:
            height = top - line.bottom
            if height < 1e-3:  # max(height, 1e-3), spelled out (a call less a line)
                height = 1e-3
            # PDFium splits a row at wide gaps and font changes ("Andreas Gal∗+, Brendan
            # Eich∗" / ", Mike Shaver∗"): the pieces of one row that sit close together are
            # one line.
            joins = (
                abs(last.top - top) <= 0.3 * height and -0.01 <= line.left - last.right <= ROW_GAP
            ) or (
                not ends
                and abs(last.size - line.size) <= 0.6
                and last.bold == line.bold
                and 0 <= last.bottom - top <= 0.8 * height + 1e-3
                and not (heading or alone or _starts_block(text))
            )
        if joins:
            group.append(line)
        else:
            group = [line]
            groups.append(group)
        ends = heading or alone
        last = line
    return groups


# A numbered heading: a section number ("3", "3.1", "IV.") and a few words, no sentence end.
_NUMBERED_HEADING = re.compile(
    r"^(?:\d{1,2}(?P<sub>(?:\.\d{1,2})+)\.?|\d{1,2}\.?|[IVX]{1,4}\.)\s+(?P<word>[^\W\d_])[^.;:!?]*$"
)
HEADING_WORDS = 12


def numbered(text: str) -> re.Match[str] | None:
    """A numbered heading's match, its first word capitalised (in any cased script)."""
    m = _NUMBERED_HEADING.match(text)
    return m if m and m["word"].isupper() else None


def short_line(text: str) -> bool:
    """A heading's length, without a sentence's end."""
    words = text.split()
    return 1 <= len(words) <= HEADING_WORDS and text[-1:] not in ".,;:"


def own_line(text: str) -> bool:
    """A line that stands on its own at any size: "References", "Contents", "Appendix A", a
    numbered subsection ("3.1 Mining rules"), a page number."""
    if not may_stand_alone[text[:OPENING]]:  # (a look-up, no call: every line asks)
        return False
    if PAGE_NUMBER.match(text) or REFERENCES_HEADING.match(text) or CONTENTS_HEADING.match(text):
        return True
    m = numbered(text)
    return bool(APPENDIX_HEADING.match(text) or (m and m["sub"])) and short_line(text)


# The start-anchored rules a line is asked in grouping and naming blocks: a line whose first
# characters none of them may open is asked none of them (`ingestion.openings`).
may_stand_alone = opening(
    REFERENCES_HEADING, CONTENTS_HEADING, PAGE_NUMBER, APPENDIX_HEADING, _NUMBERED_HEADING
)
may_open_block = opening(LIST_ITEM, CAPTION, ABSTRACT_HEAD)
