"""A web page printed to PDF (#19): told by the file's structure and its printout lines, titled
by the page or its site, summarized by its headlines.

- **Printed by a browser**: the PDF's creator or producer names a browser's print engine
  (Chromium, Chrome, Firefox, Safari, WebKit, Edge, wkhtmltopdf), or the first pages carry a
  browser's printout line: a web address with a page counter ("https://… 1/15") or a date
  and time stamp before the page's name ("9/30/22, 3:46 PM  Home - News").
- **Its title**: the page's own name (a real metadata title: a browser writes the page's
  title there; else the printout header's name after its stamp), else the site named by its
  copyright notice ("Copyright © 2022 Harbour News." -> "Harbour News"); else none, and the
  document's own title stands.
- **Its headlines**: the first pages' lines of a few words set apart as blocks, without a
  full stop (a headline is no sentence), not wholly in capitals (section labels, menus).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.document import Sentence
from ingestion.title_choice import real_metadata_title
from summarizer.candidates import word_count

BROWSER = re.compile(
    r"\b(?:chrom(?:e|ium)|mozilla|firefox|safari|webkit|wkhtmltopdf|microsoft edge|opera)\b",
    re.IGNORECASE,
)
_ADDRESS_COUNTER = re.compile(r"\bhttps?://\S++.*\s(\d{1,3})/(\d{1,3})$")
_STAMP = re.compile(
    r"^\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s+(?P<name>\S.{2,})$",
    re.IGNORECASE,
)
_NOTICE = re.compile(
    r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<holder>[^\s.,;:|][^.,;:|]{1,48}?)\s*(?:[.,;:|]|\ball rights\b|$)",
    re.IGNORECASE,
)
HEADLINE_WORDS = (4, 20)  # a headline's words: fewer is a label, more is a paragraph
MAX_HEADLINES = 8
HEADLINE_CHARS = 90
HEADLINE_ROLES = frozenset({"title", "heading", "paragraph"})


def printout_line(text: str) -> bool:
    """A browser's header or footer line: a web address with a page counter, or a date and
    time stamp before the page's name."""
    text = " ".join(text.split())
    counter = _ADDRESS_COUNTER.search(text)
    if counter and 1 <= int(counter.group(1)) <= int(counter.group(2)):
        return True
    return bool(_STAMP.match(text))


def printed_web_page(made_by: str, front: Sequence[Sentence]) -> bool:
    """Whether a browser printed the document (``made_by``: the PDF's creator and producer;
    ``front``: the first pages' blocks)."""
    return bool(BROWSER.search(made_by)) or any(printout_line(s.text) for s in front)


def site_name(lines: Sequence[str]) -> str:
    """The holder of the last copyright notice among ``lines`` ("" when none names one)."""
    for text in reversed(lines):
        found = _NOTICE.search(" ".join(text.split()))
        holder = re.sub(r"\s*\b\d{4}$", "", found.group("holder")).strip() if found else ""
        if holder and any(c.isalpha() for c in holder) and word_count(holder) <= 5:
            return holder
    return ""


def page_title(meta_title: str, front: Sequence[Sentence], notices: Sequence[str]) -> str:
    """The printed page's name: a real metadata title, the printout header's name, else its
    site's (see the module docstring); "" when none is known."""
    if real_metadata_title(meta_title):
        return " ".join(meta_title.split())
    for s in front:
        stamp = _STAMP.match(" ".join(s.text.split()))
        if stamp:
            return stamp.group("name").strip()
    return site_name(notices)


def headlines(front: Sequence[Sentence]) -> list[str]:
    """The first pages' headlines, in order, each once (see the module docstring)."""
    out: list[str] = []
    low, high = HEADLINE_WORDS
    for s in front:
        text = " ".join(s.text.split())
        letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
        shouted = bool(letters) and all(c.isupper() for c in letters)
        if (
            s.role in HEADLINE_ROLES
            and low <= word_count(text) <= high
            and len(text) <= HEADLINE_CHARS
            and text[-1:] not in ".;:,"
            and not shouted
            and not printout_line(text)
            and text not in out
        ):
            out.append(text)
    return out[:MAX_HEADLINES]


MIN_HEADLINES = 2


def headlines_line(front: Sequence[Sentence]) -> str:
    """ "Its headlines: A; B; …" for a printed page of headlines; "" for fewer than
    MIN_HEADLINES."""
    found = headlines(front)
    return f"Its headlines: {'; '.join(found)}." if len(found) >= MIN_HEADLINES else ""
