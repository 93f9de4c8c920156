"""Lines that name a publication, issuer, date or section, never the document (#20).

`banner` says why a line of the first page is no title: a masthead (a line at the top edge with
a volume line right under it), a journal's or venue's line ("Journal of …", ISSN, volume, DOI
lines), a line repeated on many pages (`repeated_lines`), a court's name standing alone, an
issuer whose document-kind line below is letter-spaced ("П О С Т А Н О В Л Е Н И Е"), a date,
a numbered section heading ("4 Conclusions"), a contents or index heading.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ingestion.layout import _DIGITS, SizedLine, line_key, page_line_keys
from ingestion.vocabulary import (
    ACT_KIND,
    CONTENTS_LINE,
    COURT_LINE,
    DATE_LINE,
    LETTER_SPACED,
    VENUE_LINE,
)

MASTHEAD_TOP = 0.85  # a masthead sits above this share of the page height
MASTHEAD_GAP = 0.06  # its volume/issue line is within this share of the page height
_ISSUE = re.compile(r"\b(?:vol\.?|volume)\s*\d", re.IGNORECASE)  # "Vol. 85, No. 152"
YEAR = re.compile(r"^(?:19|20)\d\d$")


def _masthead(lines: list[SizedLine], line: SizedLine) -> bool:
    """A line at the top edge with a volume line right under it (a journal's running head
    above an article's title is not one)."""
    return line.top >= MASTHEAD_TOP and any(
        0 < line.top - other.top <= MASTHEAD_GAP and _ISSUE.search(other.text)
        for other in lines
        if other is not line
    )


_FIRST = re.compile(r"^1(?:\.[01])*\.?\s")
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[^\W\d]")
BANNER_WORDS = 3  # a repeated line of fewer words is a name, not a banner

REPEATED_PAGES = 3  # a line on this many pages (and a third of them) is a running banner


def repeated_lines(pages: Sequence[str], among: Iterable[str] | None = None) -> frozenset[str]:
    """Keys of lines found on REPEATED_PAGES pages or more, and on a third of the pages with
    text: running heads and banners; with ``among``, only those of its keys (`banner` asks
    only the first page's lines: no key made for every line of every page; #19's speed pass)."""
    with_text = [p for p in pages if p.strip()]
    least = max(REPEATED_PAGES, len(with_text) / 3)
    if among is not None:
        return _repeated_among(with_text, set(among), least)
    seen: Counter[str] = Counter()
    for page in with_text:
        seen.update(page_line_keys(page))
    return frozenset(k for k, n in seen.items() if n >= least)


_PIECE = re.compile(r"[^# ]+")  # a key's text between its spaces and number marks
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines splits
_BREAK = re.compile(f"[{_BREAKS}]")
LOOKS = 12  # a piece found more often on a page: the page's every key is made instead


def _repeated_among(pages: list[str], among: set[str], least: float) -> frozenset[str]:
    """`repeated_lines`' keys of ``among``: on each lowered page, a key's longest piece is
    looked for (a line with the key holds each piece: the key is the line lowered, its spaces
    single, each run of digits a "#"), and only lines holding every piece are made keys; where
    the piece is found more than LOOKS times, every line's key is made, as `page_line_keys`
    makes them. A key is looked for until it is found on ``least`` pages, or can no longer be."""
    tests = []
    for key in among:
        pieces = sorted(_PIECE.findall(key), key=len, reverse=True) or [""]
        tests.append((key, pieces[0], pieces))
    seen: Counter[str] = Counter()
    found: set[str] = set()
    for left, page in enumerate(pages, 1 - len(pages)):  # ``-left``: pages after this one
        if not tests:
            break
        low = page.lower()
        keys: set[str] | None = None  # the page's every key, made when needed
        breaks: str | None = None  # the line breaks the page holds, found when needed
        for key, piece, pieces in tests:
            if piece not in low:  # ("" is in every page: a key of digits only)
                continue
            if keys is None:
                breaks = breaks if breaks is not None else "".join(c for c in _BREAKS if c in low)
                at, looks = low.find(piece), 0
                while at != -1 and looks < LOOKS and _key_at(low, at, breaks, pieces) != key:
                    at, looks = low.find(piece, at + 1), looks + 1
                if at == -1:
                    continue  # no line of the page has the key
                if looks == LOOKS:
                    keys = page_line_keys(page)
            if keys is None or key in keys:
                seen[key] += 1
                if seen[key] >= least:
                    found.add(key)
        tests = [test for test in tests if test[0] not in found and seen[test[0]] - left >= least]
    return frozenset(found)


def _key_at(low: str, at: int, breaks: str, pieces: list[str]) -> str | None:
    """The key of the line of ``low`` (a page lowered, holding the line ``breaks``) holding
    index ``at``; None where the line lacks one of ``pieces`` (no key holding them all)."""
    start = max([low.rfind(c, 0, at) for c in breaks], default=-1) + 1
    end = _BREAK.search(low, at) if breaks else None
    line = low[start : end.start() if end else len(low)]
    for piece in pieces:
        if piece not in line:
            return None
    return " ".join(_DIGITS.sub("#", line).split())


def banner(lines: list[SizedLine], i: int, repeated: frozenset[str] = frozenset()) -> str:
    """Why line ``i`` names a publication, issuer, date or section, not the document ('' if
    it does not)."""
    text = lines[i].text.strip(" .:")
    if _masthead(lines, lines[i]):
        return "masthead"
    if VENUE_LINE.search(text):
        return "venue"
    if line_key(text) in repeated and len(text.split()) >= BANNER_WORDS:
        return "repeated"  # (a product's name or code on every page may be its title)
    if COURT_LINE.match(text) and " v. " not in f" {text} ":
        return "court"
    if DATE_LINE.match(text):
        return "date"
    if _SECTION_NUMBER.match(text) and not YEAR.match(text.split()[0]) and not _FIRST.match(text):
        return "section"  # "4 Conclusions": a page from the middle; "1.1 …" may open it
    if CONTENTS_LINE.match(text):
        return "contents"
    if LETTER_SPACED.match(text):
        return "kind"  # a document kind, letter-spaced under its issuer
    below = lines[i + 1 : i + 6]
    if any(LETTER_SPACED.match(ln.text) or ACT_KIND.match(ln.text.strip(" .:")) for ln in below):
        return "issuer"
    return ""
