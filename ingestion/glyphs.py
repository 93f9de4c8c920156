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
from collections.abc import Callable
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
    if not _white_text(page) or len(text) != textpage.count_chars():
        return {}
    white = _white_reader(textpage, text)
    fixes: dict[str, str] = {}
    for m in _RUN.finditer(text):
        run, start = m.group(), m.start()
        if len(run) < 3:
            continue
        # A glyph inside the run is dropped when white between two that are not; its
        # neighbours are read only then (most glyphs are not white: fewer calls).
        drop = [
            k
            for k in range(1, len(run) - 1)
            if white(start + k) and not white(start + k - 1) and not white(start + k + 1)
        ]
        if drop:
            fixes[run] = "".join(ch for k, ch in enumerate(run) if k not in drop)
    return fixes


def _white_reader(textpage: Any, text: str) -> Callable[[int], bool]:
    """Whether the character at an index is a glyph filled in white. A glyph's fill is its
    text object's, so the fill is read once per text object (PDFium's handle for it) and
    not once per glyph (#19's speed pass: pages with white text have thousands of glyphs)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    rgba = [ctypes.c_uint() for _ in range(4)]
    refs = [ctypes.byref(c) for c in rgba]
    # The handle as a plain address (a dictionary key), not a ctypes pointer object.
    function = ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value or 0
    text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(function)
    address = ctypes.cast(raw, ctypes.c_void_p).value
    filled: dict[int | None, bool] = {}

    def white(i: int) -> bool:
        if text[i].isspace():
            return False
        handle = text_object(address, i)
        found = filled.get(handle)
        if found is None:
            found = filled[handle] = bool(
                pdfium_c.FPDFText_GetFillColor(raw, i, *refs)
                and all(c.value >= WHITE for c in rgba[:3])
                and rgba[3].value > 0
            )
        return found

    return white


def _white_text(page: Any) -> bool:
    """Whether any text object on the page is filled in white (most pages: none, checked
    object by object, not glyph by glyph), inside form objects too, as
    ``page.get_objects(filter=[FPDF_PAGEOBJ_TEXT])`` walks them (PDFium's handles read
    directly: no Python object per page object)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    rgba = [ctypes.c_uint() for _ in range(4)]
    refs = [ctypes.byref(c) for c in rgba]

    def white(obj: Any) -> bool:
        return bool(
            pdfium_c.FPDFPageObj_GetFillColor(obj, *refs)
            and all(c.value >= WHITE for c in rgba[:3])
        )

    return _any_text_object(page.raw, white)


MAX_FORM_DEPTH = 15  # as pypdfium2's get_objects descends into form objects


def _any_text_object(page: Any, test: Callable[[Any], bool]) -> bool:
    """Whether ``test`` holds for a text object of the page (or of a form object on it, to
    MAX_FORM_DEPTH levels), in the order and with the errors of pypdfium2's
    ``get_objects``."""
    import pypdfium2.raw as pdfium_c
    from pypdfium2 import PdfiumError

    text, form = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM
    kind_of = pdfium_c.FPDFPageObj_GetType

    def walk(parent: Any, count: Callable[..., int], get: Callable[..., Any], level: int) -> bool:
        n = count(parent)
        if n < 0:
            raise PdfiumError("Failed to get number of pageobjects.")
        for i in range(n):
            obj = get(parent, i)
            if not obj:
                raise PdfiumError("Failed to get pageobject.")
            kind = kind_of(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
                raise PdfiumError("Failed to determine pageobject type.")
            if kind == text and test(obj):
                return True
            if kind == form and level < MAX_FORM_DEPTH - 1:
                inner = (pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject)
                if walk(obj, *inner, level + 1):
                    return True
        return False

    return walk(page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, 0)


def with_fixes(text: str, fixes: dict[str, str]) -> str:
    """``text`` with each run of `hidden_glyphs` replaced."""
    for run, fixed in fixes.items():
        text = text.replace(run, fixed)
    return text
