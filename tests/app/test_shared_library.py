"""#11: one library shared by the GUI, CLI processes and watch, under real use."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.settings import Settings
from app.store import Store
from tests.conftest import memo_folder, text_pdf
from tests.watching import watching

ROOT = Path(__file__).resolve().parents[2]


def invoke(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)


def synopsis(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *[str(a) for a in args]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


# -- 1. corruption: GUI batches while CLI processes use the same file ---------------------------


def test_store_connections_are_confined_to_their_thread(tmp_path) -> None:
    import sqlite3

    store = Store(tmp_path / "t.sqlite")
    errors: list[BaseException] = []

    def other() -> None:
        try:
            store.count_documents()
        except sqlite3.ProgrammingError as exc:
            errors.append(exc)

    t = threading.Thread(target=other)
    t.start()
    t.join()
    store.close()
    assert errors and "thread" in str(errors[0])


def _cli_loop(
    db: Path, folder: Path, stop: threading.Event, problems: list[str], rounds: list[int]
) -> None:
    while not stop.is_set():
        for args in (
            ("list", "--db", db),
            ("search", "harbour", "--db", db),
            ("show", "1", "--db", db),
            ("summarize", folder, "--db", db, "--engine", "extractive", "--length", "short"),
        ):
            if stop.is_set() and rounds:  # the GUI is done and every command has run (#23)
                return
            r = synopsis(*args)
            if r.returncode not in (0, 2) or "malformed" in r.stderr or "locked" in r.stderr:
                problems.append(f"{args[0]}: rc {r.returncode} {r.stderr[-400:]}")
        rounds.append(1)


@pytest.mark.usefixtures("qapp")
def test_gui_batches_while_cli_processes_use_the_same_library(qtbot, tmp_path) -> None:
    from app.gui.window import MainWindow

    db = tmp_path / "shared.sqlite"
    gui_docs = memo_folder(tmp_path / "gui", 6, "gui")
    cli_docs = memo_folder(tmp_path / "cli", 4, "cli")
    window = MainWindow(Settings(db=db, engine="extractive", workers=1, batch_docs=2))
    qtbot.addWidget(window)
    stop, problems, rounds = threading.Event(), [], []
    loop = threading.Thread(target=_cli_loop, args=(db, cli_docs, stop, problems, rounds))
    loop.start()
    try:
        for length in ("short", "medium", "long"):
            window.settings = window.settings.with_(length=length)
            with qtbot.waitSignal(window.batch_finished, timeout=180_000) as done:
                window.add_paths([str(gui_docs)])
            assert done.args[0]["kind"] == "done" and done.args[0]["failed"] == 0
    finally:
        stop.set()
        loop.join(300)
    window.close()
    assert problems == [] and len(rounds) >= 1
    with Store(db) as store:
        assert store.integrity_ok()
        assert store.count_documents() == 10  # nothing lost, nothing duplicated
        per_doc = store.conn.execute(
            "SELECT COUNT(DISTINCT summary_key) FROM summaries GROUP BY document_id"
        ).fetchall()
        assert sorted(n for (n,) in per_doc) == [1] * 4 + [3] * 6
    reopened = MainWindow(Settings(db=db, engine="extractive"))  # the GUI opens it again
    qtbot.addWidget(reopened)
    assert reopened.library.rowCount() == 10
    reopened.close()


def test_soak_several_writers_and_readers(tmp_path) -> None:
    """A short run of bench/soak.py: writer and reader processes on one file, then checks.
    Each process runs one round at least, however long it took to start; the long soak is
    `python bench/soak.py --seconds 300` (bench/README.md)."""
    out = subprocess.run(
        [
            sys.executable,
            "bench/soak.py",
            "--seconds",
            "8",
            "--writers",
            "3",
            "--readers",
            "2",
            "--dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    report = json.loads(out.stdout.splitlines()[-1])
    assert report["integrity"] == "ok" and report["errors"] == []
    assert report["documents"] == report["expected_documents"] > 0
    assert report["reads"] > 0


# -- 2. watch: a failing file is retried only when its bytes change ------------------------------


def test_watch_retries_a_failing_file_only_when_it_changes(tmp_path) -> None:
    from app.cli.progress import BatchView

    watched = tmp_path / "inbox"
    watched.mkdir()
    bad = watched / "bad.pdf"
    bad.write_bytes(b"not really a pdf\n%%EOF\n")
    settings = Settings(db=tmp_path / "w.sqlite", engine="extractive", workers=1)
    with watching(watched, settings, debounce=0.2, poll=0.05) as events:
        # Its own looks for five debounces: many retries, had reading the file retriggered it.
        events.started()
        events.quiet_for(5 * 0.2)
        first = [e for e in events if e.kind == "failed"]
        bad.write_bytes(b"still not a pdf, but other bytes\n%%EOF\n")
        deadline = time.time() + 30
        while time.time() < deadline and len([e for e in events if e.kind == "failed"]) < 2:
            time.sleep(0.1)
        events.quiet_for(5 * 0.2)  # and no third failure
    failed = [e for e in events if e.kind == "failed"]
    assert len(first) == 1 and len(failed) == 2
    # Each report covers its own event: the second lists one failure, not both.
    view = BatchView()
    starts = [i for i, e in enumerate(events) if e.kind == "start"]
    for e in events[starts[-1] :]:
        view.show(e)
    assert len(view.failures) == 1


# -- 6. the command line --------------------------------------------------------------------------


def test_search_limit_counts_documents_not_page_hits(tmp_path) -> None:
    db = tmp_path / "s.sqlite"
    folder = tmp_path / "docs"
    folder.mkdir()
    # One long document mentions "lighthouse" on every page; three others once.
    text_pdf(folder / "long.pdf", ["The lighthouse keeper wrote about the lighthouse."] * 400)
    for i in range(3):
        text_pdf(folder / f"short{i}.pdf", [f"Note {i} mentions the lighthouse once."] * 3)
    invoke("summarize", folder, "--db", db, "--engine", "extractive")
    hits = json.loads(invoke("search", "lighthouse", "--db", db, "--limit", "3", "--json").output)
    assert len(hits) == 3 and len({h["document_id"] for h in hits}) == 3


def test_list_and_show_end_quietly_when_the_reader_goes_away(tmp_path, folder) -> None:
    db = tmp_path / "p.sqlite"
    invoke("summarize", folder, "--db", db, "--engine", "extractive")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for cmd in ("list", "show 1"):
        shell = f"{sys.executable} -m app.cli {cmd} --db {db} | head -c 1 >/dev/null"
        r = subprocess.run(
            ["bash", "-o", "pipefail", "-c", shell],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert "BrokenPipe" not in r.stderr and "Unexpected error" not in r.stderr, r.stderr
        assert r.returncode == 0, r.stderr


def test_retry_with_password_takes_only_encrypted_failures(tmp_path, folder, make_pdf) -> None:
    import pypdf

    db = tmp_path / "r.sqlite"
    writer = pypdf.PdfWriter(clone_from=str(make_pdf("p.pdf", ["Harbour plans in detail."] * 3)))
    writer.encrypt("open-sesame", algorithm="AES-128")
    with (folder / "locked.pdf").open("wb") as fh:
        writer.write(fh)
    (folder / "broken.pdf").write_text("not a pdf")
    invoke("summarize", folder, "--db", db, "--engine", "extractive")
    out = invoke(
        "retry", "--db", db, "--engine", "extractive", "--password", "open-sesame", "--json"
    ).output
    tried = [json.loads(line) for line in out.splitlines()]
    paths = {Path(e["path"]).name for e in tried if e.get("path")}
    assert paths == {"locked.pdf"}
    left = invoke("failures", "--db", db, "--json").output
    assert [Path(r["path"]).name for r in json.loads(left)] == ["broken.pdf"]


def test_rerun_meeting_only_known_failures_says_so_and_exits_0(tmp_path, folder) -> None:
    db = tmp_path / "k.sqlite"
    (folder / "broken.pdf").write_text("not a pdf")
    first = invoke("summarize", folder, "--db", db, "--engine", "extractive")
    assert first.exit_code == 1  # a new failure
    again = invoke("summarize", folder, "--db", db, "--engine", "extractive")
    assert again.exit_code == 0
    assert "failed again as before" in again.output
    strict = invoke("summarize", folder, "--db", db, "--engine", "extractive", "--strict")
    assert strict.exit_code == 1
    (folder / "other.pdf").write_text("also not a pdf")
    assert invoke("summarize", folder, "--db", db, "--engine", "extractive").exit_code == 1


def test_export_says_where_it_wrote(tmp_path, folder) -> None:
    db = tmp_path / "e.sqlite"
    invoke("summarize", folder, "--db", db, "--engine", "extractive")
    out = invoke("export", "--db", db, "--format", "md", "--out", tmp_path / "x").output
    assert f"Wrote {(tmp_path / 'x' / 'synopsis-library.md').resolve()}" in out


# -- 7. search across languages and word forms ----------------------------------------------------


def test_cjk_words_inside_longer_runs_are_found(store, make_pdf) -> None:
    from ingestion import read_pdf

    doc = read_pdf(make_pdf("zh.pdf", ["Report 2024", "x"]))
    text = "本报告介绍了信息检索系统的设计与实现以及用户反馈。日本語の文書検索もできます。"
    page = dataclasses.replace(doc.pages[0], text=text)
    doc = dataclasses.replace(doc, pages=(page, *doc.pages[1:]))
    store.save(doc, None)
    assert [h.where for h in store.search("信息检索")] == ["page 1"]
    hit = store.search("检索")[0]
    assert ("检索", True) in hit.parts and "信息" in hit.text
    assert store.search("文書検索")
    assert store.search("检")  # one character: a prefix of its pairs
    assert store.search("检测") == []


def test_english_word_forms_match(store, make_pdf) -> None:
    from ingestion import read_pdf

    store.save(
        read_pdf(make_pdf("w.pdf", ["Layoff notice for the plant workers in spring."])), None
    )
    for query in ("layoffs", "Layoff", "notices", "worker"):
        assert store.search(query), query


def test_old_libraries_are_reindexed_by_the_migration(tmp_path, make_pdf) -> None:
    import sqlite3

    from ingestion import read_pdf

    path = tmp_path / "old.sqlite"
    with Store(path) as store:
        store.save(read_pdf(make_pdf("w.pdf", ["Layoff notice for the plant workers."])), None)
    # Put the library back as the first release left it: unstemmed index, no CJK index.
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(
        """
        DELETE FROM migrations WHERE name = '002_stemmed_and_cjk_search';
        DROP TABLE search_cjk;
        DROP TABLE search_index;
        CREATE VIRTUAL TABLE search_index USING fts5(
            title, summary, body, document_id UNINDEXED, kind UNINDEXED, page UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
        INSERT INTO search_index (body, document_id, kind, page)
            SELECT text, document_id, 'page', number FROM pages;
        """
    )
    stale = "SELECT COUNT(*) FROM search_index WHERE search_index MATCH 'layoffs'"
    assert conn.execute(stale).fetchone()[0] == 0
    conn.close()
    with Store(path) as upgraded:
        assert upgraded.search("layoffs")
        kinds = upgraded.conn.execute("SELECT DISTINCT kind FROM search_index").fetchall()
        assert sorted(k for (k,) in kinds) == ["page", "title"]  # every row came back


# -- 8. model messages ----------------------------------------------------------------------------


def test_download_without_network_says_so_and_what_to_do(monkeypatch, tmp_path) -> None:
    from summarizer.errors import NetworkUnreachable
    from summarizer.models import pull

    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "SYNOPSIS_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    import huggingface_hub.constants as hub_constants

    # A port on this machine where nothing listens: the connection is refused at once.
    monkeypatch.setattr(hub_constants, "ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setattr(hub_constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(NetworkUnreachable) as info:
        pull("someone/some-model")
    message = info.value.user_message
    assert "network is unreachable" in message and "--model DIR" in message
    assert "models pull" not in message


def test_fallback_note_is_shown_once_per_watch_session(capsys) -> None:
    from app.cli.progress import BatchView
    from app.pipeline import Progress

    view = BatchView()
    for _ in range(3):
        view.show(Progress("start"))
        view.show(Progress("engine", message="No model here. Using the extractive engine instead."))
    assert capsys.readouterr().err.count("No model here") == 1
