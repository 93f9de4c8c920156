"""A slide deck's key points (#19): what its first content slides say, slide by slide, under
each slide's title ("Metadata consolidation: Exploitation of external bibliographical
databases …; Crossref: …"), instead of bullets ranked out of their slides.

By format: the title slide (the first page) is left out; on each later slide the first
bullets that read as a statement are taken: DECK_MIN_WORDS to DECK_MAX_WORDS words (a
longer "bullet" is a slide's text run together), mostly letters, few tokens with digits (a
table or a code list on a slide is no key point: "Code Label J9190 Fluorouracil 500 mg …"),
no program code (braces, "//", the one-letter tokens of letter-spaced type), and a word in
lowercase (a line of capitalised words is a heading or a label run), not opening on a short
lowercase word (the rest of the line above: "or …", "and …"), and no reason of the
prose rules against it beyond a bullet's shape (`BULLET_REASONS`). Each slide gives up to
PER_SLIDE statements; where they run past the word budget, one statement from each of
slides spread evenly over the deck.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.document import Sentence
from summarizer.base import SummaryPart
from summarizer.candidates import junk_reason
from summarizer.lead_ins import without_bullet

DECK_MIN_WORDS = 6
DECK_MAX_WORDS = 35
PER_SLIDE = 2  # statements taken from one slide
DIGIT_SHARE = 0.2  # tokens with a digit a statement may have, at most
LETTER_SHARE = 0.7
CONTINUATION_CHARS = 3  # a bullet opening on so short a lowercase word continues another
SINGLE_SHARE = 0.25  # one-character tokens a statement may have, at most
_CODE = re.compile(r"[{}]|//| == | := ")
MIN_SLIDES = 2  # slides with statements that make this worth showing
_BULLET = re.compile(r"^[\W\d_]*?(?=[^\W\d_])")  # marks before the first letter: "• ", "– "
_ROLES = ("list item", "paragraph")
# What the prose rules may say of a bullet that is still a statement: it need not start or
# end like a sentence, nor be one; any other reason (a label run, a caption, cells, a run-on
# cut at an abbreviation) rules it out.
BULLET_REASONS = (None, "starts mid-sentence", "question", "no sentence end")


def statement(text: str) -> bool:
    """Whether a bullet reads as a statement (see the module docstring)."""
    tokens = text.split()
    if not DECK_MIN_WORDS <= len(tokens) <= DECK_MAX_WORDS:
        return False
    chars = text.replace(" ", "")
    if sum(ch.isalpha() for ch in chars) < LETTER_SHARE * len(chars):
        return False
    if sum(any(ch.isdigit() for ch in t) for t in tokens) > DIGIT_SHARE * len(tokens):
        return False
    if sum(len(t) == 1 for t in tokens) > SINGLE_SHARE * len(tokens) or _CODE.search(text):
        return False  # letter-spaced code on a slide ("f u nc main ( ) {")
    if not any(t[:1].islower() for t in tokens[1:]):
        return False
    if tokens[0].islower() and len(tokens[0]) <= CONTINUATION_CHARS:
        return False  # "or extensions of Java, …": the rest of a line above, not a statement
    ended = text if text[-1] in ".!?…" else f"{text}."
    return junk_reason(ended) in BULLET_REASONS


def _bare(text: str) -> str:
    """A bullet without its mark ("• ", "– ")."""
    text = " ".join(without_bullet(text).split())
    m = _BULLET.match(text)
    return text[m.end() :] if m and m.end() <= 2 else text


def deck_points(
    sentences: Sequence[Sentence], words: int, said: Sequence[str] = ()
) -> list[SummaryPart]:
    """The deck's key points, one part per slide title (a title over several slides is one
    slide; untitled slides go by page), see the module docstring, none of ``said`` (the
    gist's lines); past about ``words`` words, one statement from each of slides spread
    evenly over the deck; [] where fewer than MIN_SLIDES slides have a statement."""
    first = min((s.page for s in sentences), default=1)
    known = {" ".join(t.split()) for t in said}
    slides: dict[str | int, list[Sentence]] = {}
    for s in sentences:
        if s.page == first or s.role not in _ROLES:
            continue
        text = _bare(s.text)
        taken = slides.setdefault(" ".join(s.section.split()) or s.page, [])
        fresh = not any(text in k for k in known)
        if fresh and statement(text) and len(taken) < PER_SLIDE:
            taken.append(Sentence(text, s.page, s.role, s.section))
    found = [(slide, points) for slide, points in slides.items() if points]
    # A slide whose title and statements read together as a heading says nothing.
    found = [(slide, points) for slide, points in found if _shown(_part(slide, points[:1]))]
    if len(found) < MIN_SLIDES:
        return []  # fewer slides with statements than a deck's points need
    parts = [_part(slide, points) for slide, points in found]
    parts = [
        p if _shown(p) else _part(slide, points[:1])
        for p, (slide, points) in zip(parts, found, strict=True)
    ]
    if sum(len(p.text.split()) for p in parts) > words:
        # More than the budget holds: one statement a slide, from slides spread evenly over
        # the deck (its first slides alone would say only how it begins).
        parts = [_part(slide, points[:1]) for slide, points in found]
        size = sum(len(p.text.split()) for p in parts) / len(parts)
        keep = min(len(parts), max(MIN_SLIDES, int(words / size)))
        step = len(parts) / keep
        parts = [parts[int(i * step)] for i in range(keep)]
    return parts if len(parts) >= MIN_SLIDES else []


def _shown(part: SummaryPart) -> bool:
    return junk_reason(part.text) in BULLET_REASONS


def _part(slide: str | int, points: Sequence[Sentence]) -> SummaryPart:
    """One slide's statements under its title ("Title: first; second.")."""
    title = slide.strip(" .:;,") if isinstance(slide, str) else ""
    body = "; ".join(s.text.rstrip(" .;:") for s in points)
    text = f"{title}: {body}." if title and not body.startswith(title) else f"{body}."
    return SummaryPart(text, tuple(dict.fromkeys(s.page for s in points)))
