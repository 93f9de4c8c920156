"""#19: a collection's key points are its parts, each as "title: opening sentence", the
heading and byline glued before the opening cut; a line from a part's middle is no point."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.parts import part_openings, without_byline


def test_a_byline_glued_before_the_opening_is_cut() -> None:
    assert without_byline("by Basil Hall Chamberlain A certain man had laid his net.") == (
        "A certain man had laid his net."
    )
    assert without_byline("by K. Langloh Parker Gooloo was a very old woman.") == (
        "Gooloo was a very old woman."
    )
    assert without_byline("by Jean S. Remy When Thomas Jefferson was a boy he rode.") == (
        "When Thomas Jefferson was a boy he rode."
    )
    # Near miss: a sentence that opens with "By" and no names is left as it is.
    text = "By the end of the year the river had flooded the town twice."
    assert without_byline(text) == text


def test_each_part_is_shown_by_its_title_and_opening_sentence() -> None:
    sents = [
        Sentence("Stories for young readers from many lands.", 1, "paragraph", ""),
        Sentence(
            "The Buried Moon by Edmund Dulac In my Granny's days the land was all bogs.",
            1,
            "paragraph",
            "",
        ),
        Sentence("Pools of black water lay in the hollows of the land.", 1, "paragraph", ""),
        Sentence(
            "by Basil Hall Chamberlain A certain man had laid his net across the river.",
            6,
            "paragraph",
            "The Kind Giver",
        ),
        Sentence(
            "Meanwhile there came a raven, and perched beside him.",
            6,
            "paragraph",
            "The Kind Giver",
        ),
    ]
    points = part_openings(sents, ["The Buried Moon", "The Kind Giver,"], 200)
    assert [p.text for p in points] == [
        "The Buried Moon: In my Granny's days the land was all bogs.",
        "The Kind Giver: A certain man had laid his net across the river.",
    ]
    assert [p.pages for p in points] == [(1,), (6,)]
    # No parts found: no points (the engine falls back to a central line per section).
    assert part_openings(sents, [], 200) == []
