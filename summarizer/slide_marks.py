"""Bullet marks read as letters (#19): a slide template's bullet drawn in a symbol font often
comes out of the PDF as a capital letter ("I Rule: …", "I ⇒ Dynamic OO languages …" under a
beamer triangle). By format: a lone capital that starts many of a document's sentences, each
time before a capital or a symbol, is its bullet mark, and is taken out wherever it stands
before such a word (a bullet run into the line above is a new item: "; ")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ingestion.document import Sentence

MIN_MARKED = 3  # sentences a letter must start, before a capital or a symbol …
MARKED_SHARE = 0.05  # … making up this share of all sentences
# A capital alone, then a capital, a digit, a quotation mark, a bracket or an arrow. "A"
# is left alone: "A New Approach" starts headings everywhere.
_FOLLOWER = r"(?=[A-Z\u00c0-\u00de\d“\"‘'(\u2190-\u21ff\u2200-\u22ff])"
_LEAD = re.compile(rf"^([B-Z]) {_FOLLOWER}")


def bullet_letter(texts: Sequence[str]) -> str:
    """The capital that marks the document's bullets, or "" (see the module docstring)."""
    counts = Counter(m.group(1) for m in map(_LEAD.match, texts) if m)
    if not counts:
        return ""
    letter, n = counts.most_common(1)[0]
    return letter if n >= MIN_MARKED and n >= MARKED_SHARE * len(texts) else ""


def without_bullet_letter(text: str, letter: str) -> str:
    """``text`` without the bullet mark ``letter``: at its start, and where a bullet was run
    into the line before it (after punctuation it is dropped, after a word it becomes "; ")."""
    if not letter:
        return text
    text = re.sub(rf"^{letter} {_FOLLOWER}", "", text)
    text = re.sub(rf"(?<=[.:;,!?)…]) {letter} {_FOLLOWER}", " ", text)
    return re.sub(rf"(?<=\w) {letter} {_FOLLOWER}", "; ", text)


def unmarked(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences less the document's bullet letter, where it has one."""
    letter = bullet_letter([s.text for s in sentences])
    if not letter:
        return list(sentences)
    return [replace(s, text=without_bullet_letter(s.text, letter)) for s in sentences]


CONTEXT_WORDS = 15  # a slide's bullet shorter than this is shown under its slide's title …
TITLE_WORDS = 10  # … a title of at most this many words
LABEL_LEAD = 3  # a bullet with a colon in its first words is labelled already


def with_slide_title(text: str, title: str) -> str:
    """A short bullet of a slide with the slide's title before it ("Identifying Chemotherapy
    Events: Agreement at 88% and a kappa of 0.73."): alone it says too little; a long
    bullet, a long title, a title not starting with a capital or a bullet that starts with
    its title or its own label ("Channels: …") stays as it is."""
    title = " ".join(title.split()).strip(" .:;,")
    words = text.split()
    if not title or len(words) >= CONTEXT_WORDS or len(title.split()) > TITLE_WORDS:
        return text
    if text.lower().startswith(title.lower()) or not title[0].isupper():
        return text  # said already; or a fragment ("“duck typing”") caught as a title
    if any(w.endswith(":") for w in words[:LABEL_LEAD]):
        return text  # "Channels: a typed FIFO …" has its own label
    return f"{title}: {text}"
