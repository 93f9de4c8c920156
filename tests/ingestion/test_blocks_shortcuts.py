"""#19's speed pass: shortcuts give what the rules they stand for give — a cheap test before a
line's key, a sentence's end without a regex search, block edges remembered, the gutter found
in one sweep."""

from __future__ import annotations

import math
import random
from bisect import bisect_left, bisect_right

import pytest

from ingestion import columns
from ingestion.blocks import (
    _SENTENCE_END,
    CELL_ENDS,
    CELL_WORDS,
    _cells,
    _ends_sentence,
    _rows,
    make_blocks,
)
from ingestion.columns import EDGE, MIN_ROWS
from ingestion.document import Section
from ingestion.layout import NOT_TITLE, SizedLine
from ingestion.line_groups import bbox, may_be_key, norm
from ingestion.titles import _NOT_ASCII_LETTERS, _usable
from ingestion.vocabulary import table_row

TEXTS = [
    "Method",
    "3.1 Mining rules",
    "İstanbul harbour works",  # lowered into two characters
    "“Quoted” heading",
    "_private note",
    "...and so on",
    "ÉTUDE DES QUAIS",
    "",
    " 12 leading space",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_key_is_never_ruled_out_before_norm(text: str) -> None:
    key = norm(text)
    assert may_be_key(text, {key[:1]})


@pytest.mark.parametrize("text", TEXTS)
def test_a_key_is_ruled_out_by_the_first_character_alone(text: str) -> None:
    # group_lines remembers the answer by a line's first character (#19's speed pass)
    for firsts in ({"m"}, {"3", "i"}, {"“", "é"}, {""}, {"_", "."}):
        assert may_be_key(text, firsts) == may_be_key(text[:1], firsts)


def test_a_key_is_ruled_out_by_its_first_letter_or_digit() -> None:
    assert not may_be_key("Results of the survey", {"m", "1"})
    assert not may_be_key("2 Method", {"m"})
    assert may_be_key("Method", {"m"})


ENDINGS = ["", "Open", "The pier is open.", 'He said "open."', "(see below)", "Done?)'", ")", "x。"]


@pytest.mark.parametrize("text", [*ENDINGS, "The pier is open.\n", "Open\n", '."\n'])
def test_a_sentence_end_is_the_patterns(text: str) -> None:
    assert _ends_sentence(text) == bool(_SENTENCE_END.search(text))


def _line(left: float, bottom: float, right: float, top: float) -> SizedLine:
    return SizedLine("Pier", 10.0, top, False, left, right, bottom)


def test_remembered_edges_are_each_figure_rounded_into_the_page() -> None:
    edges: dict[float, float] = {}
    group = [_line(-0.01, 0.123456, 1.2, 0.5), _line(0.3, -0.0, 0.7, math.nan)]
    assert bbox(group, edges) == (0.0, 0.0, 1.0, 0.5)
    again = [_line(0.123456, 0.123456, 0.98765, 0.98765)]
    assert bbox(again, edges) == (0.1235, 0.1235, 0.9877, 0.9877)
    assert bbox(again, edges) == bbox(again, {})


def test_an_outline_heading_opening_on_a_quote_or_accent_is_found() -> None:
    body = [
        SizedLine(f"The board met on day {n} about the pier.", 10.0, 0.9 - n * 0.02)
        for n in range(5)
    ]
    quoted = SizedLine("“Quays” and piers", 10.0, 0.7)
    accented = SizedLine("Études des quais", 10.0, 0.6)
    outline = [Section(0, "“Quays” and piers", 1, 1), Section(0, "Études des quais", 1, 1)]
    blocks = make_blocks([[*body, quoted, accented]], outline=outline)
    assert [b.role for b in blocks if b.text in ("“Quays” and piers", "Études des quais")] == [
        "heading",
        "heading",
    ]


def _gutter_by_bisection(steps: list[tuple[float, float]]) -> float | None:
    """`across_gutter`'s choice as it was written before the sweep: every x bisected."""
    starts, ends = sorted(s for s, _ in steps), sorted(e for _, e in steps)

    def crossed(x: float) -> int:
        return bisect_right(starts, x) - bisect_left(ends, x)

    x = max((s + EDGE for s in starts), key=lambda x: (crossed(x), -x))
    return x if crossed(x) >= MIN_ROWS else None


@pytest.mark.parametrize("seed", range(40))
def test_the_gutter_sweep_picks_what_bisecting_every_x_picks(
    monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(seed)
    steps = []
    for _ in range(rng.randint(MIN_ROWS, 40)):  # gaps across a few gutters, some tied
        start = rng.choice([250.0, 250.5, 251.0, 300.0, rng.uniform(200, 400)])
        steps.append((start, start + rng.choice([0.2, 0.5, 1.0, 8.0, rng.uniform(0, 20)])))
    monkeypatch.setattr(columns, "gutter_steps", lambda rects, lo, hi: steps)
    assert columns.across_gutter([], 600.0) == _gutter_by_bisection(steps)


@pytest.mark.parametrize(
    "text",
    ["Harbour Works 2024", "ab", "a1", "x_y z", "@@@ Ab", "12 3", "Zz" * 40, "", "É1", "ÉTUDE"],
)
def test_a_title_lines_letters_counted_by_bytes_are_isalphas(text: str) -> None:
    """`_usable`'s letter count on an ASCII line (deleting what is no letter) is the count of
    str.isalpha; near misses: "a1" (one letter, not usable), "É1" (not ASCII: counted by
    isalpha)."""
    expected = sum(c.isalpha() for c in text)
    kept = text.isascii() and len(text.encode("ascii").translate(None, _NOT_ASCII_LETTERS))
    assert text.isascii() is False or kept == expected
    line = SizedLine(text, 10.0, 0.9)
    spaced = len(text.replace(" ", ""))
    want = expected >= 2 and expected >= 0.5 * spaced and not NOT_TITLE.search(text)
    assert _usable(line) == want


CELLS = [
    "Harbour",
    "Berth 4 north side",
    "Open.",
    "The pier is open to boats",
    "12 14 3.5",
    "a b c d e",
]


def test_cells_and_table_rows_counted_until_decided_are_the_whole_counts() -> None:
    # _cells stops at the lines that make the median prose, _rows at the rows a table needs
    # (or can no longer have): both answer as the counts over every line.
    rng = random.Random(19)
    for _ in range(400):
        texts = [rng.choice(CELLS) for _ in range(rng.randint(1, 7))]
        group = [SizedLine(t, 10.0, 0.5) for t in texts]
        words = sorted(len(t.split(None, CELL_WORDS)) for t in texts)
        ends = sum(_ends_sentence(t) for t in texts)
        whole = len(texts) >= 3 and words[len(words) // 2] <= CELL_WORDS
        assert _cells(group) == (whole and ends < CELL_ENDS * len(texts))
        need = max(1, len(texts) / 2)
        assert (_rows(texts, need) >= need) == (sum(map(table_row, texts)) >= need)
    assert _cells([SizedLine(t, 10.0, 0.5) for t in ["Harbour", "Berth 4", "Open", "Closed"]])
    assert not _cells([SizedLine(CELLS[3], 10.0, 0.5)] * 3)


def test_the_body_size_counted_per_size_is_the_median_of_every_character() -> None:
    import statistics

    from ingestion.layout import char_median

    rng = random.Random(10)
    for _ in range(200):
        lines = [
            SizedLine("x" * rng.randint(0, 40), rng.choice([8.0, 9.5, 10.0, 10.0, 12.0, 22.0]), 0.5)
            for _ in range(rng.randint(0, 12))
        ]
        each = [ln.size for ln in lines for _ in ln.text]
        assert char_median(lines) == (statistics.median(each) if each else None)
