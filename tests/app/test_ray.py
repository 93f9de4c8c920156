"""`summarize --ray`: the batch as Ray Data stages on a real local Ray cluster of two nodes."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from app import pipeline
from app.cli import cli
from app.settings import Settings
from app.store import Store

ray = pytest.importorskip("ray", reason="Ray is the `ray` extra; `make test` installs it")


@pytest.fixture(scope="module")
def cluster():
    """A head node and a worker node, one CPU each: two machines as Ray sees them."""
    from ray.cluster_utils import Cluster

    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    c.add_node(num_cpus=1)
    c.wait_for_nodes()
    yield c
    c.shutdown()


def summaries(db: Path) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT d.sha256, s.text, s.runtime FROM documents d JOIN summaries s"
            " ON s.document_id = d.id"
        ).fetchall()
    return {sha: (text, runtime) for sha, text, runtime in rows}


def events(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_ray_batch_matches_the_local_pipeline_and_resumes(cluster, folder, tmp_path) -> None:
    shutil.copy(folder / "northwind-quarterly-report.pdf", folder / "copy-of-northwind.pdf")
    whole = (folder / "synopsis-user-guide.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    local_db = tmp_path / "local.sqlite"
    settings = Settings(db=local_db, engine="extractive", workers=1)
    with Store(local_db) as store:
        list(pipeline.run([folder], settings, store))

    ray_db = tmp_path / "ray.sqlite"
    args = ["summarize", str(folder), "--db", str(ray_db), "--engine", "extractive"]
    args += ["--ray", cluster.address, "--workers", "2", "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output  # the truncated file is a new failure
    got = events(result.output)
    kinds = [e["kind"] for e in got]
    assert "Ray cluster: 2 node(s), 2 CPU(s)" in " ".join(e.get("message", "") for e in got)
    assert kinds.count("summarized") == 3 and kinds.count("failed") == 1
    failed = next(e for e in got if e["kind"] == "failed")
    assert failed["error_kind"] == "malformed" and failed["path"].endswith("truncated.pdf")
    assert got[-1]["kind"] == "done" and got[-1]["summarized"] == 3

    # Same documents, same summaries, the copy noted under its document, the failure stored.
    assert summaries(ray_db) == summaries(local_db)
    with Store(ray_db) as store:
        assert [f.kind for f in store.failures()] == ["malformed"]
        paths = {r.path for r in store.recent()}
    with sqlite3.connect(ray_db) as con:
        noted = {p for (p,) in con.execute("SELECT path FROM document_paths")}
        runs = con.execute("SELECT summarized, failed, status FROM runs").fetchall()
    assert str(folder / "copy-of-northwind.pdf") in noted and len(noted) == 4 and paths
    assert runs == [(3, 1, "done")]

    # A rerun skips everything stored and duplicates nothing.
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0, again.output  # only the known failure failed again
    kinds = [e["kind"] for e in events(again.output)]
    assert kinds.count("skipped") == 3 and "summarized" not in kinds
    assert summaries(ray_db) == summaries(local_db)


def test_ray_actors_hold_a_loaded_t5(cluster, folder, tmp_path, tiny_t5) -> None:
    db = tmp_path / "t5.sqlite"
    args = ["summarize", str(folder), "--db", str(db), "--model", str(tiny_t5)]
    args += ["--backend", "torch", "--engine", "abstractive", "--ray", cluster.address, "--json"]
    args += ["--workers", "1"]  # one reader and one summarizer actor: one CPU each (#23)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    stored = summaries(db)
    assert len(stored) == 3
    assert {runtime for _text, runtime in stored.values()} == {"torch"}
    assert all(text.strip() for text, _backend in stored.values())


def test_unreachable_cluster_is_a_clear_error_that_stores_nothing(folder, tmp_path) -> None:
    db = tmp_path / "none.sqlite"
    args = ["summarize", str(folder), "--db", str(db), "--engine", "extractive"]
    result = CliRunner().invoke(cli, [*args, "--ray", "127.0.0.1:1"])
    assert result.exit_code != 0
    assert "No Ray cluster answers at 127.0.0.1:1" in result.output
    assert "Traceback" not in result.output
    assert summaries(db) == {}


def test_without_ray_installed_the_message_says_what_to_install(monkeypatch) -> None:
    import sys

    from app import ray_batch

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(ray_batch.RayUnavailable, match=r"pip install 'synopsis\[ray\]'"):
        ray_batch.connect("local", 1)
