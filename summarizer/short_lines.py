"""A one-page document of many short lines (#19, blind read 7): given in reading order.

A page of aphorisms, a checklist, a short poem: many short sentences, each its own line, none
more central than the next. A ranked pick takes lines out of their order and context ("Although
that way may not be obvious …" without the line it answers), so such a page gives its opening
lines in reading order, as many as the length allows (the whole when it fits).

- **Many short lines**: one page with text, at least MIN_LINES pickable sentences (paragraphs
  and list items) of at most PAGE_WORDS words in all (a page, not a transcript run on as
  one page), at least SHORT_SHARE of them at most SHORT_WORDS words, and their median at
  most MEDIAN_WORDS words.
- A line too short to stand alone as a point ("Readability counts.") is given with the line
  before it; one that is no sentence at all is left out.
- A heading glued in front of the first line ("Example document Beautiful is …") is cut when
  its words (at least two) are all the title's and a capitalised word follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from ingestion.document import Sentence
from summarizer.base import SummaryPart
from summarizer.candidates import junk_reason, structure_only, word_count

MIN_LINES = 8
SHORT_WORDS = 15
SHORT_SHARE = 0.8
MEDIAN_WORDS = 10
PAGE_WORDS = 400  # a printed page of short lines holds no more (a transcript runs on)


def _pickable(sentences: Sequence[Sentence]) -> list[Sentence]:
    left_out = structure_only(sentences)
    return [s for i, s in enumerate(sentences) if i not in left_out]


def many_short_lines(sentences: Sequence[Sentence], pages: int) -> bool:
    """Whether the document is one page of many short lines (see the module docstring)."""
    if pages > 1:
        return False
    counts = [word_count(s.text) for s in _pickable(sentences)]
    if len(counts) < MIN_LINES or sum(counts) > PAGE_WORDS:
        return False
    short = sum(c <= SHORT_WORDS for c in counts)
    return short >= SHORT_SHARE * len(counts) and median(counts) <= MEDIAN_WORDS


def without_title_words(text: str, title: str) -> str:
    """``text`` without a heading glued in front: a run of two or more of the title's words
    followed by a capitalised word ("Example document Beautiful is …" → "Beautiful is …")."""
    own = {w.lower() for w in title.split()}
    words = text.split()
    n = 0
    while n < len(words) - 1 and words[n].lower() in own:
        n += 1
    if n >= 2 and words[n][:1].isupper():
        return " ".join(words[n:])
    return text


def opening_lines(
    sentences: Sequence[Sentence], words: int, title: str = "", said: Sequence[str] = ()
) -> list[SummaryPart]:
    """The page's first short lines in reading order, about ``words`` words (at least one),
    skipping lines the gist already says and any line past SHORT_WORDS words."""
    out: list[SummaryPart] = []
    total = 0
    for s in _pickable(sentences):
        text = without_title_words(s.text, title) if not out else s.text
        count = word_count(text)
        if text in said or count > SHORT_WORDS:
            continue
        if out and total + count > words:
            break
        if junk_reason(text) is not None and out:  # "Readability counts.": with the line before
            joined = f"{out[-1].text} {text}"
            if junk_reason(joined) is None:
                out[-1] = SummaryPart(joined, out[-1].pages)
                total += count
            continue
        if junk_reason(text) is None:
            out.append(SummaryPart(text, (s.page,)))
            total += count
    return out
