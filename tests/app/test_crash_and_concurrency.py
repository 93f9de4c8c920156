"""Killing a batch mid-run loses nothing and duplicates nothing; two writers share a library."""

import json
import os
import signal
import subprocess
import sys
import textwrap

from app.store import Store
from tests.app.conftest import CLI_ENV
from tests.conftest import memo_folder, text_pdf

ENV = CLI_ENV
DOCS = 8  # the batch killed after its third: five left to go is room enough (#23: 16 before)


def test_sigkill_midway_then_rerun_loses_and_duplicates_nothing(tmp_path, tiny_t5) -> None:
    docs = tmp_path / "docs"
    memo_folder(docs, DOCS, tag="doc", repeat=8)
    db = tmp_path / "lib.sqlite"
    cmd = [
        sys.executable,
        "-m",
        "app.cli",
        "summarize",
        str(docs),
        "--db",
        str(db),
        "--json",
        "--engine",
        "abstractive",
        "--model",
        str(tiny_t5),
        "--backend",
        "torch",
        "--beams",
        "1",
        "--workers",
        "1",
    ]
    env = {**ENV, "SYNOPSIS_BATCH_DOCS": "1", "SYNOPSIS_CONFIG": str(tmp_path / "none.toml")}
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    seen = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        if json.loads(line)["kind"] == "summarized":
            seen += 1
            if seen == 3:
                os.killpg(proc.pid, signal.SIGKILL)
                break
    proc.wait(30)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    with Store(db) as store:
        saved = store.count_documents()
        assert 3 <= saved < DOCS
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.conn.execute("SELECT COUNT(*) FROM summaries").fetchone()[0] == saved

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    done = json.loads(rerun.stdout.strip().splitlines()[-1])
    assert (done["kind"], done["skipped"], done["summarized"]) == ("done", saved, DOCS - saved)
    with Store(db) as store:
        assert store.count_documents() == DOCS
        assert store.conn.execute("SELECT COUNT(*) FROM summaries").fetchone()[0] == DOCS
        assert (
            store.conn.execute("SELECT COUNT(DISTINCT sha256) FROM documents").fetchone()[0] == DOCS
        )


WRITER = textwrap.dedent("""
    import sys
    from app.store import Store
    from ingestion import read_pdf
    doc = read_pdf(sys.argv[2], isolate=False)
    with Store(sys.argv[1]) as store:
        for i in range(60):
            store.save(doc, None, f"{sys.argv[3]}-{i}.pdf")
            store.record_failure(f"{sys.argv[3]}-bad-{i}.pdf", "malformed", "broken")
            store.put_many({f"{sys.argv[3]}-{i}": "x" * 1000})
    print("ok")
""")


def test_two_processes_write_one_library_without_locking_errors(tmp_path) -> None:
    db = tmp_path / "shared.sqlite"
    Store(db).close()
    pdf_a = text_pdf(tmp_path / "a.pdf", ["Alpha writes many rows into the library."] * 30)
    pdf_b = text_pdf(tmp_path / "b.pdf", ["Beta writes many rows into the same library."] * 30)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(pdf), tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        for pdf, tag in ((pdf_a, "a"), (pdf_b, "b"))
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0 and "locked" not in err, err[-2000:]
        assert out.strip() == "ok"
    with Store(db) as store:
        assert store.count_documents() == 2
        paths = store.conn.execute("SELECT COUNT(*) FROM document_paths").fetchone()[0]
        assert paths == 120
        assert len(store.failures()) == 120
