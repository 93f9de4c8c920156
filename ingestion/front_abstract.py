"""An abstract set without its "Abstract" label (#19): where no abstract was found, the
front matter's last block before the document's first heading that reads as running prose
(several sentences, mostly lower-case words, no e-mail address) is the abstract, not a
block of the authors' affiliations; so is a paragraph there that is the first block after
the title and byline (`blocks` ends the front matter at running prose: `reads_as_prose`).
Its text runs up to a keyword or subject label glued after it ("Categories and Subject
Descriptors: …", "Keywords: …")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ingestion.document import Block

MIN_WORDS = 50
MIN_SENTENCES = 3
MIN_LOWER = 0.6  # share of words in lower case: names and affiliations are capitalised
FRONT_PAGES = 2
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÀ-ÞА-Я(])")
_EMAIL = re.compile(r"\S@\S")
_LABEL_AFTER = re.compile(
    r"\s(?:Keywords|Key words|Index Terms|Categories and Subject|General Terms)\b"
)
_SKIPPED = frozenset({"page furniture", "footnote"})
_FRONT_OR_BODY = frozenset({"authors", "paragraph"})
_FRONT = frozenset({"title", "authors", *_SKIPPED})


def reads_as_prose(text: str) -> bool:
    """Running prose: `MIN_WORDS` words or more, `MIN_SENTENCES` sentence ends, mostly
    lower-case words, no e-mail address (affiliations, addresses and names have none of it)."""
    words = text.split()
    if len(words) < MIN_WORDS or _EMAIL.search(text):
        return False
    lower = sum(w[:1].islower() for w in words)
    return lower >= MIN_LOWER * len(words) and len(_SENTENCE_END.findall(text)) >= MIN_SENTENCES


def unlabelled_abstract(blocks: Sequence[Block]) -> tuple[tuple[Block, ...], str]:
    """``blocks`` with the unlabelled abstract's block marked "abstract", and its text; the
    blocks unchanged and "" where no block fits (see the module docstring)."""
    before = None
    for i, block in enumerate(blocks):
        if block.page > FRONT_PAGES or block.role == "abstract":
            return tuple(blocks), ""
        if block.role == "heading":
            break
        if block.role not in _SKIPPED:
            before = i
    else:
        return tuple(blocks), ""
    if before is None or blocks[before].role not in _FRONT_OR_BODY:
        return tuple(blocks), ""
    ahead = {b.role for b in blocks[:before]}
    if blocks[before].role == "paragraph" and ("authors" not in ahead or ahead - _FRONT):
        return tuple(blocks), ""  # a body paragraph: only right after a byline, as the first
    text = " ".join(blocks[before].text.split())
    if not reads_as_prose(text):
        return tuple(blocks), ""
    label = _LABEL_AFTER.search(text)
    abstract = text[: label.start()] if label else text
    out = list(blocks)
    out[before] = replace(blocks[before], role="abstract")
    return tuple(out), abstract
