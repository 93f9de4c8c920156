"""Reference entries glued to sentences (#19, blind read 7): an API manual's field labels and
a table's header row are no key points, by their format.

- **A field label** is a short "Label:" or "Label label:" (one or two words, the first
  capitalised) opening lines on at least LABEL_PAGES pages and MIN_LABELS lines, most of them
  (FIELD_SHARE) followed by a short value, not a sentence: the token after the colon is no
  capitalised word followed by a lowercase one ("Return type: string pageCount Contains …",
  "Type: float Classes …"; "Note: The harbour …" opens a sentence). Every line it opens is a
  definition list's entry run into the next: never a key point.
- **A table's header row glued before a sentence** is a run of two to five capitalised cells
  ("Attribute Short Description", "Method / Attribute") followed at once by a dotted name
  (a cell holding "Outline.dest.page", "IRect.width"), its first word opening such lines on
  at least HEADER_PAGES pages: the line is the table's first row run into its header.
- **A name-and-description table read as a sentence**: a code name (lower camelCase inside
  the line: at least two lowercase letters, then a capital: "linkDest"; or a dotted name
  anywhere: "Document.outline", "Document.ToC()") runs straight into a capitalised word and
  a lowercase one ("… linkDest The destination of …"): an entry's name and its description,
  no sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence

from ingestion.document import Sentence

LABEL_PAGES = 4
MIN_LABELS = 8
FIELD_SHARE = 0.6
HEADER_PAGES = 3
_LABEL = re.compile(r"^([A-Z][^\W\d_]*(?: [^\W\d_]+)?):\s+(\S+)(?:\s+(\S+))?")
_OPENER = re.compile(r"^[A-Z][^\W\d_]*$")
_LOWER = re.compile(r"^[a-z]")
_CELL = re.compile(r"^(?:[A-Z][^\W\d_]*|/)$")
_DOTTED = re.compile(r"^[^\W\d_]\w*(?:\.[^\W\d_]\w*)+(?:\(\))?$")
MAX_CELLS = 5
_CODE_NAME = r"(?:(?<=\s)[a-z]{2,}[A-Z]\w*|(?<!\S)[^\W\d_]\w*(?:\.[^\W\d_]\w*)+(?:\(\))?)"
_CAMEL = re.compile(rf"{_CODE_NAME}\s+[A-Z][^\W\d_]*\s+[a-z]")


def _field(m: re.Match[str]) -> bool:
    """Whether a label's value is short: its first token opens no sentence."""
    value, after = m.group(2), m.group(3) or ""
    return not (_OPENER.match(value) and _LOWER.match(after))


def _by_key(
    sentences: Sequence[Sentence], key: Callable[[str], str]
) -> tuple[dict[str, set[int]], dict[str, list[int]]]:
    """The pages and the sentences each non-empty ``key`` of a sentence's text opens."""
    pages: dict[str, set[int]] = defaultdict(set)
    lines: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        k = key(s.text)
        if k:
            pages[k].add(s.page)
            lines[k].append(i)
    return pages, lines


def _label(text: str) -> str:
    m = _LABEL.match(text)
    return m.group(1) if m else ""


def field_label_lines(sentences: Sequence[Sentence]) -> set[int]:
    """The sentences opened by a field label (see the module docstring)."""
    pages, lines = _by_key(sentences, _label)
    return {
        i
        for label, at in lines.items()
        if len(pages[label]) >= LABEL_PAGES
        and len(at) >= MIN_LABELS
        and sum(_field(m) for j in at if (m := _LABEL.match(sentences[j].text)))
        >= FIELD_SHARE * len(at)
        for i in at
    }


def _header_opening(text: str) -> str:
    """The first cell of a header row run into a row with a dotted name; "" if none."""
    tokens = text.split()
    cells = 0
    while cells < min(len(tokens), MAX_CELLS + 1) and _CELL.match(tokens[cells]):
        cells += 1
    if 2 <= cells <= MAX_CELLS and cells < len(tokens) and _DOTTED.match(tokens[cells]):
        return tokens[0]
    return ""


def glued_header_lines(sentences: Sequence[Sentence]) -> set[int]:
    """The sentences that are a table's header row run into its first row (see above)."""
    pages, lines = _by_key(sentences, _header_opening)
    return {i for first, at in lines.items() if len(pages[first]) >= HEADER_PAGES for i in at}


def glued_entry(text: str) -> bool:
    """Whether a code name runs into the next entry's description inside ``text``."""
    return bool(_CAMEL.search(text))


def reference_lines(sentences: Sequence[Sentence]) -> set[int]:
    """Field-label, glued-header and glued-entry lines: never key points."""
    glued = {i for i, s in enumerate(sentences) if glued_entry(s.text)}
    return field_label_lines(sentences) | glued_header_lines(sentences) | glued
