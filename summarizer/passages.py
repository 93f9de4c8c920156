"""Passages for finding by meaning (#24): each page's text cut into windows of whole
sentences, a few hundred word pieces at most, each with its page and its section.

The embedder (all-MiniLM-L6-v2) reads at most 256 word pieces, so a window holds at most
`MAX_WORDS` words and never crosses a page: a hit names the page that holds it. A short tail
joins the window before it on the same page. Text the embedder does not cover (scripts other
than Latin, Greek and Cyrillic; see `covered`) is left out of the passages and is found by
keyword search instead.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ingestion.document import Section
from ingestion.sentences import split_sentences

MAX_WORDS = 150  # ~200 word pieces of English: under MiniLM's 256
MIN_WORDS = 25  # a shorter tail joins the window before it
MIN_PASSAGE_WORDS = 4  # fewer words (a lone page number, a label) carry no meaning to find
# all-MiniLM-L6-v2 was trained on English; its vocabulary spells Latin, Greek and Cyrillic
# letters but has no useful pieces for other scripts (CJK, Arabic, Hebrew, Indic, Thai...).
COVERED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")
MIN_COVERED_SHARE = 0.6


@dataclass(frozen=True)
class Passage:
    """A window of a document's text: what is embedded, found and shown."""

    page: int
    section: str  # the innermost outline section holding the page, or ""
    text: str


def covered(text: str) -> bool:
    """Whether the embedder reads this text: most of its letters are in a covered script."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    ok = sum(1 for ch in letters if unicodedata.name(ch, "").startswith(COVERED_SCRIPTS))
    return ok / len(letters) >= MIN_COVERED_SHARE


def section_of(outline: Sequence[Section], page: int) -> str:
    """The innermost (deepest, then latest) outline section holding ``page``."""
    best: Section | None = None
    for sec in outline:
        if sec.first_page <= page <= sec.last_page and (best is None or sec.level >= best.level):
            best = sec
    return best.title if best else ""


def _windows(sentences: Sequence[str]) -> list[str]:
    windows: list[list[str]] = []
    words = 0
    for sentence in sentences:
        n = len(sentence.split())
        if windows and words + n <= MAX_WORDS:
            windows[-1].append(sentence)
            words += n
        else:
            windows.append([sentence])
            words = n
    if len(windows) > 1 and sum(len(s.split()) for s in windows[-1]) < MIN_WORDS:
        windows[-2].extend(windows.pop())
    return [" ".join(w) for w in windows]


def _long_parts(sentence: str) -> list[str]:
    """A 'sentence' longer than a window (a table read as text) cut into window-sized parts."""
    words = sentence.split()
    if len(words) <= MAX_WORDS:
        return [sentence]
    return [" ".join(words[i : i + MAX_WORDS]) for i in range(0, len(words), MAX_WORDS)]


def make_passages(
    pages: Sequence[tuple[int, str]], language: str, outline: Sequence[Section] = ()
) -> list[Passage]:
    """Passages of a document's usable pages, given as (page number, cleaned text)."""
    out: list[Passage] = []
    for number, text in pages:
        sentences = [part for s in split_sentences(text, language) for part in _long_parts(s)]
        section = section_of(outline, number)
        for window in _windows(sentences):
            if len(window.split()) >= MIN_PASSAGE_WORDS and covered(window):
                out.append(Passage(number, section, window))
    return out


def embedding_text(passage: Passage) -> str:
    """What the embedder reads of a passage: its section heading gives it context."""
    return f"{passage.section}. {passage.text}" if passage.section else passage.text
