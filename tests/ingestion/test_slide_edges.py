"""#19: a slide's text ends at its page's edge. In a deck (most pages landscape, few words a
page) the next slide's title is never glued to the previous slide's last line; in a portrait
document a sentence that runs over a page break is kept whole."""

from __future__ import annotations

from ingestion import document_sentences
from ingestion.document import Document, Page, PageQuality
from ingestion.vocabulary import slide_pages

SLIDES = [
    "Sources of Beam Loss\n• Space charge: large tune shift\n• Accidental loss: kicker failure",
    "Low-loss Design Philosophy\n• Maximize acceptance\n• Optimize the injection process",
]


def _doc(texts: list[str], landscape: int) -> Document:
    q = PageQuality(100, 1.0, 1.0, False, False)
    pages = tuple(Page(i + 1, t, q) for i, t in enumerate(texts))
    return Document("x.pdf", "0", "Ring", len(pages), pages, landscape_pages=landscape)


def test_a_slides_text_ends_at_its_page_edge() -> None:
    texts = [s.text for s in document_sentences(_doc(SLIDES, landscape=2))]
    last = next(t for t in texts if "kicker failure" in t)
    assert "Low-loss" not in last and last.endswith("kicker failure")
    # Portrait pages: a sentence that runs over the break is one sentence.
    joined = [s.text for s in document_sentences(_doc(SLIDES, landscape=0))]
    assert any("kicker failure Low-loss Design Philosophy" in t for t in joined)


def test_slide_pages_are_landscape_pages_with_few_words() -> None:
    assert slide_pages(landscape=20, pages=30, words=2400)
    assert not slide_pages(landscape=20, pages=30, words=9000)  # a landscape report
    assert not slide_pages(landscape=1, pages=1, words=40)  # one page is no deck
