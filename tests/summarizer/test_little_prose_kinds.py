"""#19, blind read 4: a document with little prose is told by its kind. A table by its header
row and rows, a slide deck by its slide titles (its bullets without the letter a symbol font
left), a page of headlines by its headlines; each rule catches a built line and passes a
near miss."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.base import SummaryOptions
from summarizer.engines import DocInput, Profile
from summarizer.extractive import ExtractiveEngine
from summarizer.no_prose import no_prose_line
from summarizer.slide_marks import bullet_letter, unmarked, without_bullet_letter
from summarizer.table_facts import date_span, describe_table, header_row, row_count

HARBOURS = ["Northport", "Southbay", "Eastmere", "Westholm", "Kingsferry"]


def table(section: str = "") -> list[Sentence]:
    rows = [f"{name} {100 + i * 7} {12 + i}.5 {30 + i}" for i, name in enumerate(HARBOURS)]
    return [
        Sentence("Harbour Berths Ships Repairs", 1, role="table", section=section),
        *(Sentence(r, 1, role="table", section=section) for r in rows),
        Sentence("Total 535 72.5 160", 1, role="table", section=section),
    ]


def test_a_table_is_told_by_its_header_row_and_its_rows() -> None:
    said = describe_table(table())
    assert "its header row: “Harbour Berths Ships Repairs”" in said
    assert "about 6 rows of figures (Northport, Southbay, Eastmere … Total)" in said
    line = no_prose_line(table(), 1, after_gist=True, kind="table").text
    assert line.startswith("Its header row:") and "Little running text" not in line
    assert no_prose_line(table(), 1, after_gist=True, kind="table").kind == "covers"
    # Two rows of figures are no table to describe: the headings stand in.
    assert describe_table(table()[:3]) == ""
    assert (
        "Little running text" in no_prose_line(table()[:3], 1, after_gist=True, kind="table").text
    )


def test_a_header_row_is_a_line_of_words_not_a_cell_value_the_table_repeats() -> None:
    rows = [Sentence(f"0{i}/1{i}/2015 Northport {20 + i} Layoff Permanent", 1) for i in range(4)]
    # The status words above the first row stand again in every row: a cell, not a header.
    assert header_row([Sentence("Layoff Permanent", 1), *rows]) == ""
    # A line of numbers above the rows, or a section heading glued before them, is no header.
    headed = [Sentence("1.2 Berths by Port Port Berths Ships", 1, section="1.2 Berths by Port")]
    assert header_row([*headed, *rows]) == "Port Berths Ships"
    assert header_row([Sentence("Under 18 years of age", 1), *rows]) == "Under 18 years of age"


def test_rows_run_together_are_counted_or_left_uncounted() -> None:
    one = "Northport 12 14 16"
    assert row_count([one, one, one, one, f"{one} {one}"]) == 6  # one line of two rows
    glued = f"{one} {one} {one}"
    assert row_count([one, one, glued, glued]) is None  # the rows are lost: no count is guessed
    said = describe_table([Sentence(f"0{i}/2{i}/2015 Layoff {i} {i}", 1) for i in range(1, 5)])
    assert "dated 01/21/2015 to 04/24/2015" in said


def test_a_date_span_reads_day_first_dates_and_skips_mistyped_years() -> None:
    assert date_span(["03/02/2015 x", "25/01/2015 y", "04/02/2015 z"]) == (
        "25/01/2015",
        "04/02/2015",
    )
    assert date_span(["01/02/2015", "01/03/2015", "01/04/2015", "05/15/5016"]) == (
        "01/02/2015",
        "01/04/2015",
    )
    assert date_span(["01/02/2015", "01/03/2015"]) is None  # two dates span nothing


def test_a_table_summary_quotes_its_headnote_and_names_its_parts() -> None:
    note = "Represents arrests reported by the harbour police of the five northern ports."
    sents = [
        Sentence("Harbour Arrests 2009", 1, role="title"),
        Sentence(note, 1),
        *table("1. Arrests by Port"),
        *table("2. Arrests by Season"),
    ]
    item = DocInput("k", sents, 1, (), Profile(title="Harbour Arrests 2009", page_count=1))
    summary = ExtractiveEngine().summarize_one(item, SummaryOptions())
    texts = [p.text for p in summary.parts]
    assert texts[0].startswith("A one-page table")
    assert "its parts: 1. Arrests by Port; 2. Arrests by Season." in texts[1]
    assert texts[2] == note


def test_a_letter_that_starts_many_bullets_before_capitals_is_their_mark() -> None:
    texts = [
        "I Rule: every berth has a number.",
        "I ⇒ Ships wait at the outer mole.",
        "Berths I Each berth takes one ship.",
        "I Cranes unload the ships by day.",
    ]
    assert bullet_letter(texts) == "I"
    assert without_bullet_letter(texts[0], "I") == "Rule: every berth has a number."
    assert without_bullet_letter(texts[1], "I") == "⇒ Ships wait at the outer mole."
    assert without_bullet_letter(texts[2], "I") == "Berths; Each berth takes one ship."
    # The pronoun before a lowercase verb, and a letter that starts two sentences, are no mark.
    prose = ["I think the berths are full.", "I said so twice.", "I Rule and I Reign.", *texts[3:]]
    assert bullet_letter(prose) == ""
    assert bullet_letter(["A New Harbour", "A Short History", "A Long Mole", "A Map"]) == ""
    kept = [Sentence(t, 1) for t in prose]
    assert unmarked(kept) == kept


def test_a_slide_deck_is_told_by_its_slide_titles() -> None:
    titles = ["Why Harbours Silt", "Dredging Plans", "Costs and Budget"]
    bullets = [
        "I Silt builds up behind the mole every winter.",
        "I The outer berths lose a metre of depth a year.",
        "I Dredging every spring keeps the berths open.",
        "I A new mole would cost more than ten years of dredging.",
    ]
    sents = [
        Sentence(b, 2 + i, section=titles[min(i, 2)], role="list item")
        for i, b in enumerate(bullets)
    ]
    profile = Profile(title="Harbour Silt", page_count=5, landscape_pages=5)
    item = DocInput("k", sents, 5, (), profile)
    summary = ExtractiveEngine().summarize_one(item, SummaryOptions())
    texts = [p.text for p in summary.parts]
    assert texts[0].startswith("A 5-page slide deck")
    assert "Its slides: Why Harbours Silt; Dredging Plans; Costs and Budget." in texts
    assert not any(t.startswith("I ") for t in texts)  # the bullet letter is gone


def test_a_page_of_headlines_names_them_and_marks_a_cut() -> None:
    heads = [
        Sentence("Storm closes the northern harbour for a week as waves break over the mole", 1),
        Sentence("Ferry fares rise again", 1),
    ]
    line = no_prose_line(heads, 15, after_gist=True, kind="list").text
    assert line.startswith("Its headlines: Storm closes the northern harbour")
    assert "for a week as waves …, Ferry fares rise again." in line  # a cut is said


def test_a_records_field_lines_are_never_key_points() -> None:
    from summarizer.table_facts import field_lines

    field = "Dataset(s) / Years Visit (SF) / FY{} – To Date Previous Names None"
    prose = "The Review Group found that dredging each spring keeps the {} berth open."
    sents = [Sentence(field.format(80 + p), p) for p in range(1, 5)]
    sents += [Sentence(prose.format(name), p) for p, name in enumerate(HARBOURS[:4], 1)]
    # The same capitalised label opens lines on four pages, values and no lowercase word
    # after it: a record's field; the same capitalised subject before a verb is prose.
    assert field_lines(sents) == {0, 1, 2, 3}
    assert field_lines(sents[:3] + sents[4:]) == set()  # three pages are no record


def test_a_short_page_without_prose_is_given_whole() -> None:
    credits = [
        Sentence("Editor: Ann Lee Translator: Bo Chen", 1),
        Sentence("Designers: Cy Dunn, Di Eve, Ed Fox", 1),
    ]
    line = no_prose_line(credits, 1, after_gist=True, kind="document")
    assert line.text == (
        "It reads: Editor: Ann Lee Translator: Bo Chen Designers: Cy Dunn, Di Eve, Ed Fox."
    )
    assert line.kind == "covers"
    # Past WHOLE_WORDS words the page is named by its headings instead.
    long_page = credits + [
        Sentence(f"Reviewers of part {i}: Fay Gill, Gus Hale", 1) for i in range(30)
    ]
    assert "It reads" not in no_prose_line(long_page, 1, after_gist=True, kind="document").text


def test_a_short_slide_bullet_is_shown_under_its_slide_title() -> None:
    from summarizer.slide_marks import with_slide_title

    title = "Dredging Results"
    assert with_slide_title("Agreement at 88% with the survey.", title) == (
        "Dredging Results: Agreement at 88% with the survey."
    )
    long = "Dredging every spring keeps the outer berths open for the ships that come " * 2
    assert with_slide_title(long, title) == long  # says enough alone
    assert with_slide_title("Channels: a typed queue.", title) == "Channels: a typed queue."
    assert with_slide_title("Dredging Results were good.", title) == "Dredging Results were good."
    assert with_slide_title("Agreement at 88%.", "“duck typing”") == "Agreement at 88%."
