"""What people type into a search box (#22): everyday text just works, syntax where meant."""

import random
import sqlite3

import pytest

from app.store import InvalidQuery, Store
from app.store.query import fts_query, has_words
from app.store.records import SNIPPET_CLOSE, SNIPPET_OPEN, SearchHit, marked_parts
from ingestion import read_pdf

EVERYDAY = (
    "COVID-19",
    "self-employment",
    "e-mail",
    "U.S.",
    "2.3.59",
    "key:value",
    "don't",
    "C++",
    "l'idée",
    "50%",
    "1/2",
    "cats & dogs",
    "OR gate",
    "NOT guilty",
    "10:30",
    "https://example.org/a-b",
    "ops@example.org",
    "Really?",
    "signed, sealed.",
)
TEXT = (
    "The COVID-19 rules on self-employment reached every e-mail list in the U.S. this year. "
    "Release 2.3.59 stores each key:value pair. Please don't use C++ for l'idée. "
    "About 50% of 1/2 the cats & dogs met at 10:30 near the OR gate, NOT guilty. "
    "See https://example.org/a-b or write to ops@example.org. Really? It was signed, sealed. "
    "Trains and harbours run on time."
)


@pytest.fixture
def library(store: Store, make_pdf) -> Store:
    store.save(read_pdf(make_pdf("everyday.pdf", [TEXT], title="Everyday words")), None)
    store.save(read_pdf(make_pdf("other.pdf", ["Bridges and roads of the north."])), None)
    return store


def test_everyday_words_find_their_document(library: Store) -> None:
    for typed in EVERYDAY:
        hits = library.search(typed)
        assert [h.title for h in hits] == ["Everyday words"], typed


def test_joined_words_are_a_phrase_not_separate_words(library: Store) -> None:
    assert library.search("run-harbours") == []  # both words occur, not in that order
    assert library.search("harbours-run")


def test_syntax_is_honoured_where_clearly_written(library: Store) -> None:
    assert len(library.search("bridges OR trains")) == 2
    assert library.search("bridges AND trains") == []
    assert [h.title for h in library.search("trains NOT bridges")] == ["Everyday words"]
    assert library.search('"run on time"') and library.search('"time on run"') == []
    assert library.search("harb*") and library.search("harb") == []
    assert library.search("trains NEAR time") and library.search("trains NEAR/1 time") == []


@pytest.mark.parametrize(
    ("typed", "fts"),
    [
        ("COVID-19", '"COVID-19"'),
        ("OR gate", '"OR" "gate"'),
        ("cats OR dogs", '"cats" OR "dogs"'),
        ("cats OR OR dogs", '"cats" "OR" OR "dogs"'),
        ("a NEAR b NEAR/5 c", 'NEAR("a" "b" "c", 5)'),
        ('"exact words"* x', '"exact words"* "x"'),
        ('un"balanced', '"un" "balanced"'),
        ("key:value (x) ^y", '"key:value" "(x)" "^y"'),
        ("x-* !!! 😀", '"x-"'),
        ("NOT", '"NOT"'),
        ("", ""),
    ],
)
def test_translation(typed: str, fts: str) -> None:
    assert fts_query(typed) == fts


ALPHABET = [
    *"abcdefxyz0123456789 -.'’:+*/\\\"()^,;!?%&@#$[]{}<>|~`=_",
    *["OR", "AND", "NOT", "NEAR", "NEAR/3", " OR ", " NOT ", " AND ", " NEAR "],
    *["\x00", "\x01", "\t", "\n", "\x7f", "\u200f", "\u202e", "\ufeff", "\ud800", "\udfff"],
    *["שלום", "مرحبا", "信息检索", "日本語", "한국어", "!", "。", "😀", "👩‍👩‍👧", "é", "\u0301"],
    *["COVID-19", "U.S.", "e-mail", "don't", "C++", " harbours", " trains"],
    *[SNIPPET_OPEN, SNIPPET_CLOSE, "\ue000"],
]


def generated_queries(n: int, seed: int = 22) -> list[str]:
    rng = random.Random(seed)
    out = ["x" * 10_000, "trains " * 1500, "信息" * 5000, '"' * 10_001, "OR " * 3000]
    while len(out) < n:
        out.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))))
    return out


def test_thousands_of_generated_queries_never_fail(library: Store) -> None:
    for typed in generated_queries(3000):
        try:
            hits = library.search(typed)
        except InvalidQuery as exc:  # only a query with nothing to look up is refused
            assert "no words or numbers" in exc.user_message, repr(typed)
            assert not has_words(typed.replace("\ud800", "").replace("\udfff", "")), repr(typed)
            continue
        assert all(isinstance(h, SearchHit) for h in hits)
        for word in ("harbours", "trains"):
            if typed.strip() == word:
                assert hits, typed


def test_translated_queries_are_always_valid_fts(tmp_path) -> None:
    conn = sqlite3.connect(tmp_path / "fts.sqlite")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61')")
    conn.execute("INSERT INTO t VALUES ('trains harbours')")
    for typed in generated_queries(3000, seed=21):
        q = fts_query(typed)
        if q:
            conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (q,)).fetchone()


def test_snippet_markers_never_collide_with_text(store: Store, make_pdf) -> None:
    text = "As shown in [12], the pier footing holds; see [Appendix A for the pier loads."
    store.save(read_pdf(make_pdf("b.pdf", [text])), None)
    (hit,) = store.search("pier")
    assert "[12]" in hit.text and "[Appendix A" in hit.text
    assert [piece for piece, matched in hit.parts if matched] == ["pier", "pier"]
    assert [hit.text[a:b] for a, b in hit.marks] == ["pier", "pier"]


def test_marked_parts_splits_on_the_one_pair_of_markers() -> None:
    marked = f"a [1] {SNIPPET_OPEN}b{SNIPPET_CLOSE} c {SNIPPET_OPEN}d{SNIPPET_CLOSE}"
    assert marked_parts(marked) == [("a [1] ", False), ("b", True), (" c ", False), ("d", True)]
