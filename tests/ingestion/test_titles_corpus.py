"""Titles of real PDFs of the kinds #20 names, against the labels of ../shared/corpus/pdfs2
(`bench/titles.py` prints the whole set): a court's case, not the court; an act, not
Congress; a multi-line title set over two sizes; a deck's title, not a slide's heading; a
form's title, not its issuing department; a letter's heading, not a section heading; a
cover's title in one word with the whole in the metadata; a placeholder metadata title; an
Arabic title with ligatures; a 1955 article's capitals over its byline, read by OCR."""

from __future__ import annotations

import csv
import sys

import pytest

from tests.conftest import CORPUS, ROOT, corpus_document

sys.path.insert(0, str(ROOT / "bench"))
from titles import right

FILES = [
    "doctor_vector-pdf.pdf",
    "formatcorpus_govdocs-477139.pdf",
    "pymupdf_test-3820.pdf",
    "grobid_GROBID-slides.pdf",
    "pymupdf_test-2333.pdf",
    "unstructured_negative-coords.pdf",
    "formatcorpus_govdocs-064034.pdf",
    "tabula_twotables.pdf",
    "pdfjs_issue11913.pdf",
    "ruphd_government-decree-842.pdf",
    "mlhse_lecture07-trees.pdf",
    "formatcorpus_govdocs-421197.pdf",
    "tabula_mednine.pdf",
    "pdfcpu_jphysiol01396-0132.pdf",
]


def _labels() -> dict[str, str]:
    path = CORPUS / "pdfs2" / "MANIFEST.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {r["file"]: r["title"] for r in csv.DictReader(fh, delimiter="\t")}


@pytest.mark.corpus
@pytest.mark.parametrize("name", FILES)
def test_corpus_title_is_the_documents_own(name: str) -> None:
    title = corpus_document("pdfs2", name).title
    label = _labels()[name]
    assert right(title, label), f"{title!r} is not {label!r}"
