"""OCR of scanned pages (#13): a PDF rendered from known text, read back through the worker."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingestion import Limits, NoTextLayer, read_pdf
from ingestion.ocr import word_accuracy
from tests.conftest import needs_tesseract, scanned_pdf, text_pdf

KNOWN = [
    "The harbour board met on Tuesday to decide the future of the northern pier.",
    "Engineers reported that the old timber piles had rotted below the waterline.",
    "The board voted to rebuild the pier in concrete before the winter storms arrive.",
    "Fishermen asked for a temporary landing stage while the works are under way.",
]


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    needs_tesseract()
    return scanned_pdf(tmp_path / "scan.pdf", KNOWN * 2)


def test_scanned_page_is_read_by_ocr_in_the_worker(scan: Path) -> None:
    with pytest.raises(NoTextLayer):  # the file really has no text layer
        read_pdf(scan, limits=Limits(ocr="never"))
    progress: list[tuple[int, int]] = []
    doc = read_pdf(scan, on_page=lambda done, total: progress.append((done, total)))
    assert doc.ocr_pages == (1,)
    assert progress == [(0, 1), (1, 1)]  # page-level progress crossed the worker's pipe
    assert word_accuracy(" ".join(KNOWN * 2), doc.text) >= 0.95
    assert doc.language == "english"
    assert doc.to_json()["ocr_pages"] == [1]


def test_ocr_never_and_missing_tesseract_say_what_to_do(scan: Path, tmp_path: Path) -> None:
    with pytest.raises(NoTextLayer, match=r"OCR is off \(--ocr never\)"):
        read_pdf(scan, limits=Limits(ocr="never"))
    # A PATH without Tesseract on it: the CLI says to install it, and what else to do.
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": str(bin_dir)}
    out = subprocess.run(
        [str(bin_dir / "synopsis"), "extract", str(scan)], capture_output=True, text=True, env=env
    )
    assert out.returncode != 0
    assert "Tesseract OCR is not installed" in out.stderr and "ocrmypdf" in out.stderr


def test_ocr_always_rereads_pages_that_have_text(tmp_path: Path) -> None:
    needs_tesseract()
    path = text_pdf(tmp_path / "typed.pdf", KNOWN)
    assert read_pdf(path).ocr_pages == ()  # auto leaves a good text layer alone
    doc = read_pdf(path, limits=Limits(ocr="always", ocr_lang="eng"))
    assert doc.ocr_pages == (1,)
    assert word_accuracy(" ".join(KNOWN), doc.text) >= 0.95


def test_blank_pages_still_say_no_text(tmp_path: Path, make_pages_pdf) -> None:
    needs_tesseract()
    with pytest.raises(NoTextLayer, match=r"OCR .* found no readable text"):
        read_pdf(make_pages_pdf("blank.pdf", [[], []]))


def test_word_accuracy_counts_words_found_in_order() -> None:
    assert word_accuracy("the pier was rebuilt", "the pier was rebuilt") == 1.0
    assert word_accuracy("the pier was rebuilt", "tbe pier wa5 rebuilt") == 0.5
    assert word_accuracy("the pier was rebuilt", "rebuilt was pier the") == 0.25


PAGES = [
    "The harbour board met on Tuesday to decide the future of the northern pier and the quay.",
    "Engineers reported that the old timber piles had rotted below the waterline of the dock.",
    "The board voted to rebuild the pier in concrete before the winter storms arrive in the bay.",
    "Fishermen asked for a temporary landing stage while the works are under way at the port.",
]


def test_pages_in_all_four_orientations_are_each_read_upright(tmp_path: Path) -> None:
    """A scan whose pages are shown at /Rotate 0, 180, 90 and 270 (#20): each page is turned
    upright on its own, and none of them reads as gibberish."""
    import pypdfium2 as pdfium

    needs_tesseract()
    from tests.conftest import wrap, write_pdf

    source = write_pdf(tmp_path / "source.pdf", [wrap([" ".join([p] * 6)]) for p in PAGES])
    pdf = pdfium.PdfDocument(str(source))
    images = [page.render(scale=200 / 72, grayscale=True).to_pil() for page in pdf]
    pdf.close()
    upright = tmp_path / "upright.pdf"
    images[0].save(upright, save_all=True, append_images=images[1:], resolution=200)
    pdf = pdfium.PdfDocument(str(upright))
    for page, turn in zip(pdf, (0, 180, 90, 270), strict=True):
        page.set_rotation(turn)
    turned = tmp_path / "turned.pdf"
    pdf.save(str(turned))
    pdf.close()
    doc = read_pdf(turned)
    assert doc.ocr_pages == (1, 2, 3, 4)
    for page, known in zip(doc.pages, PAGES, strict=True):
        assert word_accuracy(" ".join([known] * 6), page.text) >= 0.9, page.text[:200]


def test_text_no_turn_makes_readable_is_left_out() -> None:
    from ingestion.ocr import readable

    gibberish = "peulejuod jjas Ases ue ul UMOpyJeP PUe NOS/ sdno uelg saqt dsal " * 6
    assert not readable(gibberish)
    assert readable(" ".join(KNOWN * 2))
    assert readable("Name Address Date 12/03/1987")  # a short form's labels are not judged


def test_language_packs_follow_the_script_and_cjk_packs_read_latin_themselves() -> None:
    from ingestion.ocr import script_langs

    have = frozenset({"eng", "rus", "chi_sim", "osd"})
    assert script_langs("Han", have) == "chi_sim"  # not "+eng": it turns CJK lines to garbage
    assert script_langs("Cyrillic", have) == "rus+eng"  # names and units in Latin letters
    assert script_langs("Latin", have) == "eng"
    assert script_langs("Han", frozenset({"eng", "osd"})) == "eng"  # the pack is not here
    assert script_langs("Arabic", frozenset({"deu", "osd"})) == "deu"
