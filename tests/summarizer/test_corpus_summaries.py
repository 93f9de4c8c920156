"""#10 on real PDFs: no summary sentence of a developer corpus file breaks a prose rule."""

import pytest

from ingestion import read_pdf, sentences
from summarizer.backends.extractive import ExtractiveBackend
from summarizer.base import Options
from summarizer.candidates import junk_reason
from summarizer.service import DocInput, Summarizer
from tests.conftest import corpus_dir

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
    doc = read_pdf(corpus_dir() / "pdfs" / name)
    item = DocInput(doc.sha256, tuple(sentences(doc)), len(doc.usable_pages))
    summary = Summarizer(ExtractiveBackend(options=Options())).summarize(item)
    assert summary.parts
    junk = [(p.text, junk_reason(p.text)) for p in summary.parts if junk_reason(p.text)]
    honest = len(summary.parts) == 1 and "little running text" in summary.parts[0].text
    assert honest or not junk, junk
