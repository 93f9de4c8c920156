"""Glyphs a font maps to no character (#19): a ligature's place, kept for the cleaning pass.

A font whose "fi", "ff", "ffi" glyphs have no Unicode mapping leaves a hole in a word
("di culties"); PDFium reports it as U+FFFE in the page text, the mark it also uses for a
hyphen that ends a line, which cleaning deletes ("diculties"). The glyph's own code tells them
apart (0 for a glyph without text, 2 for the hyphen), and its box how many letters it drew: a
glyph wider than it is tall is three letters ("ffi"), a narrower one two ("fi").
`ingestion.clean.restore_ligatures` then spells the letters from the document's vocabulary.
"""

from __future__ import annotations

import functools
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
_RUN = re.compile(r"\S{3,}")  # a run with a glyph inside (neither end is dropped)


def hidden_glyphs(page: Any, textpage: Any, text: str) -> dict[str, str]:
    """Runs of ``text`` (as in `mark_lost_ligatures`) holding a hidden white glyph, each with
    the glyph left out."""
    if not _white_text(page) or len(text) != textpage.count_chars():
        return {}
    white = _white_reader(textpage)
    fixes: dict[str, str] = {}
    for m in _RUN.finditer(text):
        start, end = m.span()
        # A glyph inside the run is dropped when white between two that are not; its
        # neighbours are read only then (most glyphs are not white: fewer calls).
        drop = [
            i
            for i in range(start + 1, end - 1)
            if white(i) and not white(i - 1) and not white(i + 1)
        ]
        if drop:
            fixes[m.group()] = "".join(ch for i, ch in enumerate(m.group(), start) if i not in drop)
    return fixes


def _white_reader(textpage: Any) -> Callable[[int], bool]:
    """Whether the character at an index (not a space) is a glyph filled in white. A glyph's
    fill is its text object's, so the fill is read once per text object (PDFium's handle for
    it), not once per glyph (#19's speed pass: pages with white text have thousands)."""
    calls = _calls()
    rgba, at = _color()
    address = _address(textpage.raw)
    filled: dict[int | None, bool] = {}

    def white(i: int) -> bool:
        handle = calls.text_object(address, i)
        found = filled.get(handle)
        if found is None:
            found = filled[handle] = bool(
                calls.glyph_fill(address, i, *at)
                and rgba[0] >= WHITE
                and rgba[1] >= WHITE
                and rgba[2] >= WHITE
                and rgba[3] > 0
            )
        return found

    return white


MAX_FORM_DEPTH = 15  # as pypdfium2's get_objects descends into form objects
# pypdfium2's words for an object of no known type (a page's warning quotes them).
_UNKNOWN_TYPE = (
    "Failed to determine pageobject type, did you pass in a valid FPDF_PAGEOBJECT handle?"
)


def _white_text(page: Any) -> bool:
    """Whether any text object on the page is filled in white (most pages: none, checked
    object by object, not glyph by glyph), inside form objects too, in the order and with the
    errors of ``page.get_objects(filter=[FPDF_PAGEOBJ_TEXT])`` (PDFium's handles read as
    plain addresses: no Python object per page object)."""
    from pypdfium2 import PdfiumError

    calls = _calls()
    rgba, at = _color()

    def walk(parent: int, count: Callable[..., int], get: Callable[..., int], level: int) -> bool:
        n = count(parent)
        if n < 0:
            raise PdfiumError("Failed to get number of pageobjects.")
        for i in range(n):
            obj = get(parent, i)
            if not obj:
                raise PdfiumError("Failed to get pageobject.")
            kind = calls.kind(obj)
            if kind == calls.UNKNOWN:
                raise PdfiumError(_UNKNOWN_TYPE)
            if (
                kind == calls.TEXT
                and calls.object_fill(obj, *at)
                and rgba[0] >= WHITE
                and rgba[1] >= WHITE
                and rgba[2] >= WHITE
            ):
                return True
            inner = kind == calls.FORM and level < MAX_FORM_DEPTH - 1
            if inner and walk(obj, calls.form_count, calls.form_object, level + 1):
                return True
        return False

    return walk(_address(page.raw), calls.page_count, calls.page_object, 0)


@functools.cache
def _calls() -> Any:
    """The PDFium functions read here, taking and giving plain addresses (ints) instead of
    ctypes pointer objects: about half the time a call."""
    import ctypes
    from types import SimpleNamespace

    import pypdfium2.raw as pdfium_c

    v, i = ctypes.c_void_p, ctypes.c_int

    def plain(function: Any, restype: Any, *argtypes: Any) -> Any:
        address = ctypes.cast(function, v).value or 0
        return ctypes.CFUNCTYPE(restype, *argtypes)(address)

    return SimpleNamespace(
        text_object=plain(pdfium_c.FPDFText_GetTextObject, v, v, i),
        glyph_fill=plain(pdfium_c.FPDFText_GetFillColor, i, v, i, v, v, v, v),
        page_count=plain(pdfium_c.FPDFPage_CountObjects, i, v),
        page_object=plain(pdfium_c.FPDFPage_GetObject, v, v, i),
        form_count=plain(pdfium_c.FPDFFormObj_CountObjects, i, v),
        form_object=plain(pdfium_c.FPDFFormObj_GetObject, v, v, ctypes.c_ulong),
        kind=plain(pdfium_c.FPDFPageObj_GetType, i, v),
        object_fill=plain(pdfium_c.FPDFPageObj_GetFillColor, i, v, v, v, v, v),
        TEXT=pdfium_c.FPDF_PAGEOBJ_TEXT,
        FORM=pdfium_c.FPDF_PAGEOBJ_FORM,
        UNKNOWN=pdfium_c.FPDF_PAGEOBJ_UNKNOWN,
    )


def _color() -> tuple[Any, list[int]]:
    """Four unsigned ints for a colour's R, G, B, A, and their addresses."""
    import ctypes

    rgba = (ctypes.c_uint * 4)()
    base = ctypes.addressof(rgba)
    return rgba, [base + 4 * k for k in range(4)]


def _address(handle: Any) -> int:
    import ctypes

    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def with_fixes(text: str, fixes: dict[str, str]) -> str:
    """``text`` with each run of `hidden_glyphs` replaced."""
    for run, fixed in fixes.items():
        text = text.replace(run, fixed)
    return text
