"""#10 on real PDFs: no summary sentence of a developer corpus file breaks a prose rule."""

import pytest

from ingestion import document_sentences
from summarizer.base import SummaryOptions
from summarizer.candidates import junk_reason
from summarizer.engines import DocInput
from summarizer.extractive import ExtractiveEngine
from tests.conftest import corpus_document

FILES = [
    "pdfjs_tracemonkey.pdf",  # two-column paper: author block, keywords, figure labels
    "docling_redp5110_sampled.pdf",  # manual: running heads, SQL examples, captions
    "pdfplumber_ca-warn-report.pdf",  # a table of layoffs
    "pdfjs_prefilled_f1040.pdf",  # a filled form
    "formatcorpus_govdocs-486832.pdf",  # guidance with a table of contents and an index
    "samplefiles_GeoTopo-komprimiert.pdf",  # German lecture notes full of formulas
]


@pytest.mark.corpus
@pytest.mark.parametrize("name", FILES)
def test_corpus_summaries_hold_no_junk(name: str) -> None:
    doc = corpus_document("pdfs", name)
    item = DocInput(doc.sha256, tuple(document_sentences(doc)), len(doc.usable_pages))
    summary = ExtractiveEngine().summarize_one(item, SummaryOptions())
    assert summary.parts
    # A "covers" line is the summary's own words about a table or a form, quoting its cells
    # (a totals row) on purpose; every sentence taken from the document must pass.
    taken = [p for p in summary.parts if p.kind != "covers"]
    junk = [(p.text, junk_reason(p.text)) for p in taken if junk_reason(p.text)]
    honest = len(summary.parts) == 1 and "little running text" in summary.parts[0].text
    assert honest or not junk, junk


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["pdfplumber_ca-warn-report.pdf", "pdfjs_prefilled_f1040.pdf"])
def test_a_form_and_a_table_get_the_honest_line(name: str) -> None:
    doc = corpus_document("pdfs", name)
    item = DocInput(doc.sha256, tuple(document_sentences(doc)), len(doc.usable_pages))
    first, *rest = ExtractiveEngine().summarize_one(item, SummaryOptions()).parts
    # The line its kind gives (a table's header row and rows) or the honest line; after it
    # at most a table's headnote, running prose.
    assert first.kind == "covers" or "little running text" in first.text
    assert all(p.kind == "point" and junk_reason(p.text) is None for p in rest)


TITLED = [
    "pdfjs_tracemonkey.pdf",
    "docling_redp5110_sampled.pdf",  # the cover's big type, not "ibm.com/redbooks Redpaper"
    "pdfplumber_issue-982-example.pdf",  # not the metadata's older title
    "unstructured_copy-protected.pdf",  # both lines of a wrapped title
    "formatcorpus_govdocs-486832.pdf",
    "samplefiles_GeoTopo-komprimiert.pdf",
    "pypdf_Seige_of_Vicksburg_Sample_OCR.pdf",  # the running title without its page number
    "pdfplumber_federal-register-2020-17221.pdf",  # not the masthead: the heading above the body
    "pdfplumber_ca-warn-report.pdf",  # with its bold centred subtitle, without the "*"
    "pdfjs_prefilled_f1040.pdf",  # a piece of a mixed-size line, with the year beside it
]


@pytest.mark.corpus
@pytest.mark.parametrize("name", TITLED)
def test_corpus_titles_match_the_labels(name: str) -> None:
    import csv
    from pathlib import Path

    labels_file = Path(__file__).resolve().parents[2] / "bench" / "titles.tsv"
    with labels_file.open(encoding="utf-8") as fh:
        labels = {r["file"]: r["title"] for r in csv.DictReader(fh, delimiter="\t")}
    doc = corpus_document("pdfs", name)
    assert " ".join(doc.title.lower().split()) == " ".join(labels[name].lower().split())
