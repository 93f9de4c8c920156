"""#19, blind read 7: a one-page document of many short lines is given in reading order from
its opening line, not as a ranked pick of lines out of context; a heading glued to the first
line is cut. Each rule catches a built page and passes a near miss."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.base import SummaryOptions
from summarizer.candidates import junk_reason
from summarizer.engines import DocInput, Profile
from summarizer.extractive import ExtractiveEngine
from summarizer.short_lines import many_short_lines, without_title_words

LINES = [
    "Pier Sayings Calm water is better than rough water.",
    "Stone is better than timber.",
    "Tide waits for no pilot.",
    "Check the ropes twice.",
    "Although a rope may look sound.",
    "Unless it is wet.",
    "A clean deck is a safe deck.",
    "Lanterns belong on the bow.",
    "Never moor in the fairway.",
    "Although the fairway looks empty at night unless a pilot says so.",
    "Count the crew before the lines are cast off.",
    "Leave the pier as you found it.",
]
PROSE = (
    "The harbour board met in spring and agreed to dredge the northern channel before the "
    "autumn storms, since the pilots reported that larger ships now touch the bottom there."
)


def doc(texts: list[str], pages: int = 1) -> DocInput:
    sents = tuple(Sentence(t, 1 + i * pages // len(texts)) for i, t in enumerate(texts))
    return DocInput("k", sents, pages, (), Profile(page_count=pages, title="Pier Sayings"))


def test_a_page_of_many_short_lines_is_given_from_its_opening_line_in_order() -> None:
    assert many_short_lines(doc(LINES).sentences, 1)
    parts = ExtractiveEngine().summarize_one(doc(LINES), SummaryOptions()).parts
    points = [p.text for p in parts if p.kind == "point"]
    assert points[0] == "Calm water is better than rough water."  # the glued heading is cut
    # In reading order: a line too short to stand alone goes with the line before it.
    page = " ".join([without_title_words(LINES[0], "Pier Sayings"), *LINES[1:]])
    assert page.startswith(" ".join(points))
    assert len(points) >= 3 and "Check the ropes twice." in " ".join(points)
    assert all(junk_reason(p) is None for p in points)
    # Near misses: long sentences are prose to rank; the same lines over two pages, or too
    # few of them, are no page of short lines.
    assert not many_short_lines(doc([PROSE] * 12).sentences, 1)
    assert not many_short_lines(doc(LINES, pages=2).sentences, 2)
    assert not many_short_lines(doc(LINES[:5]).sentences, 1)
    assert not many_short_lines(doc(LINES * 8).sentences, 1)  # a transcript, not a page


def test_a_heading_is_cut_only_when_two_title_words_run_into_a_capitalised_word() -> None:
    assert without_title_words("Pier Sayings Calm water.", "Pier Sayings") == "Calm water."
    assert without_title_words("Pier sayings are old.", "Pier Sayings") == "Pier sayings are old."
    assert without_title_words("Pier Calm water.", "Pier Sayings") == "Pier Calm water."
