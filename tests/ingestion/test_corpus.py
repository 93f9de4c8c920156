"""Every file of ../shared/corpus/pdfs ends as its MANIFEST.tsv `expected` column says."""

import re

import pytest

from ingestion import (
    EncryptedPdf,
    Limits,
    MalformedPdf,
    NoTextLayer,
    PdfError,
    document_sentences,
    read_pdf,
)
from tests.conftest import corpus_dir, corpus_document, manifest_rows, needs_tesseract

ROWS = manifest_rows()


def _ids(row: dict[str, str]) -> str:
    return row["file"]


@pytest.mark.corpus
@pytest.mark.parametrize(
    "row", ROWS or [pytest.param(None, id="corpus-absent")], ids=_ids if ROWS else None
)
def test_corpus_file_ends_as_manifest_says(row: dict[str, str] | None) -> None:
    root = corpus_dir()
    assert row is not None, f"{root}/pdfs/MANIFEST.tsv lists no files"
    path = root / "pdfs" / row["file"]
    expected = row["expected"]
    if expected == "ok":
        doc = corpus_document("pdfs", row["file"])
        if row["pages"] != "NA":
            assert doc.page_count == int(row["pages"])
        assert document_sentences(doc), "an ok file must yield sentences"
    elif expected == "no-text":
        with pytest.raises(NoTextLayer) as info:
            read_pdf(path, limits=Limits(ocr="never"))
        assert "OCR" in info.value.user_message
        needs_tesseract()  # scans summarize once OCR reads them (#13)
        doc = read_pdf(path)
        assert doc.ocr_pages == tuple(range(1, doc.page_count + 1))
        assert document_sentences(doc), "OCR must give a scan sentences"
    elif expected == "encrypted":
        with pytest.raises(EncryptedPdf):
            read_pdf(path)
        documented = re.search(r"user password '([^']+)'", row["note"])
        if documented:
            doc = read_pdf(path, password=documented.group(1))
            assert doc.page_count == int(row["pages"])
            assert document_sentences(doc)
    elif expected == "malformed":
        try:
            doc = read_pdf(path)
        except MalformedPdf as exc:
            assert "damaged" in exc.user_message  # a clean error...
        except PdfError as exc:
            pytest.fail(f"malformed file reported as {exc.kind}: {exc.user_message}")
        else:
            assert doc.usable_pages  # ...or a partial recovery with real text
    else:
        pytest.fail(f"unknown expectation {expected!r}")
