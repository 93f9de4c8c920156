"""Titles from plain text (#20), for pages without measured type (scans read by OCR) and
metadata that only points to the title. Named rules:

- **stamp**: a metadata title that is a form's number with its revision mark
  ("INSTRUCTIONS 3115 (REV. 11-1987)") points to the first page's line holding its words.
- **running head**: the first page's head recurring atop other pages (OCR copies agreeing on
  most letters, page numbers aside) is the title where nothing else names it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from ingestion.banners import REPEATED_PAGES
from ingestion.titles import word_count

# A form's revision mark: "(REV. 11-1987)", "(Rev. November 1987)", "Rev. 7/2019".
REVISION = re.compile(r"\((?:rev|revised)\b\.?[^)\d]*\d[^)]*\)|\brev\.\s*\d[\d/.-]*", re.IGNORECASE)
STAMP_LINES = 25  # the stamped line is looked for among the first page's first lines


def _folded(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def stamped_line(meta: str, first_lines: Sequence[str]) -> str:
    """Where the metadata title is a catalogue stamp, a form's number with its revision mark
    ("INSTRUCTIONS 3115 (REV. 11-1987)"), the first page's line holding all its other words
    ("Instructions for Form 3115"), which is the title; '' when it is no stamp or no line
    holds them."""
    if not REVISION.search(meta):
        return ""
    want = set(_folded(REVISION.sub(" ", meta)))
    if not want or not any(not w.isdigit() for w in want):
        return ""
    for line in first_lines[:STAMP_LINES]:
        words = _folded(line)
        if want <= set(words) and len(words) <= 20:
            return " ".join(line.split()).strip(" .,;:")
    return ""


HEAD_LINES = 3  # a running head is among a page's first lines
HEAD_WORDS = 12  # ...and short
LIKE_HEAD = 0.8  # OCR'd copies of one running head agree on this share of their letters
_PAGE_NUMBER = re.compile(r"^\s*\d{1,4}\s+|\s+\d{1,4}\s*$")


def _heads(page: str) -> list[tuple[str, str]]:
    """(line without its page number, its letters) for a page's first lines with letters."""
    out = []
    for line in [ln for ln in page.splitlines() if ln.strip()][:HEAD_LINES]:
        shown = " ".join(_PAGE_NUMBER.sub("", line).split()).strip(" .,;:")
        letters = "".join(c for c in shown if c.isalpha())
        if len(letters) >= 4 and word_count(shown) <= HEAD_WORDS:
            out.append((shown, letters))
    return out


def running_title(pages: Sequence[str]) -> str:
    """The running head of the first page with text, where its first lines recur at the top
    of other pages (page numbers aside, as OCR's copies agree: four in five letters) on
    REPEATED_PAGES pages and a third of those with text: a book's part or title over each
    left page. Of its copies, the one read most often; '' when there is none."""
    heads = [h for h in (_heads(p) for p in pages if p.strip()) if h]
    if not heads:
        return ""
    least = max(REPEATED_PAGES, len([p for p in pages if p.strip()]) / 3)
    for shown, letters in heads[0]:
        copies = [shown]
        for other in heads[1:]:
            like = [s for s, lt in other if SequenceMatcher(None, letters, lt).ratio() >= LIKE_HEAD]
            copies += like[:1]
        if len(copies) >= least:
            return Counter(copies).most_common(1)[0][0]
    return ""
