"""Layout on turned pages (#20): PDFium gives glyph boxes in a page's own space, so a page
with /Rotate 90, 180 or 270 (a landscape table stored on a turned portrait page) is measured
after turning the boxes upright: sizes, tops and extents, and the blocks built on them, come
out as on the same page unturned, in reading order."""

import pypdfium2 as pdfium

from ingestion import read_pdf
from ingestion.line_sizes import sized_lines
from tests.conftest import write_pdf

BODY = "The board met on Tuesday and discussed the repairs of the northern pier in detail."
TURNS = [90, 180, 270, 0]
HEADS = ["Harbour Works in Winter", "Piers of the North", "Piers of the South", "Quays"]
PAGES = [[f"<22> {head}", *[BODY] * 6, "## Costs of the Repairs", *[BODY] * 6] for head in HEADS]


def _lines(path):
    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            text = page.get_textpage()
            out.append(sized_lines(text, page.get_height(), None, page.get_width()))
        return out
    finally:
        pdf.close()


def test_turned_pages_measure_as_the_same_page_upright(tmp_path) -> None:
    path = write_pdf(tmp_path / "turned.pdf", PAGES, rotate=TURNS)
    upright = _lines(path)[3]
    tops = [ln.top for ln in upright]
    assert tops == sorted(tops, reverse=True)  # top to bottom: reading order
    assert upright[0].size > 1.5 * upright[1].size  # the title's type, not its advance
    for turn, lines in zip(TURNS, _lines(path), strict=True):
        assert [ln.text for ln in lines[1:]] == [ln.text for ln in upright[1:]], turn
        for ln, want in zip(lines[1:], upright[1:], strict=True):
            for got, expected in zip(
                (ln.size, ln.top, ln.left, ln.right, ln.bottom),
                (want.size, want.top, want.left, want.right, want.bottom),
                strict=True,
            ):
                assert abs(got - expected) < 0.01 * max(1.0, expected), (turn, ln.text)


def test_blocks_and_title_of_a_turned_first_page(tmp_path) -> None:
    path = write_pdf(tmp_path / "turned.pdf", PAGES, rotate=TURNS)
    doc = read_pdf(path)
    assert doc.title == "Harbour Works in Winter"
    by_page = [[(b.role, b.text[:20]) for b in doc.blocks if b.page == n] for n in range(1, 5)]
    assert by_page[0][0] == ("title", "Harbour Works in Win")
    # Every turned page reads as the upright one, top to bottom (page 1 holds the title).
    assert [b[0] for b in by_page[1]] == [b[0] for b in by_page[2]] == [b[0] for b in by_page[3]]
    texts = [b[1] for b in by_page[1]]
    assert texts[0] == "Piers of the North"
    assert texts.index("Costs of the Repairs") == len(texts) - 2  # between the paragraphs
    tops = [b.bbox[3] for b in doc.blocks if b.page == 2]
    assert tops == sorted(tops, reverse=True)
