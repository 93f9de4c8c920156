"""A closing legal notice page is no source of key points (#19)."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.notice_pages import notice_page

BODY = [
    Sentence("The sensor reads ultraviolet light in two bands and reports each as a count.", 1),
    Sentence("Its supply voltage ranges from 1.7 V to 3.6 V at room temperature.", 2),
]
NOTICE = [
    "Harbour Devices disclaims any and all liability for errors in this sheet.",
    "Harbour Devices makes no warranty regarding the suitability of the products.",
    "It is the customer's responsibility to validate that a product suits an application.",
    "Product names noted herein may be trademarks of their respective owners.",
    "© 2017 Harbour Devices. All rights reserved.",
]


def test_the_last_page_of_legal_notices_is_left_out_whole() -> None:
    sents = [*BODY, *(Sentence(t, 3) for t in NOTICE)]
    assert notice_page(sents) == {2, 3, 4, 5, 6}


def test_a_last_page_of_prose_with_a_copyright_line_keeps_its_sentences() -> None:
    prose = [
        "The board reviewed the readings of every sensor on the pier in the spring.",
        "Most sensors drifted by less than a tenth of a volt over the year.",
        "Two sensors failed in the storm and were replaced within a week.",
        "The board will publish its next review in the autumn.",
        "Its warranty covers the sensors for two years.",
    ]
    sents = [*BODY, *(Sentence(t, 3) for t in [*prose, "© 2017 Harbour Devices."])]
    assert notice_page(sents) == set()
    # A two-page note is all body, whatever its last page says.
    short = [BODY[0], *(Sentence(t, 2) for t in NOTICE)]
    assert notice_page(short) == set()
