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


def test_past_the_budget_slides_spread_over_the_deck_give_one_statement_each() -> None:
    deck = [Sentence("Harbour Silt: a survey tool", 1, "title")]
    for n in range(2, 12):
        for k in range(2):
            text = f"– Point {k} of slide {n} says what the survey found there"
            deck.append(Sentence(text, n, "list item", f"Slide {n}"))
    parts = deck_points(deck, 40)
    assert [p.pages for p in parts] == [(2,), (5,), (8,)]  # three of 12 words fit, spread
    assert parts[0].text == "Slide 2: Point 0 of slide 2 says what the survey found there."


def test_a_bullet_opening_on_a_short_lowercase_word_continues_the_line_above() -> None:
    assert not statement("or extensions of Java, like Clojure and Groovy")
    assert statement("xpdf is used for reading the PDF files")


def test_past_the_budget_one_slide_of_statements_is_never_shown_twice() -> None:
    long = "says what the survey found in the harbour over the whole of the winter season"
    deck = [Sentence("Harbour Silt: a survey tool", 1, "title")]
    deck += [Sentence(f"– Tow {k} {long}", 2, "list item", "Method") for k in range(2)]
    assert deck_points(deck, 25) == []
