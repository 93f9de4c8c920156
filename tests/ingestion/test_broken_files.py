"""A broken file is called broken (#22): not "too large", not "needs a password"."""

import io
import re
from pathlib import Path

import pypdf
import pytest

from ingestion import EncryptedPdf, MalformedPdf, PdfTooLarge, read_pdf
from ingestion.errors import out_of_memory
from tests.conftest import needs_tesseract


def _encrypted(user_password: str, algorithm: str = "RC4-128") -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password, "owner-secret", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _same_length(data: bytes, pattern: bytes, new: bytes) -> bytes:
    """``data`` with the first match of ``pattern`` replaced, padded so offsets hold."""
    found = re.search(pattern, data)
    assert found, pattern
    old = found.group(0)
    assert len(new) <= len(old)
    return data.replace(old, new + b" " * (len(old) - len(new)), 1)


BROKEN = {
    "unknown-version": (rb"/V 2", b"/V 9"),
    "no-owner-key": (rb"/O <[0-9a-f]+>", b""),
    "short-user-key": (rb"/U <[0-9a-f]+>", b"/U <1fa5>"),
}


@pytest.mark.parametrize("damage", sorted(BROKEN))
def test_a_broken_encryption_dictionary_is_broken_not_locked(tmp_path, damage) -> None:
    pattern, new = BROKEN[damage]
    path = tmp_path / f"{damage}.pdf"
    path.write_bytes(_same_length(_encrypted(""), pattern, new))
    for password in (None, "anything"):
        with pytest.raises(MalformedPdf, match="encryption dictionary") as info:
            read_pdf(path, password=password)
        assert "password" not in info.value.user_message


@pytest.mark.parametrize("algorithm", ["RC4-40", "RC4-128", "AES-128", "AES-256"])
def test_a_sound_encrypted_file_still_asks_for_its_password(tmp_path, algorithm) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted("open-sesame", algorithm))
    with pytest.raises(EncryptedPdf, match="needs a password"):
        read_pdf(path)
    with pytest.raises(EncryptedPdf, match="password given is wrong"):
        read_pdf(path, password="wrong")


def test_running_out_of_memory_is_broken_for_a_tiny_file_and_too_large_otherwise(
    tmp_path,
) -> None:
    tiny = tmp_path / "tiny.pdf"
    tiny.write_bytes(b"%PDF-1.4\n" + b"x" * 330)
    broken = out_of_memory(tiny, 2048)
    assert isinstance(broken, MalformedPdf) and "339 bytes" in broken.user_message
    assert "too large" not in broken.user_message and "split" not in broken.user_message
    large = tmp_path / "large.pdf"
    large.write_bytes(b"%PDF-1.4\n" + b"x" * 4096)
    big = out_of_memory(large, 1)  # 4 kB is a real share of a 1 MB bound
    assert isinstance(big, PdfTooLarge) and "raise the memory_mb setting" in big.user_message


def _absurd_page(path: Path) -> Path:
    """A 339-byte PDF whose one page claims to be 1,400 km wide."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 99999999 99999999] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return path


def test_a_tiny_file_that_exhausts_memory_is_called_broken(tmp_path) -> None:
    needs_tesseract()  # rendering the page for OCR is what asks for the memory
    path = _absurd_page(tmp_path / "absurd.pdf")
    with pytest.raises(MalformedPdf, match="damaged") as info:
        read_pdf(path)
    assert "too large" not in info.value.user_message
