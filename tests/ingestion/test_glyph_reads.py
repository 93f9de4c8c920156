"""#19's speed pass: the compiled helper that batches PDFium's per-glyph reads gives exactly
what the pure-Python reads give (the fallback on a machine without a compiler), on PDFs built
here and on corpus files: every page's text, lines with their sizes, weights and extents,
title, authors and headings."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ingestion import glyph_reads
from ingestion.extractors import RawPdf, extract_pdfium
from tests.conftest import corpus_dir

BODY = "The board met on Tuesday and discussed the repairs of the northern pier in detail."


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The helper built from its source as `make` builds it, into a folder of this test's."""
    cc = shutil.which("cc")
    if cc is None:  # the Python path is then the only one, and the other tests cover it
        pytest.skip("no C compiler (cc) on this machine to build the helper with")
    out = tmp_path_factory.mktemp("native") / "_glyph_reads.so"
    subprocess.run(
        [cc, *glyph_reads.BUILD_FLAGS, "-o", str(out), str(glyph_reads.SOURCE)], check=True
    )
    lib = glyph_reads.load(out)
    assert lib is not None, "the helper was built but did not load"
    return lib


def _both(monkeypatch: pytest.MonkeyPatch, lib: Any, path: Path) -> Iterator[tuple[str, RawPdf]]:
    for name, helper in (("compiled", lib), ("python", None)):
        monkeypatch.setattr(glyph_reads, "helper", lambda h=helper: h)
        yield name, extract_pdfium(path, None, 10000)


def _assert_same(monkeypatch: pytest.MonkeyPatch, lib: Any, path: Path) -> RawPdf:
    (_, fast), (_, slow) = _both(monkeypatch, lib, path)
    assert fast.lines == slow.lines
    assert fast == slow
    return fast


def test_a_stale_or_missing_helper_is_not_loaded(tmp_path: Path) -> None:
    assert glyph_reads.load(tmp_path / "absent.so") is None
    (tmp_path / "junk.so").write_bytes(b"not a library")
    assert glyph_reads.load(tmp_path / "junk.so") is None


def test_helper_and_python_read_built_pdfs_alike(
    monkeypatch: pytest.MonkeyPatch, compiled: Any, make_pages_pdf: Callable[..., Path]
) -> None:
    spacer = "%ops (The harbour is open for the bo) Tj 1 1 1 rg (Q) Tj 0 g (ats today.) Tj T*"
    pages = [
        ["<22> Harbour Works in Winter", "** Written by the Board", spacer, *[BODY] * 8],
        *[[f"## Section {n} of the Works", *[BODY] * 10, "<7> small print"] for n in range(11)],
    ]
    white = make_pages_pdf(
        "white.pdf",
        pages,  # 12 pages, no bookmarks: every word of every page is measured
        form=["BT /F1 11 Tf 72 600 Td (From the qu) Tj 1 1 1 rg (Z) Tj 0 g (ay.) Tj ET"],
    )
    raw = _assert_same(monkeypatch, compiled, white)
    assert "for the boats today." in raw.pages[0] and "quay." in raw.pages[0]
    assert any(ln.bold for ln in raw.lines[1]) and raw.headings  # weights were read
    left = [f"Left {n}: the board met on Tuesday." for n in range(12)]
    right = [f"Right {n}: the railway will open soon." for n in range(12)]
    columns = make_pages_pdf("columns.pdf", [left + right], columns=2, row_by_row=True)
    raw = _assert_same(monkeypatch, compiled, columns)
    assert raw.pages[0].index("Left 11") < raw.pages[0].index("Right 0")  # column by column
    turned = make_pages_pdf(
        "turned.pdf", [["<22> Quays", *[BODY] * 6]] * 4, rotate=[90, 180, 270, 0]
    )
    _assert_same(monkeypatch, compiled, turned)


CORPUS_FILES = [
    "pdfs/docling_redp5110_sampled.pdf",  # white text, measured word by word; pages whose
    # text and character indexes do not line up (glyphs beyond the BMP), read glyph by glyph
    "pdfs/docling_right_to_left_01.pdf",  # right-to-left lines
    "pdfs/pdfplumber_federal-register-2020-17221.pdf",  # three columns, white text
    "pdfs/samplefiles_multicolumn.pdf",
    "pdfs/unstructured_korean-text-with-tables.pdf",  # white text
    "pdfs2/mineru_demo1.pdf",  # glyphs beyond the BMP
    "pdfs2/pymupdf_bug1945.pdf",  # white text, measured word by word
    "pdfs2/veml6075_datasheet.pdf",
]


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_helper_and_python_read_corpus_files_alike(
    monkeypatch: pytest.MonkeyPatch, compiled: Any, name: str
) -> None:
    raw = _assert_same(monkeypatch, compiled, corpus_dir() / name)
    assert any(raw.lines)
