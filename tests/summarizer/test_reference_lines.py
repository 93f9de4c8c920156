"""#19, blind read 7: an API manual's definition-list labels, a table's header row run into
its first row, and a name-and-description table read as sentences are no key points. Each rule
catches built lines and passes a near miss."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.base import SummaryOptions
from summarizer.engines import DocInput, Profile
from summarizer.extractive import ExtractiveEngine
from summarizer.reference_lines import (
    field_label_lines,
    glued_entry,
    glued_header_lines,
)

PROSE = (
    "The harbour board met in spring and agreed to dredge the northern channel before the "
    "autumn storms, since the pilots reported that larger ships now touch the bottom there."
)
VALUES = ["int", "string", "bool", "float"]


def _fields(label: str, values: list[str]) -> list[Sentence]:
    return [
        Sentence(f"{label}: {values[i % len(values)]} berthCount Counts the berths of pier {i}.", p)
        for i, p in enumerate([1, 1, 2, 2, 3, 3, 4, 4, 5])
    ]


def test_a_short_label_opening_lines_on_many_pages_with_short_values_is_a_field() -> None:
    lines = _fields("Return type", VALUES)
    assert field_label_lines(lines) == set(range(len(lines)))
    # Near misses: the label opening sentences ("Note: The harbour …"), on too few pages,
    # or too few times.
    notes = [
        Sentence(f"Note: The pilots of pier {i} report the depth each week.", i) for i in range(9)
    ]
    assert field_label_lines(notes) == set()
    assert field_label_lines([Sentence(s.text, 1) for s in lines]) == set()
    assert field_label_lines(lines[:5]) == set()


def test_a_header_row_run_into_a_row_with_a_dotted_name_is_no_sentence() -> None:
    rows = [
        Sentence(f"Attribute Short Description Pier.depth{p} Depth of the pier at low tide.", p)
        for p in (2, 5, 9)
    ]
    assert glued_header_lines(rows) == {0, 1, 2}
    assert glued_header_lines(rows[:2]) == set()  # two pages: no repeated header
    prose = [Sentence(f"The Harbour Board met on pier {p} to plan the works.", p) for p in range(5)]
    assert glued_header_lines(prose) == set()


def test_a_code_name_running_into_a_description_is_a_table_entry() -> None:
    assert glued_entry("Link A destination linkDest The destination of an outline entry.")
    assert glued_entry("Document.outline First outline entry of Document.")
    # Near misses: a code name inside a sentence, an abbreviation, a brand name.
    assert not glued_entry("Call linkDest to get the destination of an outline entry.")
    assert not glued_entry("The board met, e.g. The pilots came too.")
    assert not glued_entry("We bought an iPhone The shop was closed.")


def test_a_manual_s_field_lines_are_never_its_key_points() -> None:
    sents = tuple(_fields("Type", VALUES) + [Sentence(PROSE, 6)] * 3)
    item = DocInput("k", sents, 6, (), Profile(page_count=6, title="Pier API"))
    points = [p.text for p in ExtractiveEngine().summarize_one(item, SummaryOptions()).parts]
    assert points and not any(p.startswith("Type:") for p in points)
