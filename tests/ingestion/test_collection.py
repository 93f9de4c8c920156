"""#19: an anthology whose parts each stand under a heading with their own byline is a
collection: its parts are named, a part's byline is not the whole document's author, and its
key points come one from each part. PDFs are built here ("<N> " sets a line in N-point type)."""

from __future__ import annotations

from pathlib import Path

from ingestion import read_pdf
from ingestion.collection import collection_parts
from ingestion.layout import SizedLine
from summarizer.base import SummaryOptions
from summarizer.engines import input_for
from summarizer.extractive import ExtractiveEngine
from tests.conftest import write_pdf

STORIES = [
    ("The Moon in the Bog", "Ann Lee", "The moon walked down into the bog one dark night."),
    ("The Kind Giver", "Bo Chan", "A fisher laid his net across the river at dawn."),
    ("Gooloo and the Magpie", "Cy Dunn", "Gooloo was a very old woman who lived by a creek."),
    ("The Honey Bee", "Di Ross", "The bee is a remarkably industrious little creature."),
]


def _line(text: str, size: float, top: float, bold: bool = False) -> SizedLine:
    return SizedLine(text, size, top, bold)


def test_bylines_under_headings_on_three_pages_make_a_collection() -> None:
    pages = [
        [_line(title, 13, 0.9), _line(f"by {name}", 12, 0.88), _line(text, 12, 0.86)]
        for title, name, text in STORIES[:3]
    ]
    assert [p[:2] for p in collection_parts(pages)] == [(t, (n,)) for t, n, _ in STORIES[:3]]
    # Near misses: two parts only; a heading in body type, not bold; "by" before no names.
    assert collection_parts(pages[:2]) == []
    plain = [
        [_line(t, 12, 0.9), *rest] for (t, *_), (_, *rest) in zip(STORIES[:3], pages, strict=True)
    ]
    assert collection_parts(plain) == []
    sentence = [[p[0], _line("by selling the metal.", 12, 0.88), p[2]] for p in pages]
    assert collection_parts(sentence) == []


def _anthology(path: Path, parts: int) -> Path:
    pages = []
    for title, name, text in STORIES[:parts]:
        body = " ".join([text, "They say it happened long ago, in the old days."] * 3)
        pages.append(
            [
                f"<14> {title}",
                f"by {name}",
                "",
                *[body[i : i + 80] for i in range(0, len(body), 80)],
            ]
        )
    pages[0][:0] = ["<28> Tales for Young People", ""]
    return write_pdf(path, pages)


def test_a_collection_names_its_parts_and_no_single_author(tmp_path) -> None:
    doc = read_pdf(_anthology(tmp_path / "tales.pdf", 4))
    assert doc.parts == tuple(t for t, _, _ in STORIES)
    assert doc.authors == ()  # the first story's byline is not the whole book's
    summary = ExtractiveEngine().summarize_one(input_for(doc), SummaryOptions())
    texts = [p.text for p in summary.parts]
    assert texts[0].startswith("A 4-page collection, “Tales for Young People”"), texts[0]
    assert texts[1] == "It collects 4 pieces: " + "; ".join(t for t, _, _ in STORIES) + "."
    assert {p.pages[0] for p in summary.parts[2:]} == {1, 2, 3, 4}  # a point from each part
    # Near miss: two stories are no collection; the first byline is then the author's.
    two = read_pdf(_anthology(tmp_path / "two.pdf", 2))
    assert two.parts == () and two.authors == ("Ann Lee",)


def test_only_lines_that_may_open_a_byline_are_asked() -> None:
    """#19's speed pass: `collection_parts` asks `_part_byline` only of lines whose first
    letter BY may open with; every casing of BY's words (after leading blanks) still opens
    with one of them, and a line with another first letter is not a byline."""
    from ingestion.bylines import BY
    from ingestion.collection import _BY_FIRSTS, _part_byline

    for word in ("by", "von", "par", "por"):
        for cased in (word, word.upper(), word.title()):
            line = f"  {cased} Ann Lee"
            assert BY.match(line.strip()) and _part_byline(line) == ("Ann Lee",)
            assert line.lstrip()[:1] in _BY_FIRSTS
    assert not _part_byline("Written by Ann Lee") and "W" not in _BY_FIRSTS
    assert "" not in _BY_FIRSTS  # an empty line is skipped, not asked
