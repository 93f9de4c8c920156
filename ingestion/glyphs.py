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


# A glyph filled in white between glyphs that are not: a spacer a reader never sees, whose
# font maps it to a character all the same ("监　制" read as "监制制"); white text on a dark
# panel is white from end to end and stays.
WHITE = 250
_RUN = re.compile(r"\S+")


def hidden_glyphs(page: Any, textpage: Any, text: str) -> dict[str, str]:
    """Runs of ``text`` (as in `mark_lost_ligatures`) holding a hidden white glyph, each with
    the glyph left out."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    if not _white_text(page) or len(text) != textpage.count_chars():
        return {}
    rgba = [ctypes.c_uint() for _ in range(4)]
    refs = [ctypes.byref(c) for c in rgba]

    def white(i: int) -> bool:
        if text[i].isspace() or not pdfium_c.FPDFText_GetFillColor(textpage.raw, i, *refs):
            return False
        return all(c.value >= WHITE for c in rgba[:3]) and rgba[3].value > 0

    fixes: dict[str, str] = {}
    for m in _RUN.finditer(text):
        run, start = m.group(), m.start()
        if len(run) < 3:
            continue
        seen = [not white(i) for i in range(start, m.end())]
        keep = [
            ch
            for k, ch in enumerate(run)
            if seen[k] or k in (0, len(run) - 1) or not (seen[k - 1] and seen[k + 1])
        ]
        if len(keep) < len(run):
            fixes[run] = "".join(keep)
    return fixes


def _white_text(page: Any) -> bool:
    """Whether any text object on the page is filled in white (most pages: none, checked
    object by object, not glyph by glyph)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    rgba = [ctypes.c_uint() for _ in range(4)]
    refs = [ctypes.byref(c) for c in rgba]
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
        if pdfium_c.FPDFPageObj_GetFillColor(obj.raw, *refs) and all(
            c.value >= WHITE for c in rgba[:3]
        ):
            return True
    return False


def with_fixes(text: str, fixes: dict[str, str]) -> str:
    """``text`` with each run of `hidden_glyphs` replaced."""
    for run, fixed in fixes.items():
        text = text.replace(run, fixed)
    return text
