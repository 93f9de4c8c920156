"""The title rules of `ingestion.titles` (#10): masthead, subtitle, mixed sizes, the heading
above the body. Lines are given as PDFium measures them; two real PDFs go through read_pdf."""

from ingestion import read_pdf
from ingestion.layout import SizedLine
from ingestion.titles import front_matter, heading_above_body
from tests.conftest import text_pdf

BODY = "The board met on Tuesday and discussed the repairs of the northern pier in detail."


def line(text, size=10.0, top=0.5, bold=False, left=0.1, right=0.9, pieces=()):
    return SizedLine(text, size, top, bold, left, right, top - 0.01, pieces)


def body(top: float, n: int = 6) -> list[SizedLine]:
    return [line(BODY, top=top - 0.015 * i) for i in range(n)]


def test_a_bold_centred_subtitle_continues_the_title_and_footnote_marks_go() -> None:
    lines = [
        line("WARN Report*", 14, 0.96, True, 0.44, 0.56),
        line("Summary by Received Date", 10, 0.93, True, 0.41, 0.59),
        line("07/01/2015 - 03/25/2016", 10, 0.90, True, 0.43, 0.57),
        *body(0.8, 20),
    ]
    assert front_matter(lines)[0] == "WARN Report Summary by Received Date"
    # Off the title's axis, or not bold, it is not a subtitle.
    shifted = [lines[0], line("Summary by Received Date", 10, 0.93, True, 0.05, 0.25), *lines[2:]]
    assert front_matter(shifted)[0] == "WARN Report"
    plain = [lines[0], line("Summary by Received Date", 10, 0.93, False, 0.41, 0.59), *lines[2:]]
    assert front_matter(plain)[0] == "WARN Report"


def test_authors_under_a_title_are_not_a_subtitle() -> None:
    lines = [
        line("Harbour Repairs in Practice", 18, 0.9, True, 0.3, 0.7),
        line("Ada Lovelace", 11, 0.86, True, 0.42, 0.58),
        *body(0.38, 20),
    ]
    assert front_matter(lines) == ("Harbour Repairs in Practice", ("Ada Lovelace",))


def test_a_mixed_size_line_is_judged_by_its_pieces_and_keeps_the_year_beside_it() -> None:
    form = line(
        "U.S. Individual Income Tax Return 2010 (99) IRS Use Only",
        25.2,
        0.95,
        pieces=(
            ("U.S. Individual Income Tax Return", 14.2),
            ("2010", 25.2),
            ("(99) IRS Use Only", 7.0),
        ),
    )
    lines = [
        line(
            "1040 Department of the Treasury",
            28.8,
            0.96,
            pieces=(("1040", 28.8), ("Department of the Treasury", 7.0)),
        ),
        form,
        line("Income", 14.3, 0.57, True),
        *body(0.5, 30),
    ]
    assert front_matter(lines)[0] == "U.S. Individual Income Tax Return 2010"


def test_a_masthead_beside_its_volume_line_is_not_the_title() -> None:
    lines = [
        line("Harbour Gazette", 17, 0.93, True),
        line("Vol. 85, No. 152", 8, 0.91),
        line("Pier Repairs Approved", 9, 0.75, True),
        *body(0.72, 10),
    ]
    assert front_matter(lines)[0] == ""  # nothing else stands out …
    assert heading_above_body(lines) == "Pier Repairs Approved"  # … the heading above the body
    # Without the volume line the big type is the title.
    assert front_matter([lines[0], *lines[2:]])[0] == "Harbour Gazette"


def test_without_large_type_the_bold_heading_above_the_body_is_the_title(tmp_path) -> None:
    memo = text_pdf(
        tmp_path / "memo.pdf",
        ["** Repairs to the Northern Pier", *[BODY] * 12],
    )
    assert read_pdf(memo).title == "Repairs to the Northern Pier"
    # A section name above the body is not a title.
    summary = [line("Executive Summary", 10, 0.9, True), *body(0.88, 6)]
    assert heading_above_body(summary) == ""
    assert heading_above_body([line("Pier Repairs", 10, 0.9, True), *body(0.88, 6)])
    # A real metadata title is a stronger sign than a bold heading.
    named = text_pdf(
        tmp_path / "named.pdf",
        ["** Repairs to the Northern Pier", *[BODY] * 12],
        title="Harbour Board Minutes, March",
    )
    assert read_pdf(named).title == "Harbour Board Minutes, March"


def test_a_masthead_in_a_real_pdf_gives_way_to_the_heading_above_the_body(tmp_path) -> None:
    path = text_pdf(
        tmp_path / "gazette.pdf",
        ["** Pier Repairs Approved by the Board", *[BODY] * 12],
        heading=["Harbour Gazette", "Vol. 3, No. 12"],
    )
    assert read_pdf(path).title == "Pier Repairs Approved by the Board"
