"""An acknowledgements section (#19): the author's thanks, never a key point or what the
document is about.

It opens with its heading, a line of its own or glued to its first sentence, which begins
with a capital ("Acknowledgments I would like to express …"), and runs to the next heading
or the end of its page (a thesis sets it on a page of its own before the contents; a paper at
its end, before the references).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.document import Sentence

ACKNOWLEDGEMENTS = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:acknowledg(?:e)?ments?|danksagung|remerciements|"
    r"agradecimientos|ringraziamenti|благодарности)[.:]?(?=\s*$|\s+(?-i:[A-ZÀ-ÞА-Я]))",
    re.IGNORECASE,
)
_ENDS = frozenset({"heading", "title"})


def acknowledgements(sentences: Sequence[Sentence]) -> set[int]:
    """The indexes of the sentences in acknowledgements sections (its heading's included)."""
    out: set[int] = set()
    inside: Sentence | None = None  # the section's opening sentence
    for i, s in enumerate(sentences):
        if ACKNOWLEDGEMENTS.match(s.text.strip()):
            inside = s
        elif inside is not None and (s.page != inside.page or s.role in _ENDS):
            inside = None
        if inside is not None:
            out.add(i)
    return out
