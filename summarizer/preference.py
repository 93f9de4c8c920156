"""Which sentences a summary prefers (#19): contributions, findings, recommendations and
conclusions before method detail, by what a sentence says ("We find …", "Our results show …")
and the section it stands in (Results, Conclusions … over Method, Related work …). The
extractive engine weighs its ranking with `key_point_prior`; the abstractive engine reads the
body in `preferred_order`, so the model sees the same preferred sentences first."""

from __future__ import annotations

from collections.abc import Sequence

from ingestion.document import Section, Sentence
from ingestion.vocabulary import FINDING, FINDING_SECTIONS, METHOD_SECTIONS, PURPOSE
from summarizer.long_prior import long_document_prior

FINDING_WEIGHT = 1.3  # "We find …", "Our results show …", "We recommend …"
FINDING_SECTION_WEIGHT = 1.2  # under Results, Conclusions, Recommendations …
METHOD_SECTION_WEIGHT = 0.85  # under Method, Related work, Background …
EARLY_CLAIM_WEIGHT = 1.4  # ... and a claim on the first pages: what a paper shows, up front
EARLY_PAGES = 2  # the first pages (abstract, introduction) of a document of
MIN_PAGES = 3  # ... this many pages at least (a one-page text's claims are all up front)


def key_point_prior(
    texts: Sequence[str],
    pages: Sequence[int],
    outline: Sequence[Section],
    sections: Sequence[str] = (),
) -> list[float]:
    """One factor per sentence: contributions, findings, recommendations and conclusions
    before method detail, by what the sentence says and the section it stands in (its own,
    `Sentence.section`, else its page's latest outline heading), a claim on the first pages
    of a paged document most (what the paper shows, its introduction says); in a long document, also
    a chapter's overview before context-bound sentences and set-ups (`long_document_prior`)."""
    heads = sorted(outline, key=lambda s: s.first_page)
    out = long_document_prior(texts, pages, outline, sections)
    paged = max(pages, default=0) >= MIN_PAGES
    for i, (text, page) in enumerate(zip(texts, pages, strict=True)):
        claim = FINDING.search(text) or (paged and PURPOSE.search(text))
        factor = FINDING_WEIGHT if claim else 1.0
        if factor > 1 and paged and page <= EARLY_PAGES and not text.startswith("("):
            factor *= EARLY_CLAIM_WEIGHT
        section = sections[i] if i < len(sections) else ""
        section = section or next((s.title for s in reversed(heads) if s.first_page <= page), "")
        if section and FINDING_SECTIONS.search(section):
            factor *= FINDING_SECTION_WEIGHT
        elif section and METHOD_SECTIONS.search(section):
            factor *= METHOD_SECTION_WEIGHT
        out[i] *= factor
    return out


# A court opinion states the question before the court in its opening part and its holding
# and disposition in its closing part; the procedural detail and the argument lie between.
ENDS_WEIGHT = 1.3
ENDS_SHARE = 0.15  # the opening and closing parts: this share of the pages each, one at least


def ends_prior(pages: Sequence[int]) -> list[float]:
    """One factor per sentence of a court opinion on ``pages``: `ENDS_WEIGHT` on its opening
    and closing pages (of a document of `MIN_PAGES` pages or more), else 1."""
    last = max(pages, default=0)
    if last < MIN_PAGES:
        return [1.0] * len(pages)
    span = max(1, round(ENDS_SHARE * last))
    return [ENDS_WEIGHT if p <= span or p > last - span else 1.0 for p in pages]


def preferred_order(
    sentences: Sequence[Sentence], outline: Sequence[Section] = ()
) -> list[Sentence]:
    """``sentences`` with the preferred first (highest `key_point_prior`), method detail last,
    each group in document order (a stable sort: a text with no findings keeps its order)."""
    prior = key_point_prior(
        [s.text for s in sentences],
        [s.page for s in sentences],
        outline,
        [s.section for s in sentences],
    )
    order = sorted(range(len(sentences)), key=lambda i: -prior[i])
    return [sentences[i] for i in order]
