"""Glyphs a font maps to no character (#19): a ligature's place, kept for the cleaning pass.

A font whose "fi", "ff", "ffi" glyphs have no Unicode mapping leaves a hole in a word
("di culties"); PDFium reports it as U+FFFE in the page text, the mark it also uses for a
hyphen that ends a line, which cleaning deletes ("diculties"). The glyph's own code tells them
apart (0 for a glyph without text, 2 for the hyphen), and its box how many letters it drew: a
glyph wider than it is tall is three letters ("ffi"), a narrower one two ("fi").
`ingestion.clean.restore_ligatures` then spells the letters from the document's vocabulary.
"""

from __future__ import annotations

import re
from typing import Any

LOST = "\x00"  # one per letter the glyph drew
_HOLE = "\ufffe"
_IN_WORD = re.compile(rf"[^\W\d_]+{_HOLE}[^\W\d_]+")
WIDE = 0.98  # width against height of a glyph of three letters ("ffi" is about 1.2, "fi" 0.8)


def mark_lost_ligatures(textpage: Any, text: str) -> dict[str, str]:
    """Words of ``text`` (PDFium's ``get_text_range``, one code unit a character) whose hole
    is a glyph without text, each with LOST once per letter in its place."""
    if _HOLE not in text:
        return {}
    import pypdfium2.raw as pdfium_c

    if len(text) != textpage.count_chars():
        return {}  # text and characters out of step: nothing to read the holes from
    found: dict[str, str] = {}
    for m in _IN_WORD.finditer(text):
        at = m.start() + m.group().index(_HOLE)
        if pdfium_c.FPDFText_GetUnicode(textpage.raw, at) != 0:
            continue  # a hyphen at a line's end
        left, bottom, right, top = textpage.get_charbox(at)
        letters = 3 if right - left >= WIDE * max(top - bottom, 1e-3) else 2
        found[m.group()] = m.group().replace(_HOLE, LOST * letters, 1)
    return found


def with_ligature_marks(text: str, marks: dict[str, str]) -> str:
    """``text`` with each marked word of `mark_lost_ligatures` in place."""
    if not marks:
        return text
    return _IN_WORD.sub(lambda m: marks.get(m.group(), m.group()), text)
