import pytest

from app.store import InvalidQuery, Store
from app.store.schema import MIGRATIONS
from ingestion import document_sentences, read_pdf
from summarizer.base import SummaryOptions
from summarizer.engines import DocInput
from summarizer.extractive import ExtractiveEngine
from tests.ingestion.test_sentences import _python


def summarize(doc, length="medium"):
    item = DocInput(doc.sha256, tuple(document_sentences(doc)), len(doc.usable_pages))
    return ExtractiveEngine().summarize_one(item, SummaryOptions(length=length))


@pytest.fixture
def guide(make_pdf):
    return read_pdf(
        make_pdf(
            "guide.pdf",
            [
                "The café serves coffee to the travelling researchers every morning before work.",
                "Researchers read many documents about rivers, bridges and the town history.",
            ]
            * 6,
            title="Field Guide to Rivers",
        )
    )


def test_save_and_read_back(store: Store, guide) -> None:
    doc_id = store.save(guide, summarize(guide))
    detail = store.detail(doc_id)
    assert detail.title == "Field Guide to Rivers" and detail.page_count == guide.page_count
    (summary,) = detail.summaries
    assert summary.method == "extractive" and summary.parts and summary.pages
    assert store.page_text(doc_id, 1) == guide.pages[0].text
    assert store.recent()[0].id == doc_id


def test_same_bytes_at_two_paths_is_one_document(store: Store, guide, tmp_path) -> None:
    doc_id = store.save(guide, summarize(guide), str(tmp_path / "a.pdf"))
    assert store.note_path(guide.sha256, str(tmp_path / "copy.pdf"))
    assert store.count_documents() == 1
    assert sorted(store.detail(doc_id).paths) == sorted(
        [str(tmp_path / "a.pdf"), str(tmp_path / "copy.pdf")]
    )


def test_saving_again_replaces_rather_than_duplicates(store: Store, guide) -> None:
    store.save(guide, summarize(guide))
    doc_id = store.save(guide, summarize(guide))
    count = store.conn.execute(
        "SELECT COUNT(*) FROM pages WHERE document_id = ?", (doc_id,)
    ).fetchone()[0]
    assert count == guide.page_count
    assert len(store.detail(doc_id).summaries) == 1
    rows = store.conn.execute(
        "SELECT COUNT(*) FROM search_index WHERE document_id = ? AND kind = 'title'", (doc_id,)
    ).fetchone()[0]
    assert rows == 1


def test_a_new_summary_key_adds_a_summary(store: Store, guide) -> None:
    doc_id = store.save(guide, summarize(guide, "medium"))
    store.save(guide, summarize(guide, "short"))
    assert {s.length for s in store.detail(doc_id).summaries} == {"medium", "short"}


def test_search_ranks_title_hits_first_and_says_where(store: Store, guide, make_pdf) -> None:
    other = read_pdf(
        make_pdf(
            "o.pdf",
            [
                "Rivers are mentioned once here among other things "
                "like bridges and roads and many other words."
            ],
            title="Road Atlas",
        )
    )
    store.save(other, summarize(other))
    store.save(guide, summarize(guide))
    hits = store.search("rivers")
    assert [h.title for h in hits] == ["Field Guide to Rivers", "Road Atlas"]
    assert hits[0].where == "title" and ("Rivers", True) in hits[0].parts
    assert hits[1].where in ("summary", "page 1") and ("Rivers", True) in hits[1].parts
    assert hits[0].score > hits[1].score


def test_search_folds_diacritics(store: Store, guide) -> None:
    store.save(guide, summarize(guide))
    assert store.search("cafe") and store.search("café")


def test_stray_syntax_is_searched_as_words(store: Store, guide) -> None:
    store.save(guide, summarize(guide))
    for typed in ['"rivers', "((rivers", "rivers:", "rivers*)"]:
        assert [h.title for h in store.search(typed)] == ["Field Guide to Rivers"], typed
    with pytest.raises(InvalidQuery, match="no words or numbers to look for"):
        store.search("((")


def test_result_sets_are_bounded(store: Store, guide) -> None:
    store.save(guide, summarize(guide))
    assert len(store.search("rivers", limit=10**6)) == 1


def test_failures_are_recorded_and_resolved_by_success(store: Store, guide) -> None:
    store.record_failure(guide.path, "encrypted", "needs a password")
    store.record_failure(guide.path, "encrypted", "needs a password (again)")
    (f,) = store.failures()
    assert f.kind == "encrypted" and "again" in f.message
    store.save(guide, summarize(guide))
    assert store.failures() == []


def test_chunk_cache_round_trip(store: Store) -> None:
    store.put_many({"k1": "one", "k2": "two"})
    assert store.get_many(["k1", "k3", "k2"]) == {"k1": "one", "k2": "two"}


def test_schema_is_versioned_and_reopening_is_idempotent(tmp_path) -> None:
    path = tmp_path / "lib.sqlite"
    Store(path).close()
    with Store(path) as again:
        names = [r[0] for r in again.conn.execute("SELECT name FROM migrations")]
        assert names == [name for name, _ in MIGRATIONS]
        assert again.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_library_that_is_not_sqlite_gets_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "lib.sqlite"
    bad.write_text("not a database " * 100)
    from app.store import LibraryError

    with pytest.raises(LibraryError, match="cannot be opened"):
        Store(bad)
    assert bad.read_text() == "not a database " * 100  # the user's file is left as it was


def test_very_common_terms_are_ranked_within_the_newest_window(
    store: Store, guide, monkeypatch
) -> None:
    from app.store import search as search_mod

    monkeypatch.setattr(search_mod, "RANK_WINDOW", 2)
    store.save(guide, summarize(guide))
    hits = store.search("rivers")  # matches title, summary and pages: more than 2 rows
    assert len(hits) == 1 and hits[0].document_id == store.recent()[0].id


def _as_before_011(path) -> None:
    """Turn a library back into one from before migration 011 (#23): summaries named
    ``engine`` and ``backend``, the extractive method standing in as its own backend."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE summaries RENAME COLUMN method TO engine")
    conn.execute("ALTER TABLE summaries RENAME COLUMN runtime TO backend")
    conn.execute("UPDATE summaries SET backend = 'extractive' WHERE engine = 'extractive'")
    conn.execute("DELETE FROM migrations WHERE name = '011_method_and_runtime'")
    conn.commit()
    conn.close()


def _old_library(tmp_path, guide, make_pdf):
    """A library from before 011 holding an extractive summary and a torch one."""
    from dataclasses import replace

    path = tmp_path / "old.sqlite"
    other = read_pdf(make_pdf("other.pdf", ["Bridges cross the river near the old mill."] * 8))
    with Store(path) as store:
        store.save(guide, summarize(guide))
        made = replace(summarize(other), method="abstractive", runtime="torch", model="t5-small")
        store.save(other, made)
        keys = dict(store.conn.execute("SELECT document_id, summary_key FROM summaries"))
    _as_before_011(path)
    return path, other, keys


def test_migration_011_names_method_and_runtime_and_keeps_keys(tmp_path, guide, make_pdf) -> None:
    path, other, keys = _old_library(tmp_path, guide, make_pdf)
    with Store(path) as store:
        columns = [r[1] for r in store.conn.execute("PRAGMA table_info(summaries)")]
        assert {"method", "runtime"} <= set(columns) and not {"engine", "backend"} & set(columns)
        assert dict(store.conn.execute("SELECT document_id, summary_key FROM summaries")) == keys
        by_doc = {r.sha256: store.detail(r.id).summaries[0] for r in store.recent()}
        extractive, torch = by_doc[guide.sha256], by_doc[other.sha256]
        assert (extractive.method, extractive.runtime) == ("extractive", "")
        assert (torch.method, torch.runtime) == ("abstractive", "torch")
        # A rerun with the same settings still finds the stored summary (nothing redone).
        assert store.has_summary(guide.sha256, ExtractiveEngine().key(SummaryOptions()))


def test_recovering_a_library_from_before_011_keeps_its_summaries(
    tmp_path, guide, make_pdf
) -> None:
    from app.store.recover import recover_rows

    path, _other, _keys = _old_library(tmp_path, guide, make_pdf)
    target = tmp_path / "recovered.sqlite"
    result = recover_rows(path, target)
    assert result.tables["summaries"].copied == 2 and not result.tables["summaries"].orphans
    with Store(target) as store:
        rows = sorted(store.conn.execute("SELECT method, runtime FROM summaries"))
        assert rows == [("abstractive", "torch"), ("extractive", "")]


def test_the_library_opens_without_importing_pandas(tmp_path) -> None:
    """sqlite-utils imports pandas (about 1 s) for a column type the library never stores: it is
    refused to sqlite-utils alone, the library works, and pandas stays importable (#23)."""
    code = (
        "import sys\n"
        "from app.store import Store\n"
        f"with Store({str(tmp_path / 'lib.sqlite')!r}) as store:\n"
        "    print(len(store.recent()))\n"
        "print('pandas' in sys.modules)\n"
        "import pandas\n"
        "print('pandas importable')\n"
    )
    assert _python(code) == ["0", "False", "pandas importable"]
