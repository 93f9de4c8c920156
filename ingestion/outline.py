"""A document's outline: sections with level, title and page range (#10).

From the PDF's bookmarks when it has them; else from a table of contents printed in its front
matter ("Introduction ........ 1"), mapped to PDF pages by finding the headings in the text;
else from numbered heading lines ("1 Introduction", "2. Method", "III. RESULTS").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ingestion.clean import normalize
from ingestion.document import Section

Mark = tuple[int, str, int]  # level (0 is the top), title, 1-based PDF page
TRAILING_PAGE = re.compile(r"[\s.,]+(?!(?:19|20)\d\d$)\d{1,4}$")  # a page number, not a year


def outline_for(
    bookmarks: list[Mark], raw_pages: list[str], size_marks: Sequence[Mark] = ()
) -> tuple[Section, ...]:
    """The best outline the document offers, as sections with page ranges: its bookmarks,
    else its printed contents page, else numbered headings, else headings in larger type."""

    def given(pages: list[str]) -> list[Mark]:
        return list(bookmarks)

    def by_size(pages: list[str]) -> list[Mark]:
        spread = {page for level, _, page in size_marks if level == 0}
        return list(size_marks) if len(spread) >= 2 else []  # all on one page: table cells

    marks: list[Mark] = []
    for source in (given, toc_headings, numbered_headings, by_size):
        found = _below_one_root(source(raw_pages))
        if _top_level(found) >= 2:  # an outline with one chapter is no outline: try the next
            marks = found
            break
        marks = marks or found
    return outline_from(marks, len(raw_pages))


def _below_one_root(marks: list[Mark]) -> list[Mark]:
    """A single top entry holding all the rest (the document's own title as the root
    bookmark) gives way to the entries under it."""
    top = min((level for level, _, _ in marks), default=0)
    if _top_level(marks) == 1 and len(marks) > 2 and marks[0][0] == top:
        return [(level - 1, title, page) for level, title, page in marks[1:]]
    return marks


def _top_level(marks: Sequence[Mark]) -> int:
    top = min((level for level, _, _ in marks), default=0)
    return sum(level == top for level, _, _ in marks)


_NUMBERED_HEADING = re.compile(
    r"^(?:Chapter\s+|CHAPTER\s+)?(?P<num>\d{1,2}|[IVX]{1,5})(?P<dot>\.?)\s+(?P<title>[A-Z].{1,70})$"
)
_ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
}
MIN_HEADINGS = 3


def numbered_headings(raw_pages: list[str]) -> list[Mark]:
    """Top-level sections from numbered heading lines ("1 Introduction", "2. Method",
    "III. RESULTS"), for documents without bookmarks: numbers must run 1, 2, 3… in one style,
    so list items and table cells that look like headings are passed over."""
    found: list[Mark] = []
    style: tuple[bool, str] | None = None
    for page_number, text in enumerate(raw_pages, start=1):
        for raw_line in text.splitlines():
            line = " ".join(raw_line.split())
            m = _NUMBERED_HEADING.match(line)
            if not m or len(m["title"].split()) > 8 or m["title"].endswith((".", ",", ";", ":")):
                continue
            roman = not m["num"].isdigit()
            number = _ROMAN.get(m["num"], 0) if roman else int(m["num"])
            if number != len(found) + 1 or (style and style != (roman, m["dot"])):
                continue
            style = (roman, m["dot"])
            found.append((0, TRAILING_PAGE.sub("", line), page_number))
    return found if len(found) >= MIN_HEADINGS else []


def outline_from(bookmarks: list[Mark], pages: int) -> tuple[Section, ...]:
    """Sections with page ranges: each runs to the page before the next one at its level or
    above starts (bookmarks out of page order are dropped)."""
    marks: list[Mark] = []
    for level, title, page in bookmarks:
        if not marks or page >= marks[-1][2]:
            marks.append((level, title, page))
    sections = []
    for i, (level, title, page) in enumerate(marks):
        end = pages
        for later_level, _t, later_page in marks[i + 1 :]:
            if later_level <= level:
                end = max(page, later_page - 1)
                break
        sections.append(Section(level, title, page, end))
    return tuple(sections)


# "Title ........ 12", "Title . . . . . xiv", "Title……… 3" (NFKC turns "…" into "...").
_TOC_ENTRY = re.compile(
    r"^(?P<title>\S.*?)\s*(?:\.\s?){3,}[\s.]*(?P<page>\d{1,4}|[ivxlc]{1,7})\s*$", re.IGNORECASE
)
_TOC_NUMBER = re.compile(r"^(?:(?:Chapter|Part|Section)\s+)?(?P<num>\d+(?:\.\d+)*)\.?\s")
TOC_FRONT_PAGES = 20  # a table of contents sits in the front matter
MIN_TOC_ENTRIES = 3
MAX_TOC_SHIFT = 60  # front-matter pages before printed page 1


def _key(text: str) -> str:
    """A heading compared loosely: letters and digits only, case folded, first 40 kept."""
    return re.sub(r"[\W_]+", "", text.casefold())[:40]


def _toc_entries(raw_pages: list[str]) -> tuple[list[tuple[int, str, str]], int]:
    """(level, title, printed page) of the first table of contents, and its last PDF page."""
    entries: list[tuple[int, str, str]] = []
    last = 0
    for number, text in enumerate(raw_pages[:TOC_FRONT_PAGES], start=1):
        found: list[tuple[int, str, str]] = []
        pending = ""  # an entry's title wrapped onto a line of its own
        for raw_line in normalize(text).splitlines():
            line = " ".join(raw_line.split())
            m = _TOC_ENTRY.match(line)
            if not m:
                pending = line if found and len(line.split()) <= 12 else ""
                continue
            title = f"{pending} {m['title']}".strip(" .") if pending else m["title"].strip(" .")
            pending = ""
            num = _TOC_NUMBER.match(title)
            level = num["num"].count(".") if num and not title.lower().startswith("chapter") else 0
            if sum(c.isalpha() for c in title) >= 3:
                found.append((level, title, m["page"]))
        if len(found) >= MIN_TOC_ENTRIES or (entries and last == number - 1 and found):
            entries += found
            last = number
        elif entries:
            break
    return (entries, last) if len(entries) >= MIN_TOC_ENTRIES else ([], 0)


def toc_headings(raw_pages: list[str]) -> list[Mark]:
    """Sections from a printed table of contents. Printed page numbers are not PDF pages (a
    cover and front matter come first), so the shift between them is the one most headings
    agree on, found by looking for each heading at the start of a line after the contents."""
    entries, toc_end = _toc_entries(raw_pages)
    if not entries:
        return []
    line_keys: list[set[str]] = [
        {_key(line) for line in text.splitlines() if _key(line)} for text in raw_pages
    ]
    shifts: Counter[int] = Counter()
    for _level, title, printed in entries:
        if not printed.isdigit():
            continue
        key = _key(title)
        for shift in range(0, MAX_TOC_SHIFT):
            page = int(printed) + shift
            if page > len(raw_pages):
                break
            if page > toc_end and any(k.startswith(key) for k in line_keys[page - 1]):
                shifts[shift] += 1
                break
    if not shifts:
        return []
    shift, votes = shifts.most_common(1)[0]
    if votes < max(2, len([e for e in entries if e[2].isdigit()]) // 4):
        return []
    marks = [
        (level, title, int(printed) + shift)
        for level, title, printed in entries
        if printed.isdigit() and toc_end < int(printed) + shift <= len(raw_pages)
    ]
    return marks if len(marks) >= 2 else []
