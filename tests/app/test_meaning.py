"""Finding by meaning (#24): passages, the migration, backfill, hybrid search, similar, ask.

The embedder is the real packaged all-MiniLM-L6-v2; libraries are real SQLite files filled
from PDFs built here.
"""

import json
import os
import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner

from app import meaning, pipeline
from app.ask import NOT_FOUND, ask
from app.cli import cli
from app.store import Store
from app.store.hybrid import MIN_COSINE, WORDS_WEIGHT, fuse
from summarizer.passages import MAX_WORDS, covered, make_passages
from tests.conftest import memo_folder, text_pdf

pytestmark = pytest.mark.skipif(
    meaning.unavailable_reason() is not None, reason=str(meaning.unavailable_reason())
)

TELEWORK = [
    "Telework arrangements spread quickly across the agency during the last two years.",
    "Staff who worked from their homes produced more output per hour than office staff.",
    "Managers reported fewer interruptions and shorter meetings for employees at home.",
    "The survey covered four hundred clerks in six regional offices of the department.",
] * 3
HARBOUR = [
    "The harbour authority dredged the northern channel so that larger ships can dock.",
    "Tides and silt had narrowed the entrance, and two freighters ran aground last spring.",
    "The new breakwater protects the moorings from winter storms coming from the sea.",
] * 3
BAKERY = [
    "Sourdough bread rises slowly because wild yeast and lactic bacteria ferment the dough.",
    "Bakers feed the starter with flour and water every day to keep the culture active.",
    "A long cold proof in the refrigerator gives the loaf a more sour and complex taste.",
] * 3


@pytest.fixture
def settings(settings):
    """Every document embedded at summarize time, however long embedding takes here."""
    return settings.with_(embed_budget=float("inf"))


@pytest.fixture
def library(tmp_path, settings):
    """Three documents on unrelated subjects, summarized with passages embedded."""
    docs = tmp_path / "docs"
    docs.mkdir()
    text_pdf(docs / "telework.pdf", TELEWORK, title="Agency workplace review")
    text_pdf(docs / "harbour.pdf", HARBOUR, title="Harbour channel works")
    text_pdf(docs / "bakery.pdf", BAKERY, title="Notes from the bakery")
    with Store(settings.db) as store:
        events = list(pipeline.run([docs], settings, store))
        assert events[-1].summarized == 3
        yield store


def doc_id(store: Store, title: str) -> int:
    return int(
        store.conn.execute("SELECT id FROM documents WHERE title = ?", (title,)).fetchone()[0]
    )


def test_passages_keep_pages_and_stay_within_the_embedders_reach() -> None:
    long_page = " ".join(
        f"Sentence number {i} talks about the quarterly budget." for i in range(80)
    )
    passages = make_passages(
        [(3, long_page), (4, "Short closing note on page four here.")], "english"
    )
    assert {p.page for p in passages} == {3, 4}
    assert all(len(p.text.split()) <= MAX_WORDS for p in passages)
    assert " ".join(p.text for p in passages if p.page == 3) == long_page


def test_summarize_embeds_passages_and_meaning_finds_what_words_miss(library: Store) -> None:
    assert library.unindexed(meaning.MODEL) == []
    assert library.passage_count() >= 3
    query = "effects of remote work on productivity"
    by_words = meaning.search(library, query, "keyword")
    assert all(h.title != "Agency workplace review" for h in by_words.hits)
    found = meaning.search(library, query, "semantic")
    assert found.hits[0].title == "Agency workplace review"
    assert found.hits[0].why == ("meaning",)
    assert found.hits[0].page == 1
    hybrid = meaning.search(library, query)  # hybrid is the default once passages exist
    assert hybrid.mode == "hybrid"
    assert hybrid.hits[0].title == "Agency workplace review"


def test_fusion_ranks_pages_found_both_ways_first_but_keeps_meaning_first() -> None:
    a, b, c, d = (1, 1), (1, 2), (2, 5), (3, 0)
    fused = fuse({a: 0.50, b: 0.50, c: 0.70}, {b: 1.0, d: 1.0, a: 0.25})
    # b: as close as a and holds every word; c: far closer in meaning, no word; d: words only
    assert [k for k, _ in fused] == [c, b, a, d]
    assert dict(fused)[b] == pytest.approx(0.50 + WORDS_WEIGHT)
    assert dict(fused)[d] == pytest.approx(MIN_COSINE + WORDS_WEIGHT)
    assert fuse({a: 0.4}, {}) == [(a, pytest.approx(0.4))]


def test_hybrid_says_why_each_document_matched(library: Store) -> None:
    found = meaning.search(library, "harbour channel dredged larger ships", "hybrid")
    top = found.hits[0]
    assert top.title == "Harbour channel works"
    assert top.why == ("words", "meaning")
    only_meaning = meaning.search(library, "how wild yeast makes loaves sour", "hybrid")
    assert only_meaning.hits[0].title == "Notes from the bakery"


def test_unsupported_script_falls_back_to_keyword_search_and_says_so(library: Store) -> None:
    found = meaning.search(library, "信息检索", "hybrid")
    assert found.mode == "keyword"
    assert "script" in found.note and "searched by words" in found.note
    assert not covered("信息检索 系统") and covered("Zusammenfassung der Ergebnisse")
    # A document in such a script is indexed with the reason it has no passages.
    library.conn.execute("DELETE FROM passage_index")
    indexer = meaning.Indexer()
    assert (
        indexer.index(
            library,
            doc_id(library, "Harbour channel works"),
            [(1, "信息检索系统的设计与实现。" * 5)],
            "chinese",
        )
        == 0
    )
    reason = library.conn.execute("SELECT skipped FROM passage_index").fetchone()[0]
    assert "script" in reason


def test_ask_answers_with_page_links_or_says_not_found(library: Store) -> None:
    answer = ask(library, "Why does sourdough taste sour?")
    assert answer.found
    assert answer.passages[0].title == "Notes from the bakery"
    assert answer.sentences and all(s.page >= 1 for _, s in answer.sentences)
    assert "[Notes from the bakery, p. 1]" in answer.text
    missing = ask(library, "How do penguins keep their chicks warm in Antarctica?")
    assert not missing.found
    assert missing.text == NOT_FOUND


def test_ask_generates_claims_only_from_the_passages(library: Store) -> None:
    seen: list[str] = []

    def generate(texts):
        seen.extend(texts)
        return [f"claim {i}" for i in range(len(texts))]

    answer = ask(library, "What did the harbour authority dredge?", generate)
    assert answer.claims and answer.claims[0][0] == "claim 0"
    passages = " ".join(s.text for s in answer.passages)
    assert seen and all(t.split(". ")[0] in passages for t in seen)
    assert answer.text.startswith("claim 0 [Harbour channel works, p. 1]")


def test_similar_documents_rank_the_closest_subject_first(tmp_path, settings) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    text_pdf(docs / "a.pdf", HARBOUR, title="Harbour channel works")
    text_pdf(
        docs / "b.pdf", [s.replace("harbour", "port") for s in HARBOUR[:3]] * 2, title="Port report"
    )
    text_pdf(docs / "c.pdf", BAKERY, title="Notes from the bakery")
    with Store(settings.db) as store:
        list(pipeline.run([docs], settings, store))
        hits = meaning.similar(store, doc_id(store, "Harbour channel works"))
    assert [h.title for h in hits] == ["Port report", "Notes from the bakery"]
    assert hits[0].score > hits[1].score


def test_migration_adds_passages_to_an_old_library_and_index_backfills(tmp_path, settings) -> None:
    docs = memo_folder(tmp_path / "docs", 3)
    with Store(settings.db) as store:
        list(pipeline.run([docs], settings.with_(semantic=False), store))
        # Back to the library as it was before migration 009 (the documents stay).
        store.conn.execute("DROP TABLE passages")
        store.conn.execute("DROP TABLE passage_index")
        store.conn.execute("DELETE FROM migrations WHERE name = '009_passage_vectors'")
    with Store(settings.db) as store:
        assert len(store.unindexed(meaning.MODEL)) == 3
        assert meaning.default_mode(store) == "keyword"
    runner = CliRunner()
    result = runner.invoke(cli, ["index", "--db", str(settings.db)])
    assert result.exit_code == 0, result.output
    assert "3 document(s) indexed" in result.output
    again = runner.invoke(cli, ["index", "--db", str(settings.db)])
    assert "already indexed" in again.output
    with Store(settings.db) as store:
        assert store.unindexed(meaning.MODEL) == []
        assert meaning.default_mode(store) == "hybrid"


def test_summarize_leaves_what_exceeds_the_embedding_budget_for_index(tmp_path, settings) -> None:
    docs = memo_folder(tmp_path / "docs", 3)
    with Store(settings.db) as store:
        events = list(pipeline.run([docs], settings.with_(embed_budget=0.0), store))
        note = [e.message for e in events if e.kind == "index"]
        assert note and note[0].startswith("3 document(s) left for `synopsis index`")
        assert len(store.unindexed(meaning.MODEL)) == 3
    result = CliRunner().invoke(cli, ["index", "--db", str(settings.db)])
    assert result.exit_code == 0 and "3 document(s) indexed" in result.output


def test_a_long_document_over_the_budget_is_left_whole_midway(library: Store, monkeypatch) -> None:
    monkeypatch.setattr(meaning, "FIRST_GUESS_S", 0.0)  # a first guess far too hopeful
    indexer = meaning.Indexer(budget=0.01)
    page = " ".join(
        f"Clause {i} of the harbour lease sets the rent and the term." for i in range(12)
    )
    pages = [(n, page) for n in range(1, 2 * meaning.BATCH + 1)]
    doc = doc_id(library, "Harbour channel works")
    before = library.passage_count()
    assert indexer.index(library, doc, pages, "english") == -1
    assert indexer.deferred == 1 and indexer.spent > 0
    assert library.passage_count() == before  # its old passages stay; none half-written


def test_summarize_embeds_what_it_left_in_the_background(tmp_path, settings, monkeypatch) -> None:
    docs = memo_folder(tmp_path / "docs", 3)
    monkeypatch.setenv("SYNOPSIS_EMBED_BACKGROUND", "1")
    monkeypatch.setenv("SYNOPSIS_EMBED_BUDGET", "0")
    args = ["summarize", str(docs), "--db", str(settings.db), "--engine", "extractive"]
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    events = [json.loads(x) for x in result.output.splitlines() if x.startswith("{")]
    started = [e for e in events if e["kind"] == "index_background"]
    assert len(started) == 1
    assert next(e["message"] for e in events if e["kind"] == "index").startswith("3 document(s)")
    child = next(p for p in meaning.BACKGROUND if p.pid == started[0]["pid"])
    assert child.wait(600) == 0
    with Store(settings.db) as store:
        assert store.unindexed(meaning.MODEL) == []
        assert store.passage_count() >= 3


def test_a_second_index_leaves_the_library_to_the_running_one(library: Store, settings) -> None:
    with meaning.index_lock(settings.db) as mine:
        assert mine
        result = CliRunner().invoke(cli, ["index", "--db", str(settings.db)])
    assert result.exit_code == 0
    assert "Another `synopsis index` is embedding this library" in result.output
    again = CliRunner().invoke(cli, ["index", "--db", str(settings.db)])
    assert "already indexed" in again.output


def test_backfill_killed_midway_resumes_without_duplicates(tmp_path, settings) -> None:
    docs = memo_folder(tmp_path / "docs", 30, repeat=6)
    with Store(settings.db) as store:
        list(pipeline.run([docs], settings.with_(semantic=False), store))
    env = {**os.environ, "SYNOPSIS_OFFLINE": "1", "SYNOPSIS_CONFIG": str(tmp_path / "none.toml")}
    cmd = [sys.executable, "-m", "app.cli", "index", "--db", str(settings.db), "--json"]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    assert proc.stdout is not None
    first = json.loads(proc.stdout.readline())
    assert first["kind"] == "indexed" and first["total"] == 30
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)
    proc.stdout.close()
    with Store(settings.db) as store:
        left = len(store.unindexed(meaning.MODEL))
        assert 0 < left < 30
        assert store.integrity_ok()
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    lines = [json.loads(x) for x in rerun.stdout.splitlines()]
    assert len(lines) == left and lines[-1]["done"] == left
    with Store(settings.db) as store:
        assert store.unindexed(meaning.MODEL) == []
        counted = store.conn.execute("SELECT SUM(passages) FROM passage_index").fetchone()[0]
        assert counted == store.passage_count()
        dupes = store.conn.execute(
            "SELECT COUNT(*) FROM (SELECT document_id, page, text FROM passages "
            "GROUP BY document_id, page, text HAVING COUNT(*) > 1)"
        ).fetchone()[0]
        assert dupes == 0


def test_cli_search_similar_and_ask(library: Store, settings) -> None:
    runner = CliRunner()
    db = str(settings.db)
    out = runner.invoke(
        cli, ["search", "remote work productivity", "--db", db, "--mode", "semantic", "--json"]
    )
    assert out.exit_code == 0, out.output
    hits = json.loads(out.output)
    assert hits[0]["title"] == "Agency workplace review" and hits[0]["why"] == ["meaning"]
    sim = runner.invoke(cli, ["similar", str(doc_id(library, "Harbour channel works")), "--db", db])
    assert sim.exit_code == 0 and "Agency workplace review" in sim.output
    asked = runner.invoke(
        cli, ["ask", "Where did the survey of clerks take place?", "--db", db, "--extractive-only"]
    )
    assert asked.exit_code == 0, asked.output
    assert "[Agency workplace review, p. 1]" in asked.output and "#page=1" in asked.output
    nothing = runner.invoke(cli, ["ask", "Which football team won the cup final?", "--db", db])
    assert NOT_FOUND in nothing.output
    missing = runner.invoke(cli, ["similar", "999", "--db", db])
    assert missing.exit_code == 2 and "No document 999" in missing.output


def test_passages_are_embedded_again_only_when_the_page_text_changed(
    library: Store, settings, tmp_path
) -> None:
    def ids() -> set[int]:
        return {r[0] for r in library.conn.execute("SELECT id FROM passages")}

    before = ids()
    list(pipeline.run([tmp_path / "docs"], settings.with_(length="short"), library))
    assert ids() == before  # summarized again, same text: the passages stay
    library.conn.execute("UPDATE pages SET text = 'older text' WHERE number = 1")
    list(pipeline.run([tmp_path / "docs"], settings.with_(length="long"), library))
    after = ids()
    assert len(after) == len(before) and not after & before
    assert library.unindexed(meaning.MODEL) == []


def test_installed_seq2seq_model_answers_from_the_passages(library: Store, settings, tiny_t5):
    from app.ask import model_answerer

    generate = model_answerer(settings.with_(model=str(tiny_t5), backend="torch"))
    assert generate is not None
    answer = ask(library, "Why does sourdough taste sour?", generate)
    assert answer.claims
    assert {s.document_id for _, s in answer.claims} <= {s.document_id for s in answer.passages}
    assert answer.text.endswith("[Notes from the bakery, p. 1]")
    assert model_answerer(settings.with_(model=str(tiny_t5.parent / "absent"))) is None
