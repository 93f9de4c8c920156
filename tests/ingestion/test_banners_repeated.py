"""#19's speed pass: `repeated_lines` asked only about some keys (the first page's lines, as
`read_front` asks) finds exactly those of its keys that it finds over every line."""

from __future__ import annotations

import random

from ingestion.banners import LOOKS, repeated_lines
from ingestion.layout import line_key

HEAD = "Journal of Harbour Works, Vol. 12 (2019) 45–67"


def _pages() -> list[str]:
    rng = random.Random(7)
    words = ["the", "pier", "board", "of", "works", "harbour", "#3", "1.2", "journal"]
    pages = []
    for n in range(12):
        body = [" ".join(rng.choice(words) for _ in range(6)) for _ in range(3 * LOOKS)]
        head = HEAD.replace("45", str(45 + n)) if n % 4 else "A Study of the Pier"
        # line breaks of every kind str.splitlines knows, spaces of every width
        tail = f"\u2028{n} / 12\x1c   of the \x1dClosing notes {n}\x85"
        pages.append(f"  {head.upper()}\x0c" + "\r\n".join(body) + tail)
    pages.append("   ")  # a page without text counts for no third
    return pages


def test_keys_asked_are_found_as_over_every_line() -> None:
    pages = _pages()
    every = repeated_lines(pages)
    asked = {
        line_key(HEAD),  # on 9 of 12 pages, its numbers differing
        line_key("A Study of the Pier"),  # on 3: too few (a third is 4)
        line_key("7 / 12"),  # digits only: on every page
        line_key("of the"),  # at the end of every page, its pieces all over the page
        line_key("the pier board"),  # pieces found more than LOOKS times a page, or not
        line_key("Closing notes 1"),  # between rare line breaks
        line_key("Nowhere to be seen"),
    }
    assert repeated_lines(pages, asked) == every & asked
    for key in asked:  # each alone (a page whose every key is made answers for all)
        assert repeated_lines(pages, [key]) == every & {key}
    assert {line_key(HEAD), line_key("7 / 12"), line_key("closing notes 0")} <= every
    assert line_key("A Study of the Pier") not in every


def test_random_pages_agree() -> None:
    rng = random.Random(19)
    lines = ["Page 3 of 9", "ANNUAL REPORT 2020", "the board met", "x", "2021 #4", "Río 12a"]
    for _ in range(40):
        pages = [
            "\n".join(rng.choice(lines) for _ in range(rng.randint(0, 8)))
            for _ in range(rng.randint(3, 9))
        ]
        asked = {line_key(t) for t in [*lines, "board"]}
        assert repeated_lines(pages, asked) == repeated_lines(pages) & asked
