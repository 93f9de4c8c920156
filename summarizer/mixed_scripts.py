"""Words that mix two alphabets (#19, blind read 7): broken encoding, never quoted.

A font without a sound ToUnicode map reads back as letters of another alphabet glued to the
real word ("ϲΒϴΒhabibi": the Arabic glyphs read as Greek capitals). By format:

- A **broken word** holds a run of at least MIN_RUN letters of one cased alphabet (Latin,
  Greek, Cyrillic) directly followed by a run of at least MIN_RUN letters of another, with no
  hyphen or space between ("TNF-α", "μm" and "ΔpH" are sound: one letter, or a hyphen).
- Quoting such a word, the runs in the alphabet with fewer letters on the quoted page are
  dropped ("ϲΒϴΒhabibi" → "habibi"); a spacing modifier glued to a word's end ("يبيبَح˴") goes
  too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import groupby, pairwise

MIN_RUN = 2
CASED = ("LATIN", "GREEK", "CYRILLIC")
_MODIFIER_END = re.compile(r"(?<=\w)[\u02b9-\u02ff]+(?=\s|$)")


def _alphabet(c: str) -> str:
    if not c.isalpha():
        return ""
    head = unicodedata.name(c, "").split(" ", 1)[0]
    return head if head in CASED else "other"


def _runs(word: str) -> list[tuple[str, str]]:
    return [(a, "".join(g)) for a, g in groupby(word, key=_alphabet)]


def broken_word(word: str) -> bool:
    """Whether ``word`` glues runs of two cased alphabets (see the module docstring)."""
    runs = [(a, r) for a, r in _runs(word) if a]
    return any(
        a in CASED and b in CASED and a != b and len(x) >= MIN_RUN and len(y) >= MIN_RUN
        for (a, x), (b, y) in pairwise(runs)
    )


def without_broken_words(text: str) -> str:
    """``text`` with each broken word's runs in its page's minority alphabet dropped, and
    spacing modifiers glued to words' ends removed."""
    text = _MODIFIER_END.sub("", text)
    words = text.split()
    if not any(broken_word(w) for w in words):
        return text
    counts = Counter(_alphabet(c) for c in text if _alphabet(c) in CASED)
    out = []
    for w in words:
        if broken_word(w):
            top = max((a for a, _ in _runs(w) if a in CASED), key=lambda a: counts[a])
            w = "".join(r for a, r in _runs(w) if a in ("", "other", top))
        if w:
            out.append(w)
    return " ".join(out)
