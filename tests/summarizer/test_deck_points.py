"""A slide deck's key points: the first statements of its content slides under their titles
(#19); title slides, tables, code and headings on slides are no key points."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.deck_points import deck_points, statement


def _deck() -> list[Sentence]:
    return [
        Sentence("Harbour Silt: a survey tool for estuaries and ports", 1, "title"),
        Sentence("• A toolkit for measuring silt in small tidal harbours", 2, "list item", ""),
        Sentence("• Sensors are towed behind an ordinary survey boat", 2, "list item", ""),
        Sentence("• Readings are stored every second with their position", 2, "list item", ""),
        Sentence("Code Label J9190 Silt 500 mg Q0084 Tow 12 m", 3, "list item", "Codes"),
        Sentence("– Depth is corrected for the tide at each reading", 4, "list item", "Method"),
        Sentence("f u nc main ( ) { fmt.Println(depth) }", 4, "list item", "Method"),
        Sentence(
            "– The same tow repeated gives depths within a centimetre", 5, "list item", "Method"
        ),
    ]


def test_each_content_slide_gives_its_first_statements_under_its_title() -> None:
    parts = deck_points(_deck(), 200)
    assert [p.text for p in parts] == [
        "A toolkit for measuring silt in small tidal harbours; "
        "Sensors are towed behind an ordinary survey boat.",
        "Method: Depth is corrected for the tide at each reading; "
        "The same tow repeated gives depths within a centimetre.",
    ]
    assert [p.pages for p in parts] == [(2,), (4, 5)]


def test_a_line_the_gist_says_already_is_left_out() -> None:
    said = ["A toolkit for measuring silt in small tidal harbours."]
    parts = deck_points(_deck(), 200, said)
    assert parts[0].text.startswith("Sensors are towed")


def test_a_deck_with_one_slide_of_statements_gets_none() -> None:
    assert deck_points(_deck()[:4], 200) == []


def test_a_statement_is_words_not_a_table_code_or_a_heading() -> None:
    assert statement("Sensors are towed behind an ordinary survey boat")
    assert not statement("Code Label J9190 Silt 500 mg Q0084 Tow 12 m")  # a table's cells
    assert not statement("f u nc main ( ) { fmt.Println(depth) }")  # code
    assert not statement("Colon Cancer Management Strategies By Stage")  # a heading
    assert not statement("Silt is measured")  # too short to say anything
