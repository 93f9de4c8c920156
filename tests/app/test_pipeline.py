import os
import shutil
from pathlib import Path

import pypdf
import pytest

from app import pipeline
from app.discover import discover
from app.settings import Settings
from app.store import Store


def run(paths, settings, store, **kw):
    return list(pipeline.run(paths, settings, store, **kw))


def last(events):
    return events[-1]


def test_folder_is_summarized_and_searchable(folder, settings, store) -> None:
    events = run([folder], settings, store)
    kinds = [e.kind for e in events]
    assert kinds[0] == "start" and "estimate" in kinds and kinds[-1] == "done"
    assert (last(events).summarized, last(events).failed) == (3, 0)
    assert store.count_documents() == 3
    assert store.search("electric vans")[0].title.startswith("Northwind")
    estimate = next(e for e in events if e.kind == "estimate")
    assert estimate.pages_total == 5 and "3 document(s)" in estimate.message


def test_copies_and_renames_are_one_document(folder, settings, store) -> None:
    shutil.copy(folder / "library-committee-notes.pdf", folder / "copy-of-notes.pdf")
    (folder / "sub").mkdir()
    shutil.copy(folder / "library-committee-notes.pdf", folder / "sub" / "renamed.pdf")
    events = run([folder], settings, store)
    assert last(events).summarized == 3
    assert store.count_documents() == 3
    notes = next(r for r in store.recent() if r.title.startswith("Library Committee"))
    assert len(store.detail(notes.id).paths) == 3


def test_rerun_skips_finished_documents(folder, settings, store) -> None:
    run([folder], settings, store)
    events = run([folder], settings, store)
    assert (last(events).summarized, last(events).skipped) == (0, 3)


def test_changed_summary_key_summarizes_again(folder, settings, store) -> None:
    run([folder], settings, store)
    events = run([folder], settings.with_(length="short"), store)
    assert last(events).summarized == 3
    doc = store.recent()[0]
    assert {s.length for s in store.detail(doc.id).summaries} == {"medium", "short"}


def test_failures_are_recorded_and_the_batch_carries_on(folder, settings, store, make_pdf) -> None:
    (folder / "broken.pdf").write_text("not a pdf")
    locked = folder / "locked.pdf"
    writer = pypdf.PdfWriter(
        clone_from=str(make_pdf("p.pdf", ["Secret plans for the harbour are described in detail."]))
    )
    writer.encrypt("pw123", algorithm="AES-128")
    with locked.open("wb") as fh:
        writer.write(fh)
    events = run([folder], settings, store)
    assert (last(events).summarized, last(events).failed) == (3, 2)
    kinds = {Path(f.path).name: f.kind for f in store.failures()}
    assert kinds == {"broken.pdf": "not-pdf", "locked.pdf": "encrypted"}
    # retry with the password: the encrypted one succeeds, its failure is resolved
    events = run([f.path for f in store.failures()], settings, store, password="pw123")
    assert last(events).summarized == 1
    assert [Path(f.path).name for f in store.failures()] == ["broken.pdf"]


def test_symlink_loops_are_safe(folder) -> None:
    os.symlink(folder, folder / "loop")
    found = discover([folder])
    assert len(found) == 3


def test_include_and_exclude_globs(folder) -> None:
    assert [p.name for p in discover([folder], exclude=["*notes*"])] == [
        "northwind-quarterly-report.pdf",
        "synopsis-user-guide.pdf",
    ]
    assert [p.name for p in discover([folder], include=["synopsis-*.pdf"])] == [
        "synopsis-user-guide.pdf"
    ]
    (folder / "deep").mkdir()
    shutil.copy(folder / "synopsis-user-guide.pdf", folder / "deep" / "x.pdf")
    assert len(discover([folder], recursive=False)) == 3


def test_cancel_stops_cleanly_and_leaves_the_library_consistent(folder, settings, store) -> None:
    calls = {"n": 0}

    def cancel_after_first_extraction() -> bool:
        calls["n"] += 1
        return calls["n"] > 1

    events = run(
        [folder], settings.with_(batch_docs=1), store, should_cancel=cancel_after_first_extraction
    )
    assert events[-1].kind == "cancelled"
    assert store.count_documents() <= 1
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    status = store.conn.execute("SELECT status FROM runs").fetchone()[0]
    assert status == "cancelled"
    saved = store.count_documents()
    rerun = last(run([folder], settings, store))
    assert (rerun.summarized, rerun.skipped) == (3 - saved, saved)


def test_abstractive_pipeline_checkpoints_chunks(folder, tmp_path, tiny_t5) -> None:
    settings = Settings(
        db=tmp_path / "a.sqlite",
        engine="abstractive",
        model=str(tiny_t5),
        backend="torch",
        workers=1,
        num_beams=1,
    )
    with Store(settings.db) as store:
        events = run([folder], settings, store)
        assert last(events).summarized == 3
        assert store.conn.execute("SELECT COUNT(*) FROM chunk_cache").fetchone()[0] >= 3
        summary = store.detail(store.recent()[0].id).summaries[0]
        assert (summary.method, summary.runtime) == ("abstractive", "torch")
        assert any(e.kind == "chunks" for e in events)


def test_missing_path_is_a_usage_error_never_a_document_failure(tmp_path, settings, store) -> None:
    from app.discover import MissingPaths

    with pytest.raises(MissingPaths, match=r"missing\.pdf.*check the spelling"):
        list(run([tmp_path / "missing.pdf"], settings, store))
    assert store.failures() == []
