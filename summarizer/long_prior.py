"""What a long document's key points prefer (#19): the overview a chapter opens with, over
sentences that need the one before them ("So he asks …", "Thus it …", "In this way …") and
over a proof's or an algorithm's set-up ("Let R[i] be …", lines dense with variables).

Only for long documents (papers, books, manuals, lecture notes: `LONG_PAGES` pages or more):
short news opens with a lead that begins "This …" or "So …" often enough that the same
weights cost it its best sentence (XSum fell below Lead-3 when they applied to all texts).
`summarizer.preference.key_point_prior` multiplies its factors by `long_document_prior`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.document import Section
from summarizer.point_shape import MATH_SIGN, variables

LONG_PAGES = 8  # pages a document needs for these weights (its last sentence's page)
CONTEXT_WEIGHT = 0.5  # a sentence that needs the one before it
SETUP_WEIGHT = 0.5  # a math set-up: a variable defined, or a line dense with variables
OPENING_WEIGHT = 1.5  # a chapter's opening sentences: the overview it gives
OPENING_SENTENCES = 3  # ... this many of each top-level section
OPENING_WORDS = 8
MIN_CHAPTERS = 3  # top-level sections an outline needs for chapters to count

# A connective that ties the sentence to the one before it ("Thus S′ satisfies …", "Then,
# …", "So Harry asks …").
_CONNECTIVE = (
    r"(?:so|then|thus|hence|therefore|consequently|accordingly|otherwise|instead|again"
    r"|dann|also|daher|somit|deshalb|folglich|alors|donc|ainsi|entonces|luego|por lo tanto)"
)
_CONTEXT_BOUND = re.compile(
    rf"^{_CONNECTIVE}[,\s]"
    r"|^(?:in\s+this\s+(?:way|case|manner|sense)|at\s+this\s+point|in\s+(?:that|such\s+a)\s+case"
    r"|for\s+(?:this|that|these)\s+reasons?|to\s+(?:do|see|achieve)\s+this"
    r"|as\s+(?:mentioned|noted|shown|discussed|described|seen|stated)\s+(?:above|before|earlier"
    r"|previously)|in\s+the\s+(?:previous|preceding|last)\s+(?:section|chapter|example|step)"
    r"|(?:the|this|that|these)\s+(?:above|former|latter)\b|d\.\s?h\.|i\.\s?e\.,?\s)"
    # a narrative step of a worked example: "So Harry asks …", "Then Sally commits …"
    rf"|^(?:so|then|now|next)\s+(?-i:[A-Z][a-z]+\s+[a-z]+s)\b"
    # pointing back at what was said: "… satisfies both properties above."
    r"|\b(?:above|aforementioned)\.$",
    re.IGNORECASE,
)
SETUP_VARIABLES = 2  # single-letter variables that make a line a set-up


def context_bound(text: str) -> bool:
    """A sentence that needs the one before it: a connective and a pronoun or comma after it,
    a back-reference ("In this way", "At this point", "As shown above"), or a worked example's
    narrative step ("So Harry asks …")."""
    return bool(_CONTEXT_BOUND.search(text))


def math_setup(text: str) -> bool:
    """A set-up or a proof's step rather than a result: two or more single-letter variables
    in the line, or one and a math sign ("… a disk with mj < k colors …")."""
    n = variables(text.split())
    return n >= SETUP_VARIABLES or (n >= 1 and bool(MATH_SIGN.search(text)))


def openings(texts: Sequence[str], sections: Sequence[str], outline: Sequence[Section]) -> set[int]:
    """Indices of the first `OPENING_SENTENCES` sentences (of `OPENING_WORDS` words or more)
    under each top-level section of an outline that has `MIN_CHAPTERS` of them (a book's or a
    manual's chapters)."""
    top = {s.title for s in outline if s.level == 0}
    if len(top) < MIN_CHAPTERS:
        return set()
    seen: dict[str, int] = {}
    out = set()
    for i, (text, section) in enumerate(zip(texts, sections, strict=True)):
        if len(text.split()) < OPENING_WORDS:
            continue  # a heading, a label: not the overview
        if section in top and seen.get(section, 0) < OPENING_SENTENCES:
            seen[section] = seen.get(section, 0) + 1
            out.add(i)
    return out


def long_document_prior(
    texts: Sequence[str],
    pages: Sequence[int],
    outline: Sequence[Section] = (),
    sections: Sequence[str] = (),
) -> list[float]:
    """One factor per sentence: 1 everywhere in a short document; in a long one, less for
    context-bound sentences and math set-ups, more for a chapter's opening sentences."""
    if max(pages, default=0) < LONG_PAGES:
        return [1.0] * len(texts)
    opening = openings(texts, sections, outline) if sections else set()
    out = []
    for i, text in enumerate(texts):
        factor = OPENING_WEIGHT if i in opening else 1.0
        if context_bound(text):
            factor *= CONTEXT_WEIGHT
        if math_setup(text):
            factor *= SETUP_WEIGHT
        out.append(factor)
    return out
