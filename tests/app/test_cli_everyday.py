"""Everyday use of the CLI (#22): typos never make libraries, missing paths are usage errors,
search takes what people type, output fits pipes and scripts."""

import dataclasses
import json

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from app.cli import cli
from app.settings import Settings
from app.store import Store
from ingestion import read_pdf
from tests.conftest import text_pdf


def invoke(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "lib.sqlite"


@pytest.fixture
def summarized(tmp_path, db):
    """A library of two small documents, one with a CJK title."""
    folder = tmp_path / "docs"
    folder.mkdir()
    text_pdf(folder / "covid.pdf", ["COVID-19 cases among the self-employment workforce rose."])
    text_pdf(folder / "walls.pdf", ["Harbour walls were rebuilt after the storm."])
    result = invoke("summarize", folder, "--db", db, "--engine", "extractive")
    assert result.exit_code == 0, result.output
    cjk = read_pdf(text_pdf(tmp_path / "cjk.pdf", ["Harbour notes for the season."]))
    with Store(db) as store:  # the PDF maker's metadata is Latin-1: give the title here
        store.save(dataclasses.replace(cjk, title="港湾の設計と施工に関する報告書"), None)
    return folder


@pytest.mark.parametrize(
    "args",
    [("list",), ("show", "1"), ("search", "harbour"), ("export",), ("failures",), ("retry",)],
)
def test_read_commands_never_create_a_library(tmp_path, args) -> None:
    typo = tmp_path / "typo" / "lib.sqlite"
    result = invoke(*args, "--db", typo)
    assert result.exit_code == 2
    assert f"There is no library at {typo}" in result.output
    assert not typo.parent.exists()


def test_search_json_errors_are_json_on_stdout(tmp_path, summarized, db) -> None:
    result = CliRunner().invoke(cli, ["search", "--json", "!!!", "--db", str(db)])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["kind"] == "invalid-query" and "no words or numbers" in error["message"]
    nowhere = str(tmp_path / "none.sqlite")
    missing = CliRunner().invoke(cli, ["search", "--json", "x", "--db", nowhere])
    assert json.loads(missing.stdout)["error"]["kind"] == "no-library"


def test_summarize_creates_a_library_and_says_so(make_pdf, tmp_path) -> None:
    db = tmp_path / "new" / "lib.sqlite"
    pdf = make_pdf("a.pdf", ["Harbour walls were rebuilt after the storm."])
    first = invoke("summarize", pdf, "--db", db, "--engine", "extractive")
    assert f"Created a new library at {db}" in first.output and db.is_file()
    again = invoke("summarize", pdf, "--db", db, "--engine", "extractive")
    assert "Created a new library" not in again.output


def test_a_missing_path_is_a_usage_error_every_time(make_pdf, db) -> None:
    pdf = make_pdf("a.pdf", ["Harbour walls were rebuilt after the storm."])
    for _ in range(2):
        result = invoke("summarize", pdf, pdf.parent / "nothere.pdf", "--db", db)
        assert result.exit_code == 2
        assert "No such file or folder" in result.output and "nothere.pdf" in result.output
        assert "failed again as before" not in result.output
    assert not db.exists()  # nothing ran, so no library was made either


def test_sidecars_are_written_for_documents_already_summarized(summarized, db) -> None:
    sidecar = summarized / "covid.pdf.md"
    assert not sidecar.exists()
    result = invoke("summarize", summarized, "--db", db, "--engine", "extractive", "--sidecar")
    assert "0 summarized, 2 skipped" in result.output
    assert "COVID-19" in sidecar.read_text() and (summarized / "walls.pdf.md").is_file()


def test_search_finds_everyday_words_and_prints_no_markers(summarized, db) -> None:
    for typed in ("COVID-19", "self-employment", "covid-19 OR nothing", "港湾"):
        result = invoke("search", typed, "--db", db)
        assert result.exit_code == 0 and "No matches" not in result.output, typed
        assert "\ufdd0" not in result.output and "[COVID" not in result.output


def test_list_pads_titles_by_display_width(summarized, db) -> None:
    lines = [line for line in invoke("list", "--db", db).output.splitlines() if " p  " in line]
    assert len(lines) == 3 and any("港湾" in line for line in lines)
    assert len({cell_len(line.split(" p  ")[0]) for line in lines}) == 1


@pytest.mark.parametrize(
    ("lines", "said"),
    [
        (['{"document": "Text here.", "reference": "Text."}'], 'line 1: no "id"'),
        (["", '{"id": "a", "document": "Text here."}'], 'line 2: no "reference" text'),
        (['{"id": "a", "reference": "R."}'], 'line 1: neither "document" text nor a "pdf"'),
        (['{"id": "a", "reference": "R.", "pdf": "pdfs/none.pdf"}'], "none.pdf does not exist"),
        (['{"id": "a", "document": "D.", "reference": "R."}', "{oops"], "line 2: not valid JSON"),
        (['{"id": "a", "document": "D.", "reference": "R."}'] * 2, "'a' is used twice"),
        (['["a", "b"]'], "line 1: expected a JSON object, found list"),
        ([""], "holds no records"),
    ],
)
def test_eval_names_the_line_of_a_bad_record(tmp_path, lines, said) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("eval", pairs, "--engine", "extractive")
    assert result.exit_code == 2, result.output
    assert said in result.output and "pairs.jsonl" in result.output
    assert "Unexpected error" not in result.output


def test_eval_help_and_the_guide_give_the_pairs_format() -> None:
    from pathlib import Path

    help_text = invoke("eval", "--help").output
    guide = (Path(__file__).resolve().parents[2] / "docs" / "GUIDE.md").read_text(encoding="utf-8")
    for field in ('"id"', '"reference"', '"references"', '"document"', '"pdf"'):
        assert field in help_text and field in guide.split("- `eval PAIRS.jsonl`")[1][:800], field


def test_piped_output_is_never_wrapped(tmp_path, db) -> None:
    deep = tmp_path / ("a-folder-with-a-long-name-" * 4) / "and-another-long-folder-name"
    deep.mkdir(parents=True)
    (deep / "not-really-a-pdf-but-a-text-file.pdf").write_text("plain text, no PDF header")
    result = invoke("summarize", deep, "--db", db, "--engine", "extractive")
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if line.strip().startswith("failed:")]
    assert failed == [f"  failed: {deep / 'not-really-a-pdf-but-a-text-file.pdf'}"]


def test_a_run_with_everything_skipped_shows_no_empty_bar_or_estimate(summarized, db) -> None:
    result = invoke("summarize", summarized, "--db", db, "--engine", "extractive")
    assert "0 summarized, 2 skipped, 0 failed" in result.output
    assert "docs" not in result.output and "pages" not in result.output
    assert "to summarize" not in result.output and "documents/min" not in result.output


def test_estimates_come_from_whole_runs_measured_here(tmp_path, summarized, db) -> None:
    more = tmp_path / "more"
    more.mkdir()
    for i in range(3):
        text_pdf(more / f"m{i}.pdf", [f"Memo {i} about the ferry timetable and the pier."])
    with Store(db) as store:  # the first run took 30 s for its 2 documents
        store.conn.execute(
            "UPDATE runs SET started_at = datetime(finished_at, '-30 seconds') WHERE summarized = 2"
        )
        # julianday() resolves about 50 µs at today's dates: 15.0000192 was seen once.
        assert store.seconds_per_document("extractive", Settings().model) == pytest.approx(
            15, abs=1e-3
        )
    result = invoke("summarize", more, "--db", db, "--engine", "extractive")
    assert "3 document(s) to summarize" in result.output
    assert "about 45 s at the rate measured here" in result.output


def test_the_first_run_makes_no_guess_about_time(make_pdf, db) -> None:
    result = invoke("summarize", make_pdf("a.pdf", ["Ferry times."]), "--db", db)
    assert "1 document(s) to summarize" in result.output and "about" not in result.output


def test_pyproject_licence_raises_no_setuptools_deprecation() -> None:
    import warnings
    from pathlib import Path

    from setuptools.config.pyprojecttoml import apply_configuration
    from setuptools.dist import Distribution

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dist = apply_configuration(Distribution(), pyproject)
    assert dist.metadata.license_expression == "Apache-2.0"


def test_every_setting_is_documented_in_the_readme_table() -> None:
    from dataclasses import fields
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme.split("| setting | default |")[1].split("\n\n")[0]
    for f in fields(Settings):
        assert f"`{f.name}`" in table, f.name


def test_a_limit_met_names_the_setting_that_raises_it(make_pages_pdf, db, monkeypatch) -> None:
    page = ["The ferry report describes the timetable, the crews and the harbour repairs."] * 4
    pdf = make_pages_pdf("three.pdf", [page] * 3)
    monkeypatch.setenv("SYNOPSIS_MAX_PAGES", "2")
    refused = invoke("summarize", pdf, "--db", db, "--engine", "extractive")
    assert refused.exit_code == 1
    assert "3 pages, the limit is 2" in refused.output
    assert "raise the max_pages setting" in refused.output
    assert "SYNOPSIS_MAX_PAGES" in refused.output
    monkeypatch.setenv("SYNOPSIS_MAX_PAGES", "3")
    again = invoke("summarize", pdf, "--db", db, "--engine", "extractive")
    assert again.exit_code == 0, again.output


def test_watch_creates_a_library_and_says_so(tmp_path) -> None:
    import os
    import queue
    import signal
    import subprocess
    import sys
    import threading

    inbox, db = tmp_path / "inbox", tmp_path / "w" / "lib.sqlite"
    inbox.mkdir()
    args = [sys.executable, "-m", "app.cli", "watch", str(inbox), "--db", str(db)]
    proc = subprocess.Popen(
        [*args, "--engine", "extractive"], stderr=subprocess.PIPE, text=True, env=os.environ
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x) for x in proc.stderr], daemon=True)
    reader.start()
    try:
        seen = []
        while not any("Created a new library" in x for x in seen):
            seen.append(lines.get(timeout=120))
        assert f"Created a new library at {db}" in "".join(seen) and db.is_file()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(60)
        reader.join(60)  # the pipe ends with the process
        proc.stderr.close()
