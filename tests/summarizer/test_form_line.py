"""A fill-in form's summary names its fields (#19): labels, choices, how many are filled."""

from __future__ import annotations

from pathlib import Path

from ingestion import read_pdf
from ingestion.document import FormField, Sentence
from samples.formmaker import Field, Widget, add_fields
from samples.pdfmaker import write_pdf
from summarizer.base import SummaryOptions
from summarizer.engines import DocInput, Profile, input_for
from summarizer.extractive import ExtractiveEngine
from summarizer.form_line import form_line
from summarizer.gist import document_kind


def test_the_form_line_names_labels_once_with_their_choices_and_counts_filled_fields() -> None:
    fields = [
        FormField("First name", "text", True),
        FormField("Last name", "text", False),
        FormField("Gender", "radio", False, ("Female", "Male", "Other")),
        FormField("First name", "text", True),
        FormField("", "text", False),
        FormField("Country", "choice", False, ("Chad", "Chile", "China", "Cuba", "Cyprus")),
    ]
    assert form_line(fields) == (
        "A fill-in form with 6 fields, 2 filled in: First name; Last name; "
        "Gender (Female / Male / Other); Country (Chad / Chile / China / Cuba / …)."
    )
    assert form_line(fields[:2]) == ""  # two fields make no form to describe
    # The title printed over the first field is no field's label; the field still counts.
    titled = [FormField("Membership Application", "text", False), *fields[:2]]
    assert form_line(titled, "Club Membership Application 2024") == (
        "A fill-in form with 3 fields, 1 filled in: First name; Last name."
    )
    # Near miss: a label whose letters sit inside a title's word ("Date" in "Candidate") asks.
    dated = [FormField("Date", "text", False), *fields[:2]]
    assert "Date" in form_line(dated, "Candidate Registration Form")


def test_a_short_document_with_fields_is_a_form_and_a_long_one_is_not() -> None:
    sentences = [Sentence("The committee met twice in the spring and agreed the budget.", 1)]
    fields = tuple(FormField(f"Field {n}", "text", False) for n in range(5))
    form = DocInput("k", sentences, 2, profile=Profile(title="T", page_count=2, fields=fields))
    report = DocInput("k", sentences, 40, profile=Profile(title="T", page_count=40, fields=fields))
    assert document_kind(form) == "form"
    assert document_kind(report) != "form"


def test_a_built_form_is_summarized_by_its_fields(tmp_path: Path) -> None:
    lines = ["Membership application", "", "Full name:", "Date of joining:", "Town:"]
    path = write_pdf(tmp_path / "form.pdf", [lines], title="Membership application")
    add_fields(
        path,
        [
            Field("t1", "/Tx", [Widget(2, len("Full name:"))], value="Ada"),
            Field("t2", "/Tx", [Widget(3, len("Date of joining:"))]),
            Field("t3", "/Tx", [Widget(4, len("Town:"))]),
        ],
    )
    doc = input_for(read_pdf(path))
    summary = next(iter(ExtractiveEngine().summarize([doc], SummaryOptions())))
    texts = [p.text for p in summary.result.parts]  # type: ignore[union-attr]
    assert texts[0].startswith("A one-page form, “Membership application”")
    assert texts[1] == (
        "A fill-in form with 3 fields, 1 filled in: Full name; Date of joining; Town."
    )


def test_a_form_names_its_numbered_section_lines() -> None:
    fields = [FormField(f"Box {i}", "text", False) for i in range(4)]
    front = [
        Sentence("SECTION I: OWNER'S IDENTIFICATION INFORMATION", 1),
        Sentence("Print in ink and fill in one letter per box.", 1),
        Sentence("SECTION II: PIER DETAILS", 1),
        Sentence("Part 3. Signature of the owner", 2),
        Sentence("SECTION II: PIER DETAILS", 2),  # repeated on the next page: once
    ]
    line = form_line(fields, "Pier Claim", front)
    assert line.endswith(
        "Its sections: I OWNER'S IDENTIFICATION INFORMATION; II PIER DETAILS; "
        "3 Signature of the owner."
    )
    # near misses: a section named inside a sentence, a reference ending in a full stop,
    # a long instruction after the number, a single section
    misses = [
        Sentence("Complete Section 1 before the first day of work.", 1),
        Sentence("Section 2. See the instructions on the back of this page.", 1),
        Sentence(
            "Part 4: if you have a foreign address, enter the city, province and post code", 1
        ),
    ]
    assert "Its sections" not in form_line(fields, "Pier Claim", misses)
    assert "Its sections" not in form_line(fields, "Pier Claim", front[:2])
