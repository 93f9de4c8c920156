"""A collection's key points (#19): each part as "its title: its opening sentence", in order,
where the structure pass found the parts (`ingestion.collection`; `Profile.parts`). A
reader of an anthology wants to know what each story, poem or essay is and how it begins,
not a line picked from its middle. The part's heading and its byline ("by Ann Lee"), glued
before the opening sentence by text extraction, are cut."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.document import Sentence
from summarizer.base import SummaryPart
from summarizer.candidates import junk_reason, word_count
from summarizer.lead_ins import CLAUSE_START

_BY = re.compile(r"^by\s+", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-ZÀ-Þ]\S*$")  # "Basil", "K.", "Chamberlain"
OPENING_TRIES = 3  # sentences of a part tried for its opening


def without_byline(text: str) -> str:
    """``text`` less a byline glued before it: "by Basil Hall Chamberlain A certain man …" →
    "A certain man …". The names end before a word that opens clauses, else before the last
    capitalised word ahead of the first lower-case one."""
    m = _BY.match(text)
    if not m:
        return text
    words = text[m.end() :].split(" ")
    run = 0
    while run < len(words) and _NAME_WORD.match(words[run]):
        run += 1
    opener = next((i for i in range(1, run) if words[i] in CLAUSE_START), run - 1)
    if opener < 1 or run >= len(words):
        return text
    return " ".join(words[opener:])


def part_openings(
    sentences: Sequence[Sentence], headings: Sequence[str], words: int
) -> list[SummaryPart]:
    """One point per part, "title: opening sentence", in order, up to about ``words`` words
    (each part's first prose sentence among its first `OPENING_TRIES`)."""
    out: list[SummaryPart] = []
    said = 0
    for heading in headings:
        name = heading.rstrip(" ,.:")
        inside = [
            s for s in sentences if s.section.rstrip(" ,.:") == name or s.text.startswith(heading)
        ]
        for s in inside[:OPENING_TRIES]:
            text = s.text[len(heading) :].strip() if s.text.startswith(heading) else s.text
            text = without_byline(text)
            if junk_reason(text) is None:
                out.append(SummaryPart(f"{name}: {text}", (s.page,)))
                said += word_count(text)
                break
        if said >= words:
            break
    return out
