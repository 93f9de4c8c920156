"""What a table's cells say, by their format (#19): repeated column values, the totals row,
the note above the header row, and a page head run into a note."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.table_facts import describe_table, figures_row, table_notes
from summarizer.table_values import headnote, repeated_values, totals_row, word_runs

FIRMS = ["Acme Ltd", "Borth Mills", "Cobb Foods", "Dale Transit", "Eske Glass"]


def _rows(page: int, kinds: list[str]) -> list[Sentence]:
    return [
        Sentence(f"0{n + 1}/12/2015 {FIRMS[n]} {40 + n} {kind}", page)
        for n, kind in enumerate(kinds)
    ]


def test_word_runs_are_the_words_between_number_cells() -> None:
    assert word_runs("Closure Permanent 09/25/2015 Bay Bread LLC 121 Layoff") == [
        "Closure Permanent",
        "Bay Bread LLC",
        "Layoff",
    ]


def test_values_a_column_repeats_row_after_row_are_counted() -> None:
    rows = _rows(1, ["Closure Permanent", "Layoff Temporary"] * 2 + ["Closure Permanent"])
    rows += _rows(2, ["Closure Permanent"] * 3 + ["Layoff Temporary"] * 2)
    assert repeated_values(rows, pages=2) == [("Closure Permanent", 6)]  # 4 times: too few


def test_a_running_head_once_a_page_or_a_gap_mark_is_no_column_value() -> None:
    rows = [Sentence("Quarterly Landings Register 12 19 44", p) for p in range(1, 8)]
    assert repeated_values(rows, pages=7) == []
    gaps = [Sentence(f"{name} 12 (X) 19 (X) 44", 1) for name in FIRMS]
    assert repeated_values(gaps, pages=1) == []


def test_the_totals_row_is_the_row_with_the_largest_figure_and_a_label() -> None:
    rows = ["North 120 340 460", "South 80 90 170", "Total 200 430 630 printed 2014 page 3"]
    assert totals_row(rows) == "Total 200 430 630"
    assert totals_row(["North 120 340 460", "South 80 90 170"]) == ""  # its peak is no total
    assert totals_row(["North 120 340 630", "South 80 90 630"]) == ""  # no single row


def test_the_headnote_is_the_text_above_the_header_row_less_the_title() -> None:
    sentences = [
        Sentence("Dunmore Fisheries plc Statement of Equity Year to 31 March 2014 (£000)", 1),
        Sentence("Capital Reserves Retained Total", 1),
        Sentence("Opening 5,664 749 12,017 17,683", 1),
    ]
    header = "Capital Reserves Retained Total"
    note = headnote(sentences, header, "Statement of Equity", figures_row)
    assert note == "Dunmore Fisheries plc Year to 31 March 2014 (£000)"
    assert headnote(sentences[1:], header, "", figures_row) == ""
    # A header row with a section number before it, its rows after: no note.
    numbered = [Sentence(f"1.1 {header}", 1), *sentences[2:]]
    assert headnote(numbered, header, "", figures_row) == ""


def test_describe_table_puts_the_note_the_totals_and_the_values_in_its_line() -> None:
    sentences = [
        Sentence("Dunmore Fisheries plc, boats by region (number)", 1),
        Sentence("Region Boats Crews Landings", 1),
        Sentence("North 12 40 460", 1),
        Sentence("South 8 30 170", 1),
        Sentence("West 4 10 90", 1),
        Sentence("Total 24 80 720", 1),
    ]
    line = describe_table(sentences, pages=1, title="")
    assert line.startswith("under “Dunmore Fisheries plc, boats by region (number)”")
    assert "its totals row: “Total 24 80 720”" in line


def test_a_note_holding_the_title_is_the_page_head_run_into_it() -> None:
    head = Sentence(
        "Of Harbour Landings Register* by Month 2015 Note: this monthly register is updated "
        "on the first working day of each month.",
        1,
    )
    note = Sentence("All weights are landed weights in tonnes, rounded to the nearest tonne.", 1)
    assert table_notes([head, note], title="Harbour Landings Register by Month") == [note]
    assert table_notes([head, note]) == [head, note]


def test_the_totals_figures_are_named_by_a_header_of_one_word_per_column() -> None:
    from summarizer.table_values import totals_columns

    assert totals_columns("Total 24 80 720", "Region Boats Crews Landings") == (
        "Boats 24, Crews 80, Landings 720"
    )
    assert totals_columns("Total 24 80 720", "Boats Crews Landings") == (
        "Boats 24, Crews 80, Landings 720"
    )
    # Near misses: a header of multi-word cells cannot be matched to the figures.
    assert totals_columns("Total 24 80 720", "Region Boats at sea Crews Landings") == ""
    # A gap mark is a cell too: three header words for four cells name none of them.
    assert totals_columns("Total 24 ― 80 720", "Boats Crews Landings") == ""
    assert (
        totals_columns("Total 24 ― 720", "Boats Crews Landings")
        == "Boats 24, Crews ―, Landings 720"
    )
    sentences = [
        Sentence("Region Boats Crews Landings", 1),
        Sentence("North 12 40 460", 1),
        Sentence("South 8 30 170", 1),
        Sentence("West 4 10 90", 1),
        Sentence("Total 24 80 720", 1),
    ]
    line = describe_table(sentences, pages=1, title="")
    assert "its totals row: “Total 24 80 720” (Boats 24, Crews 80, Landings 720)" in line


def test_a_table_whose_labels_repeat_says_what_its_rows_name_and_its_stated_period() -> None:
    from summarizer.table_values import row_names

    head = Sentence(
        "Harbour notices by received date for the ports of the north 02/01/2015 - 05/30/2015", 1
    )
    kinds = ["Closure Permanent", "Layoff Temporary"] * 3
    rows = [  # each row opens with its kind (a repeated value), then a date, a firm, a count
        Sentence(f"{kind} 0{n + 1}/12/2015 {FIRMS[n]} {40 - n}", 1)
        for n, kind in enumerate(kinds[:5])
    ]
    line = describe_table([head, *rows], pages=1, title="")
    assert "naming “Acme Ltd”, “Borth Mills”, “Cobb Foods” …" in line
    assert "for 02/01/2015 to 05/30/2015 (the period its first page states)" in line
    # Near misses: rows repeating one name name nothing; no printed period, the cells' span.
    same = [Sentence(f"0{n + 1}/12/2015 Acme Ltd {40 + n} Layoff", 1) for n in range(5)]
    assert row_names([s.text for s in same], []) == []
    assert "dated 01/12/2015 to 05/12/2015" in describe_table(rows, pages=1, title="")
