"""Text that cannot be encoded (#21): non-UTF-8 arguments and file names, lone surrogates in
a document's text; every output (JSON, the library, exports, sidecars) stays valid UTF-8."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import subprocess
import sys

from click.testing import CliRunner

from app.cli import cli
from app.export import export, write_sidecar
from app.store import InvalidQuery, Store
from ingestion import read_pdf
from tests.app.conftest import CLI_ENV
from tests.conftest import text_pdf

ENV = CLI_ENV


def run_cli(*args: str | bytes, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], capture_output=True, env=env, timeout=300
    )


def test_non_utf8_argument_and_file_name_are_replaced_with_a_note(tmp_path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    name = os.fsdecode(b"caf\xe9-notes.pdf")  # a Latin-1 file name on a UTF-8 system
    text_pdf(docs / name, ["The café on the pier serves the harbour workers every morning."] * 6)
    db = str(tmp_path / "lib.sqlite")
    env = {**ENV, "SYNOPSIS_CONFIG": str(tmp_path / "none.toml")}
    made = run_cli("summarize", str(docs), "--db", db, "--engine", "extractive", "--json", env=env)
    assert made.returncode == 0, made.stderr.decode()[-2000:]
    events = [json.loads(line) for line in made.stdout.decode("utf-8").splitlines()]
    assert events[-1]["summarized"] == 1
    assert any("caf\ufffd-notes.pdf" in e.get("path", "") for e in events)

    found = run_cli("search", b"caf\xe9", "--db", db, "--json", env=env)
    assert found.returncode == 0, found.stderr.decode()
    assert isinstance(json.loads(found.stdout.decode("utf-8")), list)
    assert "not UTF-8" in found.stderr.decode()
    listing = run_cli("list", "--db", db, "--json", env=env)
    assert json.loads(listing.stdout.decode("utf-8"))[0]["path"].endswith("caf\ufffd-notes.pdf")


def _queries(n: int) -> list[str]:
    rng = random.Random(21)
    words = ["harbour", "pier", "OR", "NOT", '"budget', "rep*", "café", "(", ")", "-"]
    out = []
    for _ in range(n):
        parts = [rng.choice(words) for _ in range(rng.randint(1, 4))]
        lone = chr(rng.randrange(0xD800, 0xE000))
        parts.insert(rng.randrange(len(parts) + 1), rng.choice([lone, "caf" + lone]))
        out.append(" ".join(parts))
    return out


def test_queries_with_lone_surrogates_never_crash(tmp_path, store) -> None:
    pdf = text_pdf(tmp_path / "a.pdf", ["The harbour budget covers pier repairs this year."] * 6)
    store.save(read_pdf(pdf), None)
    for query in _queries(60):
        try:
            hits = store.search(query)
        except InvalidQuery as exc:  # a malformed query is explained, not a crash
            assert exc.user_message
            continue
        json.dumps([h.to_json() for h in hits], ensure_ascii=False).encode("utf-8")
    result = CliRunner().invoke(cli, ["search", "caf\udce9 harbour", "--db", store.path, "--json"])
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


def test_lone_surrogates_in_a_document_are_stored_shown_and_exported_as_utf8(
    tmp_path, store
) -> None:
    pdf = text_pdf(tmp_path / "memo.pdf", ["The harbour memo lists the pier repairs."] * 6)
    doc = read_pdf(pdf)
    broken = dataclasses.replace(
        doc,
        title="Harbour \ud83d memo",  # half of a surrogate pair, as broken UTF-16 gives it
        pages=tuple(dataclasses.replace(p, text=p.text + " \udce9") for p in doc.pages),
        metadata={**doc.metadata, "Author": "A. N\udcf6th"},
    )
    doc_id = store.save(broken, None)
    detail = store.detail(doc_id)
    assert detail is not None and detail.title == "Harbour \ufffd memo"
    assert store.page_text(doc_id, 1).endswith("\ufffd")
    for fmt in ("md", "json", "csv"):
        path = export(store, fmt, tmp_path / "out")
        path.read_bytes().decode("utf-8")  # strict: raises on anything not UTF-8
    sidecar = write_sidecar(store, doc_id, pdf)
    assert sidecar is not None and "Harbour \ufffd memo" in sidecar.read_text("utf-8")
    shown = CliRunner().invoke(cli, ["show", str(doc_id), "--db", store.path, "--json"])
    assert json.loads(shown.stdout)["metadata"]["Author"] == "A. N\ufffdth"


def test_a_pdf_with_no_pages_is_not_called_scanned(tmp_path) -> None:
    from pdfmaker import write_pdf

    empty = write_pdf(tmp_path / "empty.pdf", [])
    result = CliRunner().invoke(cli, ["extract", str(empty), "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["kind"] == "malformed" and "no pages" in error["message"]
    assert "scanned" not in error["message"]


def test_store_path_with_a_surrogate_is_cleaned(tmp_path) -> None:
    with Store(tmp_path / os.fsdecode(b"biblioth\xe8que.sqlite")) as store:
        store.record_failure(str(tmp_path / "bad\udcff.pdf"), "malformed", "broken \ud800 file")
        (failure,) = store.failures()
    assert failure.path.endswith("bad\ufffd.pdf") and failure.message == "broken \ufffd file"


def test_non_utf8_text_input_and_settings_file_are_handled(tmp_path, monkeypatch) -> None:
    text = "The harbour board met on Tuesday. It approved the pier repairs. Caf\xe9 owners cheered."
    result = CliRunner().invoke(
        cli,
        ["summarize-text", "-", "--engine", "extractive", "--json"],
        input=text.encode("latin-1"),
    )
    assert result.exit_code == 0, result.output
    assert "harbour" in json.loads(result.stdout)["summary"]  # read, not "Unexpected error"

    settings = tmp_path / "bad.toml"
    settings.write_bytes(b'engine = "caf\xe9"\n')
    monkeypatch.setenv("SYNOPSIS_CONFIG", str(settings))
    listing = CliRunner().invoke(cli, ["list", "--db", str(tmp_path / "lib.sqlite")])
    assert listing.exit_code == 2 and "not valid TOML" in listing.output
