"""Two-column pages read across the gutter are read column by column (#10)."""

import pypdfium2 as pdfium
import pytest

from ingestion import document_sentences, read_pdf
from ingestion.columns import column_text
from tests.conftest import corpus_dir, wrap, write_pdf

HARBOUR = (
    "The harbour board met on Tuesday to discuss the state of the northern pier, which "
    "cracked in the storm last winter and has been closed since then."
)
RAILWAY = (
    "Meanwhile the railway company announced that the new station will open in the spring, "
    "after two years of building and many delays."
)


def two_columns(path, row_by_row: bool):
    left, right = wrap([HARBOUR] * 3, 44), wrap([RAILWAY] * 3, 44)
    right += [""] * (len(left) - len(right))  # the right column starts level with the left
    return write_pdf(
        path, [left + right], columns=2, row_by_row=row_by_row, heading=["Harbour News"]
    )


@pytest.mark.parametrize("row_by_row", [True, False])
def test_columns_are_read_one_after_the_other_however_the_pdf_writes_them(
    tmp_path, row_by_row
) -> None:
    doc = read_pdf(two_columns(tmp_path / "news.pdf", row_by_row))
    sentences = [s.text for s in document_sentences(doc)]
    assert sentences[-3:] == [RAILWAY] * 3
    assert sentences[1:3] == [HARBOUR] * 2 and sentences[0].endswith(HARBOUR)
    assert doc.title == "Harbour News"


def test_only_pages_read_across_the_gutter_are_rebuilt(tmp_path) -> None:
    for row_by_row, rebuilt in ((True, True), (False, False)):
        pdf = pdfium.PdfDocument(str(two_columns(tmp_path / f"{row_by_row}.pdf", row_by_row)))
        page = pdf[0]
        text = column_text(page.get_textpage(), page.get_width(), page.get_height())
        assert (text is not None) == rebuilt
        pdf.close()


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name",
    [
        "pdfjs_tracemonkey.pdf",  # two columns, written one after the other
        "samplefiles_multicolumn.pdf",
        "pdfplumber_ca-warn-report.pdf",  # a table: many narrow columns
        "pdfplumber_federal-register-2020-17221.pdf",  # three columns
    ],
)
def test_corpus_pages_pdfium_reads_right_are_left_as_they_are(name) -> None:
    pdf = pdfium.PdfDocument(str(corpus_dir() / "pdfs" / name))
    try:
        for page in pdf:
            assert column_text(page.get_textpage(), page.get_width(), page.get_height()) is None
    finally:
        pdf.close()
