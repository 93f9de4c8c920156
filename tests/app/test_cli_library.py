import csv
import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.settings import Settings
from app.store import Store
from tests.conftest import corpus_dir, manifest_rows, text_pdf
from tests.watching import watching


def invoke(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "cli.sqlite"


def test_summarize_then_search_list_show_export(folder, db, tmp_path) -> None:
    result = invoke("summarize", folder, "--db", db, "--engine", "extractive")
    assert result.exit_code == 0, result.output
    assert "3 summarized, 0 skipped, 0 failed" in result.output

    hits = json.loads(invoke("search", "spoilage", "--db", db, "--json").output)
    assert set(hits[0]) == {
        "document_id",
        "title",
        "path",
        "where",
        "snippet",
        "marks",
        "score",
        "why",
        "page",
    }
    start, end = hits[0]["marks"][0]
    assert hits[0]["title"].startswith("Northwind")
    assert hits[0]["snippet"][start:end] == "Spoilage"

    listing = invoke("list", "--db", db).output
    assert "Synopsis User Guide" in listing and "extractive" in listing

    doc_id = hits[0]["document_id"]
    shown = invoke("show", doc_id, "--db", db).output
    assert "extractive summary" in shown and re.search(r"\[p\. \d", shown)

    for fmt in ("md", "json", "csv"):
        out = invoke("export", "--db", db, "--format", fmt, "--out", tmp_path / "exp")
        assert out.exit_code == 0
    exported = tmp_path / "exp"
    assert "## Northwind Cooperative" in (exported / "synopsis-library.md").read_text()
    assert len(json.loads((exported / "synopsis-library.json").read_text())) == 3
    with (exported / "synopsis-library.csv").open() as fh:
        assert len(list(csv.DictReader(fh))) == 3


def test_json_events_stream_one_per_line(folder, db) -> None:
    result = invoke("summarize", folder, "--db", db, "--engine", "extractive", "--json")
    events = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = [e["kind"] for e in events]
    assert kinds[0] == "start" and kinds[-1] == "done" and kinds.count("summarized") == 3


def test_failures_exit_1_are_listed_and_retried_with_password(folder, db, make_pdf) -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(make_pdf("p.pdf", ["Harbour plans in detail."])))
    writer.encrypt("open-sesame", algorithm="AES-128")
    with (folder / "locked.pdf").open("wb") as fh:
        writer.write(fh)
    result = invoke("summarize", folder, "--db", db, "--engine", "extractive")
    assert result.exit_code == 1
    assert "3 summarized, 0 skipped, 1 failed" in result.output
    assert "locked.pdf is encrypted" in result.output
    listed = invoke("failures", "--db", db).output
    assert "encrypted" in listed and "locked.pdf" in listed
    retried = invoke("retry", "--db", db, "--engine", "extractive", "--password", "open-sesame")
    assert retried.exit_code == 0, retried.output
    assert invoke("failures", "--db", db).output.strip() == "No failures."


def test_sidecar_is_written_next_to_each_pdf(folder, db) -> None:
    invoke("summarize", folder, "--db", db, "--engine", "extractive", "--sidecar")
    side = folder / "northwind-quarterly-report.pdf.md"
    assert side.is_file() and "Northwind" in side.read_text()


def test_a_search_with_nothing_to_look_for_is_one_line_not_a_traceback(db) -> None:
    Store(db).close()
    assert CliRunner().invoke(cli, ["search", '"oops', "--db", str(db)]).exit_code == 0
    result = CliRunner().invoke(cli, ["search", "?!", "--db", str(db)])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "no words or numbers" in result.output and "Traceback" not in result.output


def test_show_unknown_document(db) -> None:
    Store(db).close()
    result = CliRunner().invoke(cli, ["show", "999", "--db", str(db)])
    assert result.exit_code == 2 and "No document 999" in result.output


def test_watch_summarizes_new_files_once_they_are_complete(tmp_path) -> None:
    watched = tmp_path / "inbox"
    watched.mkdir()
    settings = Settings(db=tmp_path / "w.sqlite", engine="extractive", workers=1)
    with watching(watched, settings, debounce=0.5, poll=0.1) as events:
        events.started()
        pdf = text_pdf(
            tmp_path / "src.pdf",
            ["A new memo about the spring budget arrived in the inbox today."] * 10,
            title="Budget Memo",
        )
        data = pdf.read_bytes()
        target = watched / "memo.pdf"
        with target.open("wb") as fh:  # written slowly, in two halves
            fh.write(data[: len(data) // 2])
            fh.flush()
            # The watcher sees the half keep still past its debounce, twice, and leaves it.
            events.quiet_for(2 * 0.5 + 0.1)
            fh.write(data[len(data) // 2 :])
        deadline = time.time() + 60
        while time.time() < deadline and not any(e.kind == "summarized" for e in events):
            time.sleep(0.2)
    summarized = [e for e in events if e.kind == "summarized"]
    assert [e.title for e in summarized] == ["Budget Memo"]
    assert not [e for e in events if e.kind == "failed"]  # the half-written file was not read


@pytest.mark.corpus
def test_corpus_batch_fails_only_where_the_manifest_expects(tmp_path, db) -> None:
    """A batch over the real corpus records each failure as its kind and carries on. OCR is
    off here (--ocr never, #23): scans fail as the manifest's no-text, saying OCR is off; a
    batch that OCRs a scan is tests/app/test_ocr_batch.py, the corpus's scans read by OCR are
    tests/ingestion/test_corpus.py."""
    root = corpus_dir()
    expected = {r["file"]: r["expected"] for r in manifest_rows()}
    args = ("--db", db, "--engine", "extractive", "--ocr", "never", "--json")
    result = invoke("summarize", root / "pdfs", *args)
    assert result.exit_code == 1
    events = [json.loads(line) for line in result.stdout.splitlines()]
    failures = {Path(e["path"]).name: e for e in events if e["kind"] == "failed"}
    failed = {name: e["error_kind"] for name, e in failures.items()}
    summarized = {Path(e["path"]).name for e in events if e["kind"] == "summarized"}
    assert set(failed) | summarized == set(expected)
    for name, kind in failed.items():
        assert expected[name] == kind, f"{name} failed as {kind}, manifest says {expected[name]}"
    assert all(expected[name] in ("ok", "malformed") for name in summarized)
    scans = {n for n, e in expected.items() if e == "no-text"}
    assert scans and scans <= set(failed)
    assert all("OCR is off" in " ".join(failures[n]["message"].split()) for n in scans)
