"""#19: one structure pass. Block roles by format rules (each with a line it must catch and one
it must pass), the text-only fallback, and sentences placed on their blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion import document_sentences, read_pdf
from ingestion.blocks import make_blocks
from ingestion.document import Block, Document, Page, PageQuality, Sentence
from ingestion.layout import SizedLine
from ingestion.line_groups import text_lines
from ingestion.roles import placed
from samples.pdfmaker import write_pdf

BODY = 10.0
PROSE = [
    "The harbour board met in March and agreed to repair the northern pier before",
    "the winter storms, since the stone footings had cracked in two places.",
]


def lines(texts: list[str], size: float = BODY, top: float = 0.8, bold: bool = False):
    """Lines set one under the other, a line's height apart (as PDFium measures them)."""
    step = 0.02
    return [
        SizedLine(
            t, size, top - i * step, bold, 0.1, 0.9, top - i * step - 0.8 * step * size / BODY
        )
        for i, t in enumerate(texts)
    ]


def roles(*groups: list[SizedLine]) -> list[tuple[str, str]]:
    page = [ln for group in groups for ln in group]
    return [(b.role, b.text[:20]) for b in make_blocks([page])]


def test_a_wall_of_table_cells_is_a_table_and_prose_is_not() -> None:
    cells = lines(["Berth", "Length (m)", "Open", "Closed", "North pier", "Winter"], top=0.5)
    got = roles(lines(PROSE), cells)
    assert got == [("paragraph", "The harbour board me"), ("table", "Berth Length (m) Ope")]


def test_a_figures_labels_are_figure_text_and_small_prose_is_not() -> None:
    labels = lines(["Input layer", "Hidden units", "Output"], size=7.0, top=0.5)
    small_prose = lines(
        ["Repairs were made to the pier in spring.", "The board paid for them in full."],
        size=7.0,
        top=0.4,
    )
    got = roles(lines(PROSE * 3), labels, small_prose)
    assert [r for r, _ in got] == ["paragraph", "figure text", "paragraph"]


def test_a_numbered_subsection_is_a_heading_and_a_numbered_sentence_is_not() -> None:
    heading = lines(["3.1 Mining association rules"], top=0.6)
    after = lines(["We mined the rules over all the abstracts of the collection."], top=0.58)
    item = lines(["3.1 million people live near the harbour."], top=0.4)
    got = roles(lines(PROSE), heading + after, item)
    assert [r for r, _ in got] == ["paragraph", "heading", "paragraph", "paragraph"]


@pytest.mark.parametrize("heading", ["3 Method", "3 Критерии информативности", "IV. Results"])
def test_a_plain_numbered_line_is_a_heading_only_when_set_apart(heading: str) -> None:
    bold = lines([heading], top=0.6, bold=True)
    plain = lines(["3 Method and its limits"], top=0.4)
    got = roles(lines(PROSE), bold, plain)
    assert [r for r, _ in got][:2] == ["paragraph", "heading"]
    assert got[-1][0] != "heading"


def test_text_lines_give_the_same_roles_from_text_alone() -> None:
    first = "\n".join(["1", *PROSE])
    cells = ["Berth", "Open", "Shut", "North"]
    second = "\n".join(["2", *PROSE, "", *cells, "", "References", "[1] A. Lee. Piers. 2001."])
    got = [b.role for b in make_blocks([text_lines(first), text_lines(second)])]
    assert got == [
        *("page furniture", "paragraph"),
        *("page furniture", "paragraph", "table", "heading", "reference"),
    ]


def _doc(texts: list[str], blocks: list[Block]) -> Document:
    q = PageQuality(100, 1.0, 1.0, False, False)
    pages = tuple(Page(i + 1, t, q) for i, t in enumerate(texts))
    return Document("x.pdf", "0", "Piers", len(pages), pages, blocks=tuple(blocks))


def test_sentences_carry_their_blocks_role_and_section_and_lose_a_glued_heading() -> None:
    box = (0.0, 0.0, 1.0, 1.0)
    blocks = [
        Block("heading", 1, box, "2 Findings", 0),
        Block("paragraph", 1, box, "Stone footings halve the repairs of a pier over ten years."),
        Block("caption", 1, box, "Figure 2: Repairs by footing."),
    ]
    text = (
        "2 Findings Stone footings halve the repairs of a pier over ten years.\n\n"
        "Figure 2: Repairs by footing."
    )
    got = document_sentences(_doc([text], blocks))
    assert [(s.role, s.section, s.text) for s in got] == [
        ("paragraph", "2 Findings", "Stone footings halve the repairs of a pier over ten years."),
        ("caption", "2 Findings", "Figure 2: Repairs by footing."),
    ]
    plain = [Sentence("Piers decay in salt water.", 1)]
    assert placed(plain, []) == plain  # plain text keeps "paragraph" and no section


def test_every_document_gets_blocks_and_an_ocr_free_pypdf_read_the_same_roles(
    tmp_path: Path,
) -> None:
    from ingestion import Limits

    pages = [[*PROSE, "References", "[1] A. Lee. Harbour piers and their footings. 2001."]]
    path = write_pdf(tmp_path / "p.pdf", pages, heading=["Harbour Piers"])
    for extractor in ("pdfium", "pypdf"):
        doc = read_pdf(path, limits=Limits(extractor=extractor), isolate=False)
        got = [b.role for b in doc.blocks]
        assert got == ["title", "paragraph", "heading", "reference"], extractor


def test_the_abstract_ends_after_its_paragraph_without_a_stored_abstract() -> None:
    label = lines(["Abstract"], top=0.8, bold=True)
    first = lines(PROSE, top=0.76)
    second = lines(["Stone footings were laid in 1921 by the harbour's own masons."], top=0.6)
    got = [b.role for b in make_blocks([label + first + second])]
    assert got == ["abstract", "abstract", "paragraph"]
    stored = " ".join(PROSE)
    got = [b.role for b in make_blocks([label + first + second], abstract=stored)]
    assert got == ["abstract", "abstract", "paragraph"]
