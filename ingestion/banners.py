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
from collections.abc import Sequence

from ingestion.layout import SizedLine, line_key, page_line_keys
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


def repeated_lines(pages: Sequence[str]) -> frozenset[str]:
    """Keys of lines found on REPEATED_PAGES pages or more, and on a third of the pages with
    text: running heads and banners."""
    seen: Counter[str] = Counter()
    with_text = [p for p in pages if p.strip()]
    for page in with_text:
        seen.update(page_line_keys(page))
    least = max(REPEATED_PAGES, len(with_text) / 3)
    return frozenset(k for k, n in seen.items() if n >= least)


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
