"""Bylines of several authors, each with their own block of affiliation lines (#19)."""

from __future__ import annotations

from ingestion.bylines import authors_after
from ingestion.layout import SizedLine


def _front(rows: list[tuple[str, float]]) -> tuple[str, ...]:
    lines = [SizedLine("Harbour Piers and Their Tides", 20, 0.9)]
    lines += [SizedLine(t, size, 0.85 - i / 100) for i, (t, size) in enumerate(rows)]
    return authors_after(lines, 1)


def test_each_author_block_in_the_byline_size_adds_its_name() -> None:
    # Name in the byline's size, then e-mail and affiliation lines in smaller type, then the
    # next author's block: every block names an author.
    rows = [
        ("Jane Quill", 11.2),
        ("jq@example.org", 9.3),
        ("Harbour Institute", 9.3),
        ("Seattle, WA, USA", 9.3),
        ("Tom Reed", 11.2),
        ("Lena Marsh", 11.2),
        ("tr@example.org", 9.3),
        ("Southern University", 9.3),
        ("ABSTRACT", 10.3),
        ("We study how harbour piers change the tides that run along the coast each day.", 9.3),
    ]
    assert _front(rows) == ("Jane Quill", "Tom Reed", "Lena Marsh")


def test_an_affiliation_wrapping_onto_a_second_line_keeps_the_run() -> None:
    rows = [
        ("Marta Vale", 12.0),
        ("Department of Tides, Harbour University – North Campus,", 10.1),
        ("New Zealand, and", 10.1),
        ("Owen Pike and Ruth Lamb", 12.0),
        ("Harbour Business School, Auckland, New Zealand", 10.1),
    ]
    assert _front(rows) == ("Marta Vale", "Owen Pike", "Ruth Lamb")


def test_a_name_like_line_after_the_affiliations_in_their_own_size_is_no_author() -> None:
    # Affiliations in the byline's own size: no size tells a new author block from them, so a
    # name-like line after them ends the run as before.
    same = [("Jane Quill", 11.0), ("Harbour Institute", 11.0), ("Fresno County", 11.0)]
    assert _front(same) == ("Jane Quill",)
    # A heading in another size after smaller affiliations is no author either.
    heading = [("Jane Quill", 11.0), ("Harbour Institute", 9.0), ("Tidal Flows", 16.0)]
    assert _front(heading) == ("Jane Quill",)
