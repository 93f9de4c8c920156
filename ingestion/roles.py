"""Each sentence in its place in the structure: the role of its block, its page, its section (#19).

Sentences are split from the cleaned page text (columns in reading order, hyphens joined,
running lines gone); blocks (`ingestion.blocks`) come from the same pages' lines. A sentence is
placed on the blocks by its words: each run of three words is looked up among the blocks'
words, nearest after the last place found on its page. Its role is the one most of its words
have; a heading, title or byline that text extraction glued before its first sentence ("1
Introduction The goal of …") is cut from it; its section is the latest heading before it.
A document without blocks (plain text) keeps "paragraph" and no section. A sentence that
recurs on many pages wherever it stands (a web printout's "… not responsible for the content
of external sites.", a footer glued into a line) is page furniture, by the running-line rule;
one ending on a colon before a list item is a "lead-in", which says nothing without its list.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from ingestion.document import Block, Sentence
from ingestion.vocabulary import RUNNING_LINE_MIN_PAGES, running_line_pages

# Roles whose sentences may stand in a summary; the others come from the structure itself
# (title, authors, abstract, headings) or are none (captions, tables, references, furniture).
PROSE_ROLES = frozenset({"paragraph", "list item"})
# Roles of what extraction glues before a paragraph's first sentence.
LEAD_ROLES = frozenset({"heading", "title", "authors", "page furniture", "form label"})
MIN_REST_WORDS = 6  # words a sentence keeps after its glued lead is cut
GRAM = 3
_WORD = re.compile(r"\w+")


@dataclass
class _Index:
    """Every block's words in reading order, where each run of GRAM words stands."""

    words: list[str]
    owner: list[int]  # the block each word is from
    page_start: dict[int, int]  # a page's first word
    grams: dict[tuple[str, ...], list[int]]
    sections: list[str]  # per block: the latest heading's text at it

    @classmethod
    def of(cls, blocks: Sequence[Block]) -> _Index:
        words: list[str] = []
        owner: list[int] = []
        page_start: dict[int, int] = {}
        sections: list[str] = []
        section = ""
        for b, block in enumerate(blocks):
            page_start.setdefault(block.page, len(words))
            if block.role == "heading":
                section = block.text
            sections.append(section)
            found = [w.lower() for w in _WORD.findall(block.text)]
            words += found
            owner += [b] * len(found)
        grams: dict[tuple[str, ...], list[int]] = {}
        for i in range(len(words)):
            grams.setdefault(tuple(words[i : i + GRAM]), []).append(i)
        return cls(words, owner, page_start, grams, sections)

    def find(self, gram: tuple[str, ...], page: int, cursor: int) -> int | None:
        """Where ``gram`` stands: the first place after ``cursor``, else the first on or
        after ``page``, else the first anywhere."""
        places = self.grams.get(gram)
        if not places:
            return None
        start = self.page_start.get(page, 0)
        for lower in (max(cursor, start), start):
            k = bisect_left(places, lower)
            if k < len(places):
                return places[k]
        return places[0]


def placed(sentences: Sequence[Sentence], blocks: Sequence[Block]) -> list[Sentence]:
    """``sentences`` with their block role and section, glued leads cut (module docstring)."""
    if not blocks:
        return _repeated_as_furniture(list(sentences))
    index = _Index.of(blocks)
    out: list[Sentence] = []
    cursor = 0
    for s in sentences:
        spans = [(m.start(), m.group().lower()) for m in _WORD.finditer(s.text)]
        owners: list[int | None] = []
        for i in range(len(spans)):
            gram = tuple(w for _, w in spans[i : i + GRAM])
            at = index.find(gram, s.page, cursor) if len(gram) == GRAM or i == 0 else None
            if at is not None:
                cursor = at + 1
            owners.append(index.owner[at] if at is not None else None)
        owners = _filled(owners)
        if not owners or owners[0] is None:
            out.append(s)
            continue
        roles = [blocks[b].role for b in owners if b is not None]
        text = s.text
        lead = _lead_end(roles)
        if lead:
            text = s.text[spans[lead][0] :]
            owners, roles = owners[lead:], roles[lead:]
        role = Counter(roles).most_common(1)[0][0]
        first = next(b for b, r in zip(owners, roles, strict=True) if r == role)
        section = index.sections[first] if first is not None else ""
        out.append(replace(s, text=text, role=role, section=section))
    return _repeated_as_furniture(_list_lead_ins(out))


def _list_lead_ins(sentences: list[Sentence]) -> list[Sentence]:
    """A sentence that ends on a colon before a list ("If you are new to Docker, we suggest:")
    says nothing without the list: its role is "lead-in"."""
    out = list(sentences)
    for i, (s, after) in enumerate(pairwise(sentences)):
        if s.role in PROSE_ROLES and s.text.endswith(":") and after.role == "list item":
            out[i] = replace(s, role="lead-in")
    return out


def _repeated_as_furniture(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences whose words stand on as many pages as a running line must
    recur on (`vocabulary.running_line_pages`, and three at least: a short document may say a
    thing twice) become page furniture, wherever they stand."""
    pages: dict[str, set[int]] = {}
    counts: dict[str, int] = {}
    keys = []
    for s in sentences:
        key = " ".join(_WORD.findall(s.text.lower()))
        keys.append(key)
        pages.setdefault(key, set()).add(s.page)
        counts[key] = counts.get(key, 0) + 1
    need = max(RUNNING_LINE_MIN_PAGES, running_line_pages(len({s.page for s in sentences})))

    def running(key: str) -> bool:
        # A running line stands once per page (twice where it heads and foots it); a sentence
        # said again and again within pages is the body's own refrain, not furniture.
        return len(pages[key]) >= need and counts[key] <= 2 * len(pages[key])

    return [
        replace(s, role="page furniture") if running(key) else s
        for s, key in zip(sentences, keys, strict=True)
    ]


def _filled(owners: list[int | None]) -> list[int | None]:
    """Words not found take the block of the word before them (or after, at the start)."""
    last = next((b for b in owners if b is not None), None)
    out = []
    for b in owners:
        last = b if b is not None else last
        out.append(last)
    return out


def _lead_end(roles: list[str]) -> int:
    """Where a sentence's own words start after a heading, title or byline glued before
    them; 0 when nothing was glued."""
    if not roles or roles[0] not in LEAD_ROLES:
        return 0
    end = next((i for i, r in enumerate(roles) if r in PROSE_ROLES), len(roles))
    rest = roles[end:]
    if len(rest) < MIN_REST_WORDS or sum(r in PROSE_ROLES for r in rest) < len(rest) / 2:
        return 0
    return end
