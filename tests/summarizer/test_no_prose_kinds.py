"""#19, blind read 5: documents with little running prose told by what they are. A short
statement of figure rows is a table; a page of roles and names is a credits page told in one
line; a spec sheet gives its figures with their units; a table's dates are the span most rows
fall in; a form's captions are never a byline. Each rule catches a built document and passes a
near miss."""

from __future__ import annotations

from ingestion.document import FormField, Sentence
from summarizer.base import SummaryOptions
from summarizer.engines import DocInput, Profile
from summarizer.extractive import ExtractiveEngine
from summarizer.gist import document_kind, gist_line
from summarizer.no_prose import page_titles, slides_line
from summarizer.spec_figures import figures_line, spec_sheet, unit_figures
from summarizer.table_facts import describe_table, most_years, row_labels


def doc(texts: list[str], pages: int = 1, **profile: object) -> DocInput:
    sents = tuple(Sentence(t, 1 + i * pages // len(texts)) for i, t in enumerate(texts))
    return DocInput("k", sents, pages, (), Profile(page_count=pages, **profile))  # type: ignore[arg-type]


STATEMENT = [
    "Harbour Board statement of reserves (in thousands)",
    "Capital Reserve Surplus Treasury Total",
    "Opening balance 5,664 749 12,017 -747 17,683",
    "Dividends paid -525 -525",
    "Net income for the year 1,269 1,269",
    "Closing balance 5,664 749 12,846 -747 18,512",
]
PROSE = (
    "The harbour board met in spring and agreed to dredge the northern channel before the "
    "autumn storms, since the pilots reported that larger ships now touch the bottom there."
)


def test_a_short_document_mostly_of_figure_rows_is_a_table() -> None:
    assert document_kind(doc(STATEMENT, title="Statement of Reserves")) == "table"
    # The same figures among as many sentences of prose: a document that quotes a few figures.
    mixed = [*STATEMENT[2:5], *([PROSE] * 6)]
    assert document_kind(doc(mixed, title="Harbour Board Minutes")) != "table"


CREDITS = [
    "Supervisor: Harbour Office of the Northern Coast Director: Wang Li",
    "Advisers: Chen Bo Zhou Min Zhao Lin Editor: Jia Yi",
    "Writers: Gan Hong Yu Shan Wang Jie Liu Hui Translator: Dai Wei Proofreader: Wu Na",
]


def test_a_page_of_roles_and_names_is_a_credits_page_told_in_one_line() -> None:
    item = doc(CREDITS, title="Harbour Reader")
    assert document_kind(item) == "credits page"
    parts = ExtractiveEngine().summarize_one(item, SummaryOptions()).parts
    said = " ".join(p.text for p in parts)
    # Each role is named with its names, a long run of names cut at a space with "…".
    assert "Its roles and names: Supervisor: Harbour Office of the …; Director: Wang Li;" in said
    assert "Advisers: Chen Bo Zhou Min Zhao …; Editor: Jia Yi; Writers: Gan Hong Yu" in said
    assert "Liu Hui Translator" not in said  # never the page given whole
    # A note in brackets after a role is no name.
    noted = ["Advisers: (by surname) Chen Bo Zhou Min", *CREDITS[2:], CREDITS[0]]
    line = ExtractiveEngine().summarize_one(doc(noted, title="Harbour Reader"), SummaryOptions())
    assert "Advisers: Chen Bo Zhou Min;" in " ".join(p.text for p in line.parts)
    # Its first role line, taken for a title, is none.
    assert gist_line(doc(CREDITS, title=CREDITS[0])) == "A one-page credits page."
    # The same colons in sentences are prose ("Note: …"); captions without names are a form's.
    prose = [f"Note: {PROSE}", f"Scope: {PROSE}", f"Method: {PROSE}", f"Result: {PROSE}"]
    assert document_kind(doc(prose, title="Harbour Notes")) != "credits page"
    captions = ["Name: Date: Address: Signature: Vessel:"]
    assert document_kind(doc(captions * 3, title="Berth Application")) != "credits page"
    blanks = ["Name: ________ Date: __/__/____ Address: ________ Signature: ______ Vessel: [ ]"]
    assert document_kind(doc(blanks * 3, title="Berth Application")) != "credits page"


SPEC = [
    "Sensor for harbour water levels with serial interface",
    "Supply voltage 3.6 V Supply current 480 µA Sampling rate 10 Hz",
    "Operating temperature -40 °C to 85 °C Weight 149 g",
    "Range 12 m Resolution 2 mm Storage 16 GB Battery 3.000 mAh",
    "Cable length 5 m Display 14 cm Clock 2,5 GHz",
]


def test_a_spec_sheet_gives_its_figures_with_their_units() -> None:
    assert unit_figures("Kapazität 3.000 mAh (2TB)") == ["Kapazität 3.000 mAh", "2 TB"]
    assert unit_figures("We tested 12 ships in 3 ports") == []  # a word after a number
    # A range is one figure, labelled where a label stands before it; running words are none.
    assert unit_figures("• Operation voltage: 1.7 V to 3.6 V") == ["Operation voltage 1.7 to 3.6 V"]
    assert unit_figures("Supply voltage VDD 1.7 - 3.6 V") == ["VDD 1.7 to 3.6 V"]
    assert unit_figures("It ranges from 1.7 V to 3.6 V") == ["1.7 to 3.6 V"]
    assert unit_figures("Timing from 25 °C and The 0.1 μF") == ["25 °C", "0.1 μF"]
    assert unit_figures("Hold time 4.7 - 1.3 μs") == ["1.3 μs"]  # falling: no range
    assert spec_sheet(doc(SPEC).sentences)
    item = doc(SPEC, pages=2, title="Harbour Level Sensor")
    assert document_kind(item) == "datasheet"
    line = figures_line(item.sentences)
    assert line.startswith("Its figures: Supply voltage 3.6 V; Supply current 480 µA")
    parts = ExtractiveEngine().summarize_one(item, SummaryOptions()).parts
    assert any(p.kind == "covers" and p.text == line for p in parts)
    # A report that gives a few measurements in its prose is no spec sheet.
    report = [*([PROSE] * 8), "The channel is 12 m deep and 40 m wide at low water."]
    assert not spec_sheet(doc(report).sentences)
    assert document_kind(doc(report, pages=12, title="Channel Report")) == "report"


def test_a_tables_dates_are_the_span_most_rows_fall_in() -> None:
    rows = [f"0{m}/1{m}/2016 Northport {m} {m + 3}" for m in range(1, 9)]
    rows += ["01/02/2015 Eastmere 4 5", "12/30/2017 Westholm 6 7"]
    assert most_years(rows) == "2016"
    said = describe_table([Sentence(r, 1) for r in rows])
    assert "dated mostly 2016 (all 01/02/2015 to 12/30/2017)" in said
    # Dates spread evenly over the years: the whole span, no "mostly".
    even = [f"01/1{i}/{2015 + i % 3} Northport {i} {i}" for i in range(9)]
    assert most_years(even) == ""


def test_a_forms_captions_are_never_its_byline() -> None:
    fields = (
        FormField("First Name", "text", False, (), 1),
        FormField("Last Name", "text", False, (), 1),
        FormField("Gender", "radio", False, ("Female", "Male"), 1),
    )
    labels = ["First Name", "Last Name", "Gender", "Birthday", "Nationality"] * 3
    item = doc(labels, authors=("First Name Last Name", "Female Male"), fields=fields, title="T")
    assert "by" not in gist_line(item)
    named = doc(labels, authors=("Harbour Office",), fields=fields, title="T")
    assert gist_line(named).endswith("by Harbour Office.")


def test_a_deck_without_an_outline_is_told_by_its_slides_title_lines() -> None:
    deck = [Sentence("Ring Physics Issues Yannis Lee November 2000", 1, role="authors")]
    for page, title in enumerate(["Sources of Beam Loss", "Ring Optics Design", "Collimation"]):
        deck += [
            Sentence("Harbour Accelerator Physics", page + 2, role="page furniture"),
            Sentence(title, page + 2),
            Sentence("• Space charge: large tune shift", page + 2, role="list item"),
        ]
    assert page_titles(deck) == ["Sources of Beam Loss", "Ring Optics Design", "Collimation"]
    assert slides_line(deck).startswith("Its slides: Sources of Beam Loss; Ring Optics Design")
    # Slides that open on bullets or full sentences have no title line to name.
    bullets = [s for s in deck if s.role != "paragraph" or s.page == 1]
    assert page_titles(bullets) == []
    prose = [Sentence(f"{PROSE}", p) for p in (1, 2, 3, 4)]
    assert page_titles(prose) == []


PLACES = ["Northport", "Southbay", "Eastmere", "Westholm", "Kingsferry"]


def test_rows_of_several_tables_are_named_by_their_labels_once() -> None:
    months = [f"{m}-2015" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug")]
    months += ["Sep-2015", "Oct-2015", "Nov-2015", "Dec-2015"]
    tables = [f"{m} {100 + i} {20 + t}.5 {40 + i}" for t in range(3) for i, m in enumerate(months)]
    routes = [f"{r} {12 + i} {3 + i}.1" for i, r in enumerate(PLACES)]
    assert row_labels(tables + routes) == ["Jan-2015", "Feb-2015", "Mar-2015", "Kingsferry"]
    # A column of status words that comes back row after row names no rows.
    status = [
        f"0{i % 9 + 1}/1{i % 9}/2015 {20 + i} {'Layoff' if i % 2 else 'Closure'}" for i in range(20)
    ]
    assert row_labels([f"Layoff Permanent {i} {i + 1}" for i in range(10)] + status) == []
