"""Golden structure files for a real PDF of each kind in ../shared/corpus/pdfs2 (#19): what
the reader and the extractive engine make of it — title, authors, the kind, the gist, the
summary's parts with their kinds, the sentences kept out of summaries with the rule each
broke, and the blocks with their roles. A change fails here with a diff; when intended,
rewrite them with ``pytest tests/app/test_corpus_golden.py --regenerate-golden`` and review
the diff of tests/data/structure/corpus in the commit."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from summarizer.base import SummaryOptions
from summarizer.candidates import junk_reason
from summarizer.engines import input_for
from summarizer.extractive import ExtractiveEngine
from summarizer.gist import document_kind
from tests.conftest import corpus_document

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "structure" / "corpus"
FIRST_BLOCKS = 40  # a long document's golden file keeps its first blocks and all role counts
KEPT_OUT = 40

# One short document of each kind of the corpus's MANIFEST (a thesis and the book are long:
# the French textbook chapter stands for books).
KINDS = {
    "paper": "scienceparse_lncs-biomedical-association-rules.pdf",
    "report": "pdfcpu_RA_CI.pdf",
    "manual": "pdfcpu_5116.DCT_Filter.pdf",
    "book": "pdfplumber_issue-71-duplicate-chars-2.pdf",
    "slides": "grobid_GROBID-slides.pdf",
    "form": "pikepdf_form_210966.pdf",
    "table": "camelot_12s0324.pdf",
    "letter": "doctor_ca8_.pdf",
    "legal": "pdfjs_issue11913.pdf",
    "news": "formatcorpus_govdocs-495712.pdf",
    "brochure": "pymupdf_test_2645_1.pdf",
    "datasheet": "pdfcpu_LGG3.pdf",
    "other": "mlhse_lecture07-trees.pdf",
}


def structure(doc: Any) -> dict[str, Any]:
    item = input_for(doc)
    summary = ExtractiveEngine().summarize_one(item, SummaryOptions())
    kept_out = [[r, s.text[:70]] for s in item.sentences if (r := junk_reason(s.text))]
    return {
        "title": doc.title,
        "authors": list(doc.authors),
        "kind": document_kind(item),
        "summary": [[p.kind, p.text, list(p.pages)] for p in summary.parts],
        "kept_out": kept_out[:KEPT_OUT],
        "roles": dict(sorted(Counter(b.role for b in doc.blocks).items())),
        "blocks": [[b.page, b.role, b.level, b.text[:50]] for b in doc.blocks[:FIRST_BLOCKS]],
    }


@pytest.mark.corpus
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_real_document_of_each_kind_matches_its_golden_file(
    kind: str, corpus: Path, request: pytest.FixtureRequest
) -> None:
    got = structure(corpus_document("pdfs2", KINDS[kind]))
    golden = GOLDEN / f"{kind}.json"
    if request.config.getoption("--regenerate-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run pytest with --regenerate-golden"
    assert got == json.loads(golden.read_text(encoding="utf-8"))
