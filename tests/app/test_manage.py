"""Managing the library (#26): remove, compact, correct, tag, relink — on real libraries."""

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.files import missing_documents
from app.settings import Settings
from app.store import Store
from tests.conftest import memo_folder, text_pdf


def invoke(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "manage.sqlite"


@pytest.fixture
def library(folder, db) -> dict[str, int]:
    """The three samples summarized; their ids by a word of their title."""
    result = invoke("summarize", folder, "--db", db, "--engine", "extractive")
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        return {r.title.split()[0]: r.id for r in store.recent()}


def ids_found(db: Path, query: str, *extra: str) -> list[int]:
    """Documents whose indexed words match (by meaning, any document may come close)."""
    out = invoke("search", query, "--db", db, "--json", "--mode", "keyword", *extra)
    assert out.exit_code == 0, out.output
    return [h["document_id"] for h in json.loads(out.output)]


def rows_of(store: Store, doc_id: int) -> dict[str, int]:
    tables = ("pages", "summaries", "document_paths", "search_index", "search_cjk")
    return {
        t: store.conn.execute(
            f"SELECT COUNT(*) FROM {t} WHERE document_id = ?", (doc_id,)
        ).fetchone()[0]
        for t in tables
    }


# -- remove and compact -----------------------------------------------------------------------


def test_rm_removes_everything_stored_and_search_never_finds_it(library, db, folder) -> None:
    doc = library["Northwind"]
    assert ids_found(db, "spoilage") == [doc]
    with Store(db) as store:
        store.record_failure(str(folder / "northwind-quarterly-report.pdf"), "malformed", "x")
        before = rows_of(store, doc)
    assert before["pages"] and before["summaries"] and before["search_index"]

    dry = invoke("rm", doc, "--db", db, "--dry-run")
    assert dry.exit_code == 0 and "Would remove: Northwind Cooperative" in dry.output
    assert ids_found(db, "spoilage") == [doc]

    result = invoke("rm", doc, "--db", db)
    assert result.exit_code == 0, result.output
    assert "Removed: Northwind Cooperative" in result.output
    assert f"{before['search_index']} search entries" in result.output
    assert "1 recorded failure" in result.output and "not touched" in result.output

    assert ids_found(db, "spoilage") == []
    assert ids_found(db, "Northwind") == []
    with Store(db) as store:
        assert set(rows_of(store, doc).values()) == {0}
        assert store.failures() == []
        assert store.count_documents() == 2
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # The FTS index agrees with its content: no row points at a missing document.
        orphans = store.conn.execute(
            "SELECT COUNT(*) FROM search_index WHERE document_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        assert orphans == 0
    assert (folder / "northwind-quarterly-report.pdf").is_file()  # the PDF stays


def test_rm_of_an_unknown_id_changes_nothing(library, db) -> None:
    result = invoke("rm", library["Northwind"], 999, "--db", db)
    assert result.exit_code == 2
    assert "No document 999 in the library; nothing was changed" in result.output
    with Store(db) as store:
        assert store.count_documents() == 3


def test_undo_puts_a_removal_back_with_its_tags_and_search(library, db) -> None:
    doc = library["Northwind"]
    with Store(db) as store:
        store.tag([doc], "reports")
        before = rows_of(store, doc)
        detail = store.detail(doc)
        removed = store.remove([doc])
        assert store.detail(doc) is None and store.tags() == []
        store.restore(removed)
        assert rows_of(store, doc) == before
        assert store.detail(doc) == detail
        assert store.tags() == [("reports", 1)]
    assert ids_found(db, "spoilage") == [doc]


def test_undo_after_the_same_file_came_back_says_so_and_changes_nothing(
    library, db, folder
) -> None:
    from ingestion.errors import AppError

    with Store(db) as store:
        removed = store.remove([library["Northwind"]])
    again = invoke("summarize", folder, "--db", db, "--engine", "extractive")
    assert "1 summarized, 2 skipped" in again.output
    with Store(db) as store:
        with pytest.raises(AppError, match="cannot be put back: the library changed since"):
            store.restore(removed)
        assert store.count_documents() == 3
    assert len(ids_found(db, "spoilage")) == 1


def test_compact_gives_back_the_space_of_removed_documents(tmp_path, db) -> None:
    folder = memo_folder(tmp_path / "many", 6, tag="tidal", repeat=60)
    assert invoke("summarize", folder, "--db", db, "--engine", "extractive").exit_code == 0
    with Store(db) as store:
        ids = [r.id for r in store.recent()]
    assert invoke("rm", *ids[:5], "--db", db).exit_code == 0
    out = invoke("library", "compact", "--db", db)
    assert out.exit_code == 0, out.output
    before, after = (
        float(x.split()[0]) for x in out.output.split(": ", 1)[1].split(" (")[0].split(" -> ")
    )
    assert after < before and "freed" in out.output
    assert ids_found(db, "tidal") == ids[5:]


# -- corrections ------------------------------------------------------------------------------


def test_corrections_survive_resummarizing_and_an_engine_version_change(
    library, db, folder, monkeypatch
) -> None:
    doc = library["Library"]
    out = invoke(
        "edit", doc, "--db", db, "--title", "Minutes of the Reading Room Board",
        "--author", "Ada Quill", "--author", "Ben Marsh", "--date", "2019-04-02",
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "set by hand: title, authors, date" in out.output

    again = invoke("summarize", folder, "--db", db, "--engine", "extractive", "--length", "short")
    assert "3 summarized" in again.output  # a new summary key reads every PDF again
    import summarizer.base

    monkeypatch.setattr(summarizer.base, "ENGINE_VERSION", "next")
    again = invoke("summarize", folder, "--db", db, "--engine", "extractive")
    assert "3 summarized" in again.output

    with Store(db) as store:
        detail = store.detail(doc)
        assert len(detail.summaries) == 3
    assert detail.title == "Minutes of the Reading Room Board"
    assert detail.authors == ["Ada Quill", "Ben Marsh"]
    assert detail.metadata["created"] == "2019-04-02"
    assert set(detail.corrected) == {"title", "authors", "date"}
    hits = json.loads(invoke("search", "reading room board", "--db", db, "--json").output)
    assert hits[0]["document_id"] == doc and hits[0]["where"] == "title"
    assert ids_found(db, "Quill") == [doc]

    reset = invoke("edit", doc, "--db", db, "--reset", "title", "--reset", "authors")
    assert reset.exit_code == 0
    with Store(db) as store:
        detail = store.detail(doc)
    assert detail.title == "Library Committee Meeting Notes" and detail.corrected == ("date",)
    assert ids_found(db, "Quill") == [] and ids_found(db, "reading room board") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "2019-13-01"), "is not a date; write it as YYYY"),
        (("--title", "   "), "A title cannot be empty"),
        ((), "Give --title, --author, --date or --reset"),
    ],
)
def test_bad_corrections_are_refused_clearly(library, db, args, message) -> None:
    out = invoke("edit", library["Library"], "--db", db, *args)
    assert out.exit_code == 2 and message in out.output
    with Store(db) as store:
        assert store.detail(library["Library"]).corrected == ()


# -- tags -------------------------------------------------------------------------------------


def test_tags_filter_list_search_and_export(library, db, tmp_path) -> None:
    north, guide = library["Northwind"], library["Synopsis"]
    assert (
        "Tagged 2 documents 'q3 review'"
        in invoke("tag", north, guide, "q3 review", "--db", db).output
    )
    invoke("tag", guide, "manuals", "--db", db)
    assert invoke("tags", "--db", db).output.split("\n")[:2] == [
        f"{'manuals':30} {1:>5}",
        f"{'q3 review':30} {2:>5}",
    ]

    listed = invoke("list", "--db", db, "--tag", "q3 review", "--json").output
    assert {r["id"] for r in json.loads(listed)} == {north, guide}
    assert ids_found(db, "library OR spoilage OR guide") != ids_found(
        db, "library OR spoilage OR guide", "--tag", "manuals"
    )
    assert ids_found(db, "library OR spoilage OR guide", "--tag", "manuals") == [guide]

    out = tmp_path / "exp"
    invoke("export", "--db", db, "--format", "json", "--out", out, "--tag", "q3 review")
    records = json.loads((out / "synopsis-library.json").read_text())
    assert {r["id"] for r in records} == {north, guide}
    assert {tuple(r["tags"]) for r in records} == {("q3 review",), ("manuals", "q3 review")}
    invoke("export", "--db", db, "--format", "csv", "--out", out, "--tag", "manuals")
    with (out / "synopsis-library.csv").open() as fh:
        assert [r["tags"] for r in csv.DictReader(fh)] == ["manuals, q3 review"]
    invoke("export", "--db", db, "--format", "md", "--out", out, "--tag", "manuals")
    assert "Tags: manuals, q3 review" in (out / "synopsis-library.md").read_text()

    assert (
        "Took 'q3 review' off 1 document" in invoke("untag", north, "q3 review", "--db", db).output
    )
    bad = invoke("list", "--db", db, "--tag", "q3 reveiw")
    assert bad.exit_code == 2 and "No document has the tag 'q3 reveiw'" in bad.output


def test_summarize_and_watch_tag_what_they_add(folder, db, tmp_path) -> None:
    out = invoke("summarize", folder, "--db", db, "--engine", "extractive", "--tag", "inbox")
    assert out.exit_code == 0
    more = tmp_path / "more"
    more.mkdir()
    text_pdf(more / "a.pdf", ["The orchard yields were counted again in May."] * 8, title="Orchard")
    shutil.copy(folder / "synopsis-user-guide.pdf", more / "guide-copy.pdf")
    invoke("summarize", more, "--db", db, "--engine", "extractive", "--tag", "batch two")
    with Store(db) as store:
        assert dict(store.tags()) == {"inbox": 3, "batch two": 2}  # the copy is met, and tagged

    from app.watch import watch_folder

    watched = tmp_path / "watched"
    watched.mkdir()
    text_pdf(watched / "w.pdf", ["Watched folders summarize what lands in them."] * 8, title="W")
    settings = Settings(db=db, engine="extractive", workers=1, tags=("watched",))
    with Store(db) as store:
        events = list(watch_folder(watched, settings, store, stop=lambda: True))
        assert [e.kind for e in events if e.kind == "summarized"] == ["summarized"]
        assert [r.path for r in store.recent(tag="watched")] == [str(watched / "w.pdf")]


def test_a_tag_with_a_comma_is_refused(library, db, folder, monkeypatch) -> None:
    out = invoke("tag", library["Library"], "a,b", "--db", db)
    assert out.exit_code == 2 and "cannot be a tag" in out.output
    out = invoke("summarize", "x.pdf", "--db", db, "--tag", "", "--engine", "extractive")
    assert out.exit_code == 2 and "cannot be a tag" in out.output
    monkeypatch.setenv("SYNOPSIS_TAGS", "ok, ")  # settings are checked before a run starts
    out = invoke("summarize", folder, "--db", db, "--engine", "extractive", "--length", "short")
    assert out.exit_code == 2 and "cannot be a tag" in out.output
    with Store(db) as store:
        runs = store.conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
        assert store.tags() == [] and runs == 1  # only the fixture's run


# -- files on disk ----------------------------------------------------------------------------


def test_check_reports_missing_files_and_relink_follows_a_moved_folder(
    library, db, folder, tmp_path
) -> None:
    assert invoke("library", "check", "--db", db).exit_code == 0
    moved = tmp_path / "archive" / "docs"
    moved.parent.mkdir()
    shutil.move(folder, moved)
    (moved / "synopsis-user-guide.pdf").rename(moved / "guide (renamed).pdf")
    (moved / "library-committee-notes.pdf").unlink()
    text_pdf(moved / "library-committee-notes.pdf", ["Other bytes under the old name."] * 6)

    check = invoke("library", "check", "--db", db)
    assert check.exit_code == 1
    assert "3 documents without a file on disk" in check.output
    assert f"[{library['Northwind']}] Northwind" in check.output

    result = invoke("relink", folder, moved, "--db", db)
    assert result.exit_code == 0, result.output
    assert "2 documents relinked, 1 not found" in result.output
    assert "holds other bytes now: not linked" in result.output
    with Store(db) as store:
        assert [m.id for m in missing_documents(store)] == [library["Library"]]
        guide = store.detail(library["Synopsis"])
    assert guide.paths[0] == str(moved / "guide (renamed).pdf")
    assert str(folder / "synopsis-user-guide.pdf") in guide.paths  # every path is remembered
    hits = json.loads(invoke("search", "spoilage", "--db", db, "--json").output)
    assert hits[0]["path"] == str(moved / "northwind-quarterly-report.pdf")
    assert "(missing)" in invoke("show", library["Library"], "--db", db).output


def test_relink_to_a_folder_that_is_not_there_says_so(library, db, folder, tmp_path) -> None:
    out = invoke("relink", folder, tmp_path / "nowhere", "--db", db)
    assert out.exit_code == 2 and "is not a folder" in out.output


def test_a_library_from_before_008_gains_tags_and_searchable_authors(library, db) -> None:
    import sqlite3

    doc = library["Library"]
    conn = sqlite3.connect(db, isolation_level=None)
    conn.executescript(
        f"""
        DELETE FROM migrations WHERE name = '008_library_management';
        DROP TABLE document_tags;
        DROP TABLE tags;
        ALTER TABLE documents DROP COLUMN corrected;
        DELETE FROM search_index WHERE kind = 'authors';
        UPDATE documents SET authors = '["Ada Quill"]' WHERE id = {doc};
        """
    )
    conn.close()
    with Store(db) as store:
        assert store.count_documents() == 3
        assert [h.document_id for h in store.search("Quill")] == [doc]
        assert store.tag([doc], "old") == 1 and store.detail(doc).corrected == ()
