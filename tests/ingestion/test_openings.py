"""#19's speed pass: a test of a line's first characters, read from a pattern's parse, never
rules out a line the pattern matches, and rules out prose."""

from __future__ import annotations

import random
import re

import pytest

from ingestion import vocabulary
from ingestion.line_groups import (
    _NUMBERED_HEADING,
    LIST_ITEM,
    PAGE_NUMBER,
    may_open_block,
    may_stand_alone,
)
from ingestion.openings import opening

PATTERNS = [
    _NUMBERED_HEADING,
    LIST_ITEM,
    PAGE_NUMBER,
    vocabulary.REFERENCES_HEADING,
    vocabulary.REFERENCES_LEAD,
    vocabulary.APPENDIX_HEADING,
    vocabulary.CONTENTS_HEADING,
    vocabulary.ABSTRACT_HEAD,
    vocabulary.FRONT_LABEL,
    vocabulary.CAPTION,
    vocabulary.COURT_LINE,
    vocabulary.DATE_LINE,
    vocabulary.CONTENTS_LINE,
    vocabulary.LETTER_SPACED,
    vocabulary.ACT_KIND,
    vocabulary.NUMBER_TOKEN,
]
LINES = [
    "References",
    "2. references",
    "12 Bibliographie",
    "Список литературы",
    "Works Cited",
    "Page 3 of 9",
    "page 12",
    "- 12 -",
    "—3—",
    " 14",
    "12",
    "12 / 40",
    "Figure 3: The pier",
    "fig. 2",
    "TABLE 1 Results",
    "Abbildung 4",
    "Рис. 5",
    "• item",
    "- item",
    "(a) item",
    "a) item",
    "12) item",
    "3.1 Mining association rules",
    "3 Method",
    "IV. Results",
    "Appendix A",
    "ANHANG",
    "Приложение 1",
    "Table of Contents",
    "Inhaltsverzeichnis",
    "ÍNDICE",
    "Содержание",
    "Abstract—We study piers",
    "ABSTRACT",
    "Keywords: harbour, pier",
    "Index Terms—piers",
    "In the Supreme Court of Ohio",
    "March 3, 2020",
    "12/03/2020",
    "Monday, 4 May 2020",
    "П О С Т А Н О В Л Е Н И Е",
    "An Act",
    "$1,200",
    "(4)",
    "12%",
    "",
    "x",
    "12\n",
]
PROSE = [
    "The harbour board met in March and agreed to repair the northern pier before",
    "the winter storms, since the stone footings had cracked in two places.",
    "Meanwhile the railway company announced that the new station will open.",
    "However, the works were delayed.",
    "We mined the rules over all the abstracts of the collection.",
]


def _mutations(rng: random.Random, line: str) -> str:
    """A line changed a little: a character dropped, doubled, or its case turned."""
    if not line:
        return line
    i = rng.randrange(len(line))
    kind = rng.randrange(3)
    if kind == 0:
        return line[:i] + line[i + 1 :]
    if kind == 1:
        return line[:i] + line[i] + line[i:]
    return line[:i] + line[i].swapcase() + line[i + 1 :]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:30])
def test_a_line_the_pattern_matches_is_never_ruled_out(pattern: re.Pattern[str]) -> None:
    opens = opening(pattern)
    rng = random.Random(pattern.pattern)
    lines = LINES + PROSE + [_mutations(rng, line) for line in LINES * 20]
    matched = [line for line in lines if pattern.match(line)]
    assert matched, "the pattern matches some of the lines"
    assert all(opens(line) for line in matched)


def test_prose_is_ruled_out_by_the_rules_of_grouping() -> None:
    assert not any(may_stand_alone(line) for line in PROSE[:2])
    assert not any(may_open_block(line) for line in PROSE)
    assert may_stand_alone("3.1 Mining rules") and may_open_block("Figure 3")


def test_what_the_parse_cannot_tell_opens_on_anything() -> None:
    lookahead = re.compile(r"(?=\d)\d+ items")
    own_flags = re.compile(r"(?i:pier)s")
    empty = re.compile(r"(?:pier)?")
    for pattern in (lookahead, own_flags, empty):
        assert opening(pattern)("The harbour")
    assert not opening(re.compile(r"piers?$"))("The harbour")
