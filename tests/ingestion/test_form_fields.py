"""A fill-in form's fields read from its AcroForm, each labelled by the text printed next to
its widget (#19), on PDFs built here."""

from __future__ import annotations

from pathlib import Path

from ingestion import read_pdf
from ingestion.form_fields import clean_label, name_label, read_form_fields
from samples.formmaker import Field, Widget, add_fields
from samples.pdfmaker import write_pdf

LINES = [
    "Membership application",
    "",
    "Full name:",
    "Date of joining:",
    "Colour:",
    "Red",
    "Blue",
    "I agree to the club rules",
    "",
]


def _form(tmp_path: Path, name: str = "form.pdf") -> Path:
    path = write_pdf(tmp_path / name, [LINES])
    fields = [
        Field("p1-t1[0]", "/Tx", [Widget(2, len("Full name:"))], value="Ada Lovelace"),
        Field("p1-t2[0]", "/Tx", [Widget(3, len("Date of joining:"))]),
        Field(
            "c1", "/Btn", [Widget(5, 0, on_state="1"), Widget(6, 0, on_state="2")], flags=1 << 15
        ),
        Field("c2", "/Btn", [Widget(7, 0)], value="Yes"),
        Field("Reset", "/Btn", [Widget(0, 30)], flags=1 << 16),  # a push button
        Field("Total", "/Tx", [Widget(8, 30)], value="0", flags=1),  # read-only
        Field("Home town", "/Tx", [Widget(9, 40, width=60)]),  # no printed label: its name
    ]
    return add_fields(path, fields)


def test_fields_are_labelled_by_the_text_printed_next_to_them(tmp_path: Path) -> None:
    fields = read_form_fields(_form(tmp_path))
    labels = [(f.label, f.kind, f.filled, f.choices) for f in fields]
    assert labels == [
        ("Full name", "text", True, ()),
        ("Date of joining", "text", False, ()),
        ("Colour", "radio", False, ("Red", "Blue")),
        ("I agree to the club rules", "check", True, ()),
        ("Home town", "text", False, ()),
    ]


def test_read_pdf_keeps_the_fields_and_a_document_without_a_form_has_none(
    tmp_path: Path,
) -> None:
    assert [f.label for f in read_pdf(_form(tmp_path)).fields][:2] == [
        "Full name",
        "Date of joining",
    ]
    plain = write_pdf(tmp_path / "plain.pdf", [LINES])
    assert read_pdf(plain).fields == ()


def test_a_label_is_words_not_a_row_number_a_code_or_a_date_fragment() -> None:
    assert clean_label("6a Yourself . . . . . . ▶") == "Yourself"
    assert clean_label("Date of birth (MM/DD/YYYY):") == "Date of birth (MM/DD/YYYY)"
    assert clean_label("salarié(e):") == "salarié(e)"
    assert clean_label("FD") == ""  # a code printed by a box
    assert clean_label("2010, ending") == ""  # a piece of a date line
    assert clean_label("13") == ""


def test_a_field_name_is_a_label_only_when_it_is_words() -> None:
    assert name_label("First Name_2") == "First Name"
    assert name_label("form[0].female") == "female"
    assert name_label("topmostSubform[0].Page1[0].p1-t14[0]") == ""
    assert name_label("A.NAT1") == ""
