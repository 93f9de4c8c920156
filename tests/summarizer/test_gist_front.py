"""The gist's year from a journal citation line, and bylines in capitals with initials (#19)."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.engines import DocInput, Profile
from summarizer.gist import document_year, gist_line, name_like

BODY = [
    ("The rats were cooled in a bath of ice water until the colon read one degree.", 2),
    ("Each animal was then warmed in the field of the generator for twenty minutes.", 2),
]


def _doc(first: list[str], authors: tuple[str, ...] = ()) -> DocInput:
    lines = [Sentence(t, 1, "paragraph") for t in first] + [Sentence(t, p) for t, p in BODY]
    profile = Profile(title="Warming Cooled Rats", authors=authors, page_count=6, year="2019")
    return DocInput("k", lines, 6, (), profile)


def test_a_journal_citation_line_gives_the_year_over_a_received_date() -> None:
    received = "(Received 3 December 1954)"
    for cited in ("J. Physiol. (1955) 129, 541-546", "Harbour J. [1955] 12: 41–46"):
        assert document_year(_doc([cited, received])) == "1955", cited
    # A scan's old-style figures read as letters ("(I955) I28, 54I-546").
    assert document_year(_doc(["J. Physiol. (I955) I28, 54I-546", received])) == "1955"
    # A year in parentheses with no volume and page range is no citation: the dateline wins.
    assert document_year(_doc(["Smith (1950) found the same.", received])) == "1954"
    assert document_year(_doc([received])) == "1954"


def test_a_byline_in_capitals_with_initials_is_named() -> None:
    for passed in ("R. K. ANDJUS", "J.-P. LOVELOCK", "LEANA GOLUBCHIK"):
        assert name_like(passed), passed
    for caught in ("INTERNATIONAL MONETARY FUND UPDATE", "A. HARBOUR BOARD MINUTES"):
        assert not name_like(caught), caught
    line = gist_line(_doc(["(Received 3 December 1954)"], ("R. K. ANDJUS", "J. E. LOVELOCK")))
    assert line.endswith("by R. K. ANDJUS and J. E. LOVELOCK (1954)."), line
