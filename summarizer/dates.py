"""The year a document prints as its own (#19), for the gist line.

A journal citation on its first page ("J. Physiol. (1955) 129, 541-546"), else a dateline on
its first page (a short line of its own, or a date in its title, byline or
furniture lines; a date in running prose is some event's), a year alone on a line of the first
page (a thesis's title page), or the last year of a copyright line on its first two pages
("© Copyright IBM Corp. 2014"). The PDF's own date is shown only where the pages print that
year: a file re-saved, sampled or converted years later carries the later date.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from typing import Protocol

from ingestion.roles import PROSE_ROLES
from summarizer.candidates import word_count

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai"
    r"|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    r"|septiembre|octubre|noviembre|diciembre)"
)
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
# A date as a dateline prints it ("3 December 1954", "June 1 - 6, 2018", "2019-03-12"), and a
# copyright line ("© 2009 ACM", "Copyright 2002, 2003 …"; "c 2009" where the sign was lost;
# "© Copyright IBM Corp. 2014": a holder of a few capitalised words before the year).
DATELINE = re.compile(
    rf"\b{_MONTH}\.?\s+(?:\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?,?\s+)?({YEAR})\b"
    rf"|\b({YEAR})-[01]\d-[0-3]\d\b",
    re.IGNORECASE,
)
COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b|^c(?=\s))\s*(?:(?:©|copyright)\s*)?"
    rf"(?:(?-i:[A-Z])[\w&.-]*,?\s+){{0,4}}((?:{YEAR}\s*[,–-]\s*)*{YEAR})\b",
    re.IGNORECASE,
)
# A journal citation on a first page: a year in brackets or parentheses, then a volume and a
# page range ("J. Physiol. (1955) 129, 541-546", "Nature [2001] 409: 860–921"); a scan's
# text layer may read old-style figures 1 and 0 as I, l or O ("(I955) I28, 54I-546").
_FIG = r"(?=[\dIlO]*\d)[\dIlO]"
CITATION = re.compile(
    rf"[(\[]\s*({_FIG}{{4}})\s*[)\]]\s*,?\s*(?:vol\.?\s*)?{_FIG}{{1,4}}\s*(?:\(\w+\)\s*)?[,:]\s*"
    rf"(?:pp?\.\s*)?{_FIG}{{1,5}}\s*[-–]\s*{_FIG}{{1,5}}\b",
    re.IGNORECASE,
)
_AS_DIGITS = str.maketrans("IlO", "110")
YEAR_LINE = re.compile(rf"^\W*({YEAR})\W*$")  # "2010" alone under a thesis's title
_FOUR_DIGITS = re.compile(r"\d{4}")
DATELINE_WORDS = 8  # a dateline is a short line of its own on the first page ("Berlin, …")
BYLINE_WORDS = 25  # a date in the first page's title, byline or furniture lines
COPYRIGHT_PAGES = 2  # a copyright line stands on the first two pages
DATE_LINES = 120


class Line(Protocol):
    """A sentence or a block: its text, page and role."""

    @property
    def text(self) -> str: ...

    @property
    def page(self) -> int: ...

    @property
    def role(self) -> str: ...


def _years(line: Line) -> list[int]:
    n = word_count(line.text)
    found: list[int] = []
    if line.page == 1 and (
        n <= DATELINE_WORDS or (line.role not in PROSE_ROLES and n <= BYLINE_WORDS)
    ):
        found += [int(next(g for g in m.groups() if g)) for m in DATELINE.finditer(line.text)]
        alone = YEAR_LINE.match(line.text)
        found += [int(alone.group(1))] if alone else []
    if line.page <= COPYRIGHT_PAGES:
        found += [
            max(map(int, _FOUR_DIGITS.findall(m.group(1)))) for m in COPYRIGHT.finditer(line.text)
        ]
    return found


def citation_year(lines: Sequence[Line], latest: int) -> int:
    """The year of a journal citation line on the first page (`CITATION`); 0 when none."""
    for line in lines[:DATE_LINES]:
        if line.page != 1:
            continue
        for m in CITATION.finditer(line.text):
            year = m.group(1).translate(_AS_DIGITS)
            if re.fullmatch(YEAR, year) and int(year) <= latest:
                return int(year)
    return 0


def printed_year(lines: Sequence[Line], latest: int, named: Collection[str] = ()) -> str:
    """The year the first lines print as the document's own (the module docstring's rules):
    a journal citation's on the first page (the publication's, over a "Received" date), else
    one the title names (``named``: a newsletter's "November 2006" over its calendar's dates),
    else the most frequent, the latest of equals, never after ``latest``; "" when none is."""
    cited = citation_year(lines, latest)
    if cited:
        return str(cited)
    years = [y for line in lines[:DATE_LINES] for y in _years(line) if y <= latest]
    if not years:
        return ""
    return str(max(set(years), key=lambda y: (str(y) in named, years.count(y), y)))


def printed_anywhere(year: str, texts: Iterable[str]) -> bool:
    """Whether ``year`` stands as a number of its own in any of ``texts``."""
    pattern = re.compile(rf"(?<!\d){re.escape(year)}(?!\d)")
    return bool(year) and any(pattern.search(t) for t in texts)
