"""Golden structure files for a real PDF of each kind in ../shared/corpus/pdfs2 (#19): what
the reader and the extractive engine make of it — title, authors, the kind, the gist, the
summary's parts with their kinds, the sentences kept out of summaries with the rule each
broke, and the blocks with their roles. A change fails here with a diff; when intended,
rewrite them with ``pytest tests/app/test_corpus_golden.py --regenerate-golden`` and review
the diff of tests/data/structure/corpus in the commit."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from ingestion import Document, Limits, ocr, read_pdf
from summarizer.base import SummaryOptions
from summarizer.candidates import junk_reason
from summarizer.engines import input_for
from summarizer.extractive import ExtractiveEngine
from summarizer.gist import document_kind
from tests.conftest import corpus_document, locked, needs_tesseract

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "structure" / "corpus"
FIRST_BLOCKS = 40  # a long document's golden file keeps its first blocks and all role counts
KEPT_OUT = 40
# OCR text of image-only pages as `ocr.ocr_pages` gave it, one file per document, under a key
# that changes with the file, the OCR code and Tesseract (#23): the manual's four image-only
# pages take a minute to OCR (no turn makes them readable, so each is read four ways round).
OCR_TEXT = GOLDEN.parents[1] / "ocr"  # outside structure/: not a golden file
OCR_CODE = ("ocr.py", "quality.py", "sentences.py")  # ocr_pages and what it calls in ingestion

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
OCR_ON_DISK = {"manual"}  # read with the OCR text stored under OCR_TEXT
OCR_PAGES = ocr.ocr_pages  # the real one, whatever a test puts in its place


def ocr_key(path: Path, password: str | None, numbers: list[int], lang: str) -> str:
    """What `ocr.ocr_pages` gives depends on: the file, the pages and language asked for, the
    OCR code, PDFium (the rendering), Tesseract and its language packs."""
    import pypdfium2
    import pytesseract

    code = Path(ocr.__file__).parent
    digest = hashlib.sha256(path.read_bytes())
    for name in OCR_CODE:
        digest.update((code / name).read_bytes())
    versions = (
        str(pypdfium2.PYPDFIUM_INFO),
        str(pypdfium2.PDFIUM_INFO),
        str(pytesseract.get_tesseract_version()),
    )
    digest.update(repr((password, numbers, lang, versions, sorted(ocr.languages()))).encode())
    return digest.hexdigest()


def stored_ocr_pages(
    path: Path, password: str | None, numbers: list[int], lang: str = "", on_page: Any = None
) -> dict[int, str]:
    """`ocr.ocr_pages`, answered from OCR_TEXT when its key matches; else OCR runs and the
    file is rewritten (commit it: CI then reads it too)."""
    stored = OCR_TEXT / f"{path.stem}.json"
    key = ocr_key(path, password, numbers, lang)
    OCR_TEXT.mkdir(parents=True, exist_ok=True)
    with locked(Path(tempfile.gettempdir()) / f"synopsis-ocr-{key[:16]}.lock"):
        if stored.is_file():
            data = json.loads(stored.read_text(encoding="utf-8"))
            if data["key"] == key:
                return {int(n): text for n, text in data["pages"].items()}
        texts = OCR_PAGES(path, password, numbers, lang, on_page)
        data = {"key": key, "pages": {str(n): t for n, t in sorted(texts.items())}}
        stored.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return texts


def read_with_stored_ocr(path: Path, monkeypatch: pytest.MonkeyPatch) -> Document:
    """`read_pdf` of ``path`` in this process, its OCR text from OCR_TEXT."""
    monkeypatch.setattr(ocr, "ocr_pages", stored_ocr_pages)
    return read_pdf(path, isolate=False)


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
    kind: str, corpus: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    if kind in OCR_ON_DISK:
        doc = read_with_stored_ocr(corpus / "pdfs2" / KINDS[kind], monkeypatch)
    else:
        doc = corpus_document("pdfs2", KINDS[kind])
    got = structure(doc)
    golden = GOLDEN / f"{kind}.json"
    if request.config.getoption("--regenerate-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run pytest with --regenerate-golden"
    assert got == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.corpus
def test_stored_ocr_text_is_what_ocr_reads_now(corpus: Path) -> None:
    """The stored OCR text stands for OCR: its first page, read again, is the same."""
    needs_tesseract()
    for kind in sorted(OCR_ON_DISK):
        path = corpus / "pdfs2" / KINDS[kind]
        need = [
            p.number
            for p in read_pdf(path, limits=Limits(ocr="never"), isolate=False).pages
            if not p.quality.usable
        ]
        stored = stored_ocr_pages(path, None, need)
        assert sorted(stored) == need
        # The first page alone is read as in the whole call (its script decides the language).
        assert OCR_PAGES(path, None, need[:1]) == {need[0]: stored[need[0]]}
