import zlib
from pathlib import Path

import pypdf
import pytest

from ingestion import (
    EncryptedPdf,
    ExtractionTimeout,
    Limits,
    MalformedPdf,
    NotAPdf,
    NoTextLayer,
    PdfTooLarge,
    read_pdf,
    sha256_file,
)
from ingestion.quality import measure
from ingestion.worker import ExtractionWorker
from tests.conftest import corpus_document

PARAS = [
    "Synopsis reads documents and writes short summaries of them for busy people.",
    "The second paragraph explains that every summary keeps its page references.",
]


def test_reads_pages_sha_and_metadata(make_pdf) -> None:
    path = make_pdf("doc.pdf", PARAS * 40, title="Field Notes", author="Ada")
    doc = read_pdf(path)
    assert doc.title == "Field Notes"
    assert doc.metadata["author"] == "Ada"
    assert doc.page_count == len(doc.pages) >= 2
    assert len(doc.sha256) == 64
    assert doc.pages[0].quality.usable
    assert "every summary keeps its page references" in doc.pages[0].text


def test_title_falls_back_to_first_heading_line(make_pages_pdf) -> None:
    path = make_pages_pdf("t.pdf", [["Annual Review of Pond Life", "", "Frogs were common."]])
    assert read_pdf(path).title == "Annual Review of Pond Life"


def test_title_falls_back_to_file_name(make_pages_pdf) -> None:
    path = make_pages_pdf("quarter_notes.pdf", [["12"]])
    with pytest.raises(NoTextLayer):
        read_pdf(path)
    path = make_pages_pdf("quarter_notes.pdf", [["Okay."]])
    assert read_pdf(path).title == "quarter notes"


def test_headers_footers_removed_and_hyphens_joined(make_pages_pdf) -> None:
    pages = [
        ["This page discusses the summa-", f"rization of report number {n} in depth."]
        for n in range(1, 5)
    ]
    doc = read_pdf(make_pages_pdf("h.pdf", pages, header="Confidential Draft", footer_numbers=True))
    for n, page in enumerate(doc.pages, start=1):
        assert page.text == f"This page discusses the summarization of report number {n} in depth."


def _encrypt(src: Path, dst: Path, password: str) -> Path:
    writer = pypdf.PdfWriter(clone_from=str(src))
    writer.encrypt(user_password=password, owner_password="owner-" + password, algorithm="AES-128")
    with dst.open("wb") as fh:
        writer.write(fh)
    return dst


def test_encrypted_pdf_gets_clear_message_and_opens_with_password(make_pdf, tmp_path) -> None:
    enc = _encrypt(make_pdf("plain.pdf", PARAS), tmp_path / "locked.pdf", "s3cret")
    with pytest.raises(EncryptedPdf, match="needs a password") as info:
        read_pdf(enc)
    assert info.value.kind == "encrypted"
    with pytest.raises(EncryptedPdf, match="password given is wrong"):
        read_pdf(enc, password="nope")
    assert "page references" in read_pdf(enc, password="s3cret").pages[0].text


def test_not_a_pdf(tmp_path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("just some text, not a PDF at all")
    with pytest.raises(NotAPdf, match="not a PDF"):
        read_pdf(path)


def test_empty_and_truncated_files_are_malformed(make_pdf, tmp_path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(MalformedPdf, match="empty"):
        read_pdf(empty)
    whole = make_pdf("whole.pdf", PARAS).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[:200])
    with pytest.raises(MalformedPdf) as info:
        read_pdf(cut)
    assert info.value.kind == "malformed" and "repair" in info.value.user_message


def test_scanned_pdf_without_text_asks_for_ocr(make_pages_pdf) -> None:
    with pytest.raises(NoTextLayer, match="OCR"):
        read_pdf(make_pages_pdf("scan.pdf", [[], []]))


def test_garbled_glyph_names_are_flagged() -> None:
    q = measure("/g18/g152/g3 /g44/g72 " * 30)
    assert q.garbled and not q.usable
    assert measure("Ordinary words in an ordinary sentence, with 12 numbers. " * 5).usable
    # Tables of numbers and dates are not garbage.
    assert measure("06/22/2015 07/01/2015 12.5 1,200 Notice Date " * 20).usable


def test_too_many_pages(make_pdf) -> None:
    with pytest.raises(PdfTooLarge, match="pages"):
        read_pdf(make_pdf("long.pdf", PARAS * 60), limits=Limits(max_pages=2))


def test_timeout_stops_a_slow_parse_and_the_worker_recovers(make_pdf) -> None:
    path = make_pdf("big.pdf", PARAS * 3000)
    worker = ExtractionWorker()
    try:
        with pytest.raises(ExtractionTimeout, match="longer than"):
            worker.extract(path, None, Limits(timeout_s=0.001))
        # The killed worker is replaced transparently.
        assert worker.extract(path, None, Limits()).page_count > 10
    finally:
        worker.close()


def _bomb_pdf(path: Path, inflated_mb: int) -> Path:
    """A one-page PDF whose content stream inflates to ``inflated_mb`` MB of zeros."""
    comp = zlib.compressobj(1)
    block = b"\0" * (1 << 20)
    data = b"".join(comp.compress(block) for _ in range(inflated_mb)) + comp.flush()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return path


def test_decompression_bomb_is_bounded(tmp_path) -> None:
    bomb = _bomb_pdf(tmp_path / "bomb.pdf", inflated_mb=1024)
    assert bomb.stat().st_size < 8 * 1024 * 1024
    with pytest.raises((PdfTooLarge, MalformedPdf, NoTextLayer)) as info:
        read_pdf(bomb, limits=Limits(memory_mb=256, timeout_s=60))
    assert info.value.user_message  # a clear message, and this process is unharmed


def test_title_comes_from_the_largest_type_not_stale_metadata(tmp_path) -> None:
    from tests.conftest import text_pdf

    path = text_pdf(
        tmp_path / "paper.pdf",
        ["Proceedings of the Harbour Conference, Vol. 3, 2024."]
        + ["The harbour board studied the northern pier for a whole year and wrote it down."] * 30,
        title="Draft 2 of an older report",  # metadata left over from a template
        heading=["Repairing the Northern Pier:", "A Year of Harbour Works"],
    )
    doc = read_pdf(path)
    assert doc.title == "Repairing the Northern Pier: A Year of Harbour Works"


def test_page_numbers_do_not_stick_to_a_title_line(tmp_path) -> None:
    from ingestion.title_choice import guess_title

    first = "THE SIEGE OF VICKSBURG. 49\nhowever, did not last long; it became too conspicuous."
    assert guess_title({}, first, tmp_path / "x.pdf") == "THE SIEGE OF VICKSBURG"


def test_lam_alef_ligatures_come_out_in_logical_order() -> None:
    from ingestion.rtl import swap_ligatures

    # Letters 1-2 (5-6) come from one ligature glyph, reversed; the article "ال" (0-1) does not.
    assert swap_ligatures("اإلنتاجية", lambda i: i == 1) == "الإنتاجية"
    assert swap_ligatures("المشكالت", lambda i: i == 5) == "المشكلات"
    assert swap_ligatures("فعالة", lambda i: False) == "فعالة"  # two glyphs: a real "ال"


@pytest.mark.corpus
def test_arabic_pdf_is_extracted_and_searchable_as_written(corpus, tmp_path) -> None:
    from app.store import Store

    doc = corpus_document("pdfs", "docling_right_to_left_01.pdf")
    assert doc.title == "تحسين الإنتاجية وحل المشكلات من خلال البرمجة بلغة R وPython"
    text = doc.pages[0].text
    assert "الأدوات" in text and "اإلنتاجية" not in text and "المشكالت" not in text
    with Store(tmp_path / "ar.sqlite") as store:
        store.save(doc, None)
        assert [h.title for h in store.search("الإنتاجية")] == [doc.title]


def test_a_known_hash_is_used_instead_of_hashing_the_file_again(make_pdf) -> None:
    path = make_pdf("h.pdf", ["The harbour board met on Monday and approved the repairs."])
    assert read_pdf(path).sha256 == sha256_file(path)  # hashed in the worker when not given
    known = "0" * 64
    assert read_pdf(path, sha256=known).sha256 == known  # the worker did not hash it again
    assert read_pdf(path, isolate=False, sha256=known).sha256 == known
