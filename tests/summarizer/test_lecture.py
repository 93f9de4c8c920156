"""#19: lecture notes are their own kind, told by mathematics set up on most pages (short
displayed formula lines, or numbered statements with a math set-up); a paper's or a report's
prose with a formula now and then is not."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.lecture import LECTURE_NOTES, kind_line, lecture_signs


def _sents(texts: list[str], pages: int) -> list[Sentence]:
    return [Sentence(t, 1 + i % pages, "paragraph", "") for i, t in enumerate(texts)]


PROSE = "The tree is built greedily, one split at a time, from the root down to the leaves."


def test_short_formula_lines_on_most_pages_make_lecture_notes() -> None:
    notes = _sents([PROSE, "H(R) = min", "Q(R, j, t) = H(R) −", PROSE] * 3, 4)
    assert lecture_signs(notes, 4)
    # Near miss: a report with one formula line in ten pages.
    report = _sents([PROSE] * 30 + ["x = 1"], 10)
    assert not lecture_signs(report, 10)
    # Near miss: a datasheet's measured values around a sign are no formulas.
    sheet = _sents([PROSE, "0.45 ± 0.05 1.10", "VDD = 3.3 V", "12.00 + 0.30"] * 3, 4)
    assert not lecture_signs(sheet, 4)


def test_numbered_statements_with_a_set_up_make_lecture_notes() -> None:
    statements = ["Definition 3 Let X be a set and T a family of its subsets.", PROSE] * 4
    assert lecture_signs(_sents(statements, 3), 3)
    chapters = ["Chapter 2 of the guide walks the reader through the installation.", PROSE] * 4
    assert not lecture_signs(_sents(chapters, 3), 3)


def test_the_gist_line_says_lecture_notes_in_the_plural() -> None:
    assert kind_line("A", "10-page", 10, LECTURE_NOTES) == "Lecture notes (10 pages)"
    assert kind_line("A", "10-page", 10, "paper") == "A 10-page paper"
