"""A document's closing notice page (#19): the last page of a document of several pages where
three or more sentences, and a fifth of its sentences or more, are legal notices (copyright,
trademark, licence, warranty, liability, disclaimer, "without notice", "reserves the right"):
a vendor's legal disclaimer or a publisher's imprint, not a reference list's web addresses.
Its other sentences ("It is the customer's responsibility to validate …") are the same
notice's, never a key point."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.document import Sentence

_LEGAL = re.compile(
    r"copyright|©|all rights reserved|trademarks?\b|licen[cs]e|reserves? the right"
    r"|without (?:prior )?(?:written )?notice|disclaim|warrant(?:y|ies)\b|liabilit",
    re.IGNORECASE,
)
NOTICE_LINES = 3  # notice sentences on the last page that make it a notice page ...
NOTICE_SHARE = 0.2  # ... and this share of its sentences
MIN_PAGES = 3  # a document this long has a body apart from its closing notice


def notice_page(sentences: Sequence[Sentence]) -> set[int]:
    """Indices of the sentences on a closing notice page (see the module docstring)."""
    if not sentences:
        return set()
    last = max(s.page for s in sentences)
    if last < MIN_PAGES:
        return set()
    on_last = [i for i, s in enumerate(sentences) if s.page == last]
    notices = sum(bool(_LEGAL.search(sentences[i].text)) for i in on_last)
    noticed = notices >= max(NOTICE_LINES, NOTICE_SHARE * len(on_last))
    return set(on_last) if noticed else set()
