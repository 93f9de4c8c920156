"""A scanned PDF in a batch (#13): OCR'd with page progress, stored with its OCR pages marked,
shown, exported and searchable; --ocr never keeps the old clear failure."""

from __future__ import annotations

import csv
import json
import sqlite3

from click.testing import CliRunner

from app.cli import cli
from app.text import pages_label
from tests.conftest import needs_tesseract, scanned_pdf, text_pdf

SCAN_TEXT = [
    "The lighthouse keeper logged every passing ship in a leather book.",
    "In the spring of that year the lamp was converted from oil to electricity.",
    "Visitors may climb the tower on weekends when the weather is calm.",
]


def invoke(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_scanned_pdf_is_ocrd_stored_shown_exported_and_found(tmp_path) -> None:
    needs_tesseract()
    folder = tmp_path / "in"
    folder.mkdir()
    scanned_pdf(folder / "scan.pdf", SCAN_TEXT * 3)
    text_pdf(folder / "typed.pdf", ["A typed memo about the harbour budget for the year."] * 5)
    db = tmp_path / "lib.sqlite"

    never = invoke("summarize", folder, "--db", db, "--engine", "extractive", "--ocr", "never")
    assert "1 summarized, 0 skipped, 1 failed" in never.output
    assert "OCR is off (--ocr never)" in " ".join(never.output.split())

    result = invoke("summarize", folder, "--db", db, "--engine", "extractive", "--json")
    events = [json.loads(line) for line in result.output.splitlines()]
    ocr = [e for e in events if e["kind"] == "ocr"]
    assert [e["message"] for e in ocr] == ["OCR: page 0 of 1", "OCR: page 1 of 1"]
    assert ocr[0]["path"].endswith("scan.pdf")
    extracted = next(e for e in events if e["kind"] == "extracted")
    assert extracted["message"] == "1 page, 1 page by OCR"
    assert events[-1]["summarized"] == 1 and events[-1]["failed"] == 0

    hits = json.loads(invoke("search", "lighthouse keeper", "--db", db, "--json").output)
    assert hits and hits[0]["path"].endswith("scan.pdf")
    shown = invoke("show", hits[0]["document_id"], "--db", db).output
    assert "text read by OCR on p. 1" in shown and "leather book" in shown

    out = tmp_path / "export"
    for fmt in ("md", "json", "csv"):
        assert invoke("export", "--db", db, "--format", fmt, "--out", out).exit_code == 0
    rows = {r["title"]: r for r in json.loads((out / "synopsis-library.json").read_text())}
    assert sorted(len(r["ocr_pages"]) for r in rows.values()) == [0, 1]
    with (out / "synopsis-library.csv").open(newline="") as fh:
        assert sorted(r["ocr_pages"] for r in csv.DictReader(fh)) == ["", "1"]
    assert "text read by OCR on p. 1" in (out / "synopsis-library.md").read_text()

    with sqlite3.connect(db) as conn:  # the mark lives on the page rows
        assert conn.execute("SELECT SUM(ocr) FROM pages").fetchone()[0] == 1


def test_page_lists_join_runs() -> None:
    assert pages_label([3]) == "p. 3"
    assert pages_label([7, 1, 2, 3, 9, 10]) == "pp. 1–3, 7, 9, 10"
