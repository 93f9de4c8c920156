"""#19: a page of fine print (a flyer's conditions) has no headings: a line opening with a
note mark, or a long line with commas or a sentence's end, is named as none."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.no_prose import fine_print, no_prose_line

CONDITION = (
    "Excluded from points interest-free instalments, diet instalments, single payments with a "
    "card discount and gift card top-ups"
)
NOTES = [
    "* Points are credited on the date the sales slip is received",
    "* Points expire after five years, at the end of the month",
    "* Big points, bonus points and service points are added up for use",
]


def test_notes_and_long_clauses_are_fine_print_and_short_lines_are_not() -> None:
    assert fine_print(CONDITION) and all(fine_print(n) for n in NOTES)
    assert fine_print("The card gives points at cafés and bakeries on every purchase here.")
    # Near misses: short lines, with a comma or letter-spaced, and a long label without one.
    assert not fine_print("Service terms, points")
    assert not fine_print("P R I N T, C L E A R L Y")
    assert not fine_print("Monthly spending threshold for the discount at partner coffee shops")


def test_a_page_of_fine_print_names_no_headings() -> None:
    page = [Sentence(CONDITION, 1), *(Sentence(n, 1) for n in NOTES)]
    line = no_prose_line(page, 1).text
    assert "its headings" not in line
    assert "fine print (notes and conditions), the first: Excluded from points" in line
    # Near miss: the short lines among the notes are its headings.
    mixed = [Sentence("Service terms", 1), *page, Sentence("Partner shops", 1)]
    assert "its headings: Service terms, Partner shops." in no_prose_line(mixed, 1).text
