"""Interrupted runs leave a right record (#21): SIGTERM, SIGINT and kill -9 of a batch, and
kill -9 of the extraction worker, with the runs table checked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import psutil
import pytest

from app.store import Store
from ingestion.errors import PdfError, WorkerKilled
from ingestion.reader import Limits
from ingestion.worker import ExtractionWorker
from tests.app.conftest import CLI_ENV
from tests.conftest import memo_folder, text_pdf

ENV = CLI_ENV


def start_batch(tmp_path, n: int = 30) -> tuple[subprocess.Popen[str], object]:
    docs = memo_folder(tmp_path / "docs", n, tag="doc", repeat=30)
    db = tmp_path / "lib.sqlite"
    env = {**ENV, "SYNOPSIS_BATCH_DOCS": "1", "SYNOPSIS_CONFIG": str(tmp_path / "none.toml")}
    args = ["summarize", str(docs), "--db", str(db), "--json", "--engine", "extractive"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", *args, "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    return proc, db


def until_summarized(proc: subprocess.Popen[str], count: int) -> list[dict]:
    events = []
    assert proc.stdout is not None
    for line in proc.stdout:
        events.append(json.loads(line))
        if sum(e["kind"] == "summarized" for e in events) >= count:
            return events
    raise AssertionError(f"the batch ended first: {proc.stderr.read() if proc.stderr else ''}")


def workers_of(proc: subprocess.Popen[str]) -> list[psutil.Process]:
    found = psutil.Process(proc.pid).children(recursive=True)
    assert found, "the batch has extraction workers while it runs"
    return found


@pytest.mark.parametrize(
    ("sig", "code", "said"),
    [(signal.SIGTERM, 143, "Stopped by SIGTERM"), (signal.SIGINT, 130, "Interrupted")],
)
def test_sigterm_and_sigint_close_the_run_with_its_real_counts(tmp_path, sig, code, said) -> None:
    proc, db = start_batch(tmp_path)
    until_summarized(proc, 2)
    workers = workers_of(proc)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == code, err[-2000:]
    last = json.loads(out.strip().splitlines()[-1])
    assert last["kind"] == "interrupted" and said in err
    _gone, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive, "workers end with their batch"
    with Store(db) as store:
        saved = store.count_documents()
        status, summarized = store.conn.execute("SELECT status, summarized FROM runs").fetchone()
        assert status == "cancelled" and summarized == saved == last["summarized"]
        assert 2 <= saved < 30
        assert store.conn.execute("SELECT COUNT(*) FROM summaries").fetchone()[0] == saved


def test_kill_9_leaves_a_run_that_is_marked_interrupted_and_workers_that_end(tmp_path) -> None:
    proc, db = start_batch(tmp_path)
    until_summarized(proc, 2)
    workers = workers_of(proc)
    proc.kill()
    proc.communicate(timeout=60)
    _gone, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive, "workers end when their parent is killed"
    with Store(db) as store:
        status = store.conn.execute("SELECT status FROM runs").fetchone()[0]
        assert status == "interrupted"
        assert store.integrity_ok()


def kill_workers(
    worker: ExtractionWorker, times: int, stop: threading.Event, sig: int = signal.SIGKILL
) -> list[int]:
    """Send ``sig`` to each new worker process as soon as it exists, ``times`` of them."""
    killed: list[int] = []

    def loop() -> None:
        while not stop.is_set() and len(killed) < times:
            pid = worker.pid
            if pid is not None and pid not in killed:
                os.kill(pid, sig)
                killed.append(pid)
            time.sleep(0.002)  # polling the worker's state, not waiting for an outcome

    threading.Thread(target=loop, daemon=True).start()
    return killed


def test_a_killed_worker_is_retried_once(tmp_path) -> None:
    pdf = text_pdf(tmp_path / "fine.pdf", ["A fine memo about the harbour and its repairs."] * 5)
    worker, stop = ExtractionWorker(), threading.Event()
    killed = kill_workers(worker, 1, stop)
    try:
        doc = worker.extract(pdf, None, Limits(timeout_s=60))
    finally:
        stop.set()
        worker.close()
    assert len(killed) == 1 and doc.page_count == 1 and "harbour" in doc.pages[0].text


def test_a_worker_killed_twice_is_named_not_blamed_on_memory(tmp_path) -> None:
    pdf = text_pdf(tmp_path / "fine.pdf", ["A fine memo about the harbour and its repairs."] * 5)
    worker, stop = ExtractionWorker(), threading.Event()
    killed = kill_workers(worker, 2, stop)
    try:
        with pytest.raises(WorkerKilled) as caught:
            worker.extract(pdf, None, Limits(timeout_s=60))
    finally:
        stop.set()
        worker.close()
    assert len(killed) == 2
    assert caught.value.kind == "killed"
    message = caught.value.user_message
    assert "SIGKILL" in message and "twice" in message and "memory bound" not in message


@pytest.mark.parametrize(
    ("sig", "kind", "said"),
    # SIGABRT is the memory bound; a file this small that hits it is called damaged (#22).
    [(signal.SIGSEGV, "malformed", "crashed"), (signal.SIGABRT, "malformed", "MB of memory")],
)
def test_a_crash_or_the_memory_bound_is_not_retried_as_a_kill(tmp_path, sig, kind, said) -> None:
    pdf = text_pdf(tmp_path / "fine.pdf", ["A fine memo about the harbour and its repairs."] * 5)
    worker, stop = ExtractionWorker(), threading.Event()
    killed = kill_workers(worker, 1, stop, sig)
    try:
        with pytest.raises(PdfError) as caught:
            worker.extract(pdf, None, Limits(timeout_s=60))
    finally:
        stop.set()
        worker.close()
    assert len(killed) == 1 and caught.value.kind == kind and said in caught.value.user_message


def test_a_signal_between_a_save_and_its_event_is_counted_from_the_runs_record(
    tmp_path, monkeypatch
) -> None:
    """The race CI met: Ctrl+C lands after a document is saved but before its event reaches
    the CLI's loop. The message and the JSON count what the library holds, not the last event."""
    from click.testing import CliRunner

    from app.cli import cli
    from app.run import Run

    docs = memo_folder(tmp_path / "docs", 4, tag="doc")
    db = tmp_path / "lib.sqlite"
    save, saves = Run.save, []

    def save_then_interrupt(self, *args, **kw):
        event = save(self, *args, **kw)
        saves.append(event)
        if len(saves) == 2:
            raise KeyboardInterrupt  # as a signal handler would, before the event is yielded
        return event

    monkeypatch.setattr(Run, "save", save_then_interrupt)
    monkeypatch.setenv("SYNOPSIS_CONFIG", str(tmp_path / "none.toml"))
    args = ["summarize", str(docs), "--db", str(db), "--json", "--engine", "extractive"]
    result = CliRunner().invoke(cli, [*args, "--workers", "1"])
    assert result.exit_code == 130, result.output
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert last["kind"] == "interrupted" and last["summarized"] == 2
    with Store(db) as store:
        assert store.count_documents() == 2
        assert store.conn.execute("SELECT status, summarized FROM runs").fetchone() == (
            "cancelled",
            2,
        )
