"""Glyphs a font maps to no character (#19): a ligature's place, kept for the cleaning pass.

A font whose "fi", "ff", "ffi" glyphs have no Unicode mapping leaves a hole in a word
("di culties"); PDFium reports it as U+FFFE in the page text, the mark it also uses for a
hyphen that ends a line, which cleaning deletes ("diculties"). The glyph's own code tells them
apart (0 for a glyph without text, 2 for the hyphen), and its box how many letters it drew: a
glyph wider than it is tall is three letters ("ffi"), a narrower one two ("fi").
`ingestion.clean.restore_ligatures` then spells the letters from the document's vocabulary.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable, Iterator
from typing import Any

from ingestion.glyph_reads import address, calls, white_glyphs, white_text

LOST = "\x00"  # one per letter the glyph drew
_HOLE = "\ufffe"
_IN_WORD = re.compile(rf"[^\W\d_]+{_HOLE}[^\W\d_]+")
WIDE = 0.98  # width against height of a glyph of three letters ("ffi" is about 1.2, "fi" 0.8)


def mark_lost_ligatures(textpage: Any, text: str) -> dict[str, str]:
    """Words of ``text`` (PDFium's ``get_text_range``, one code unit a character) whose hole
    is a glyph without text, each with LOST once per letter in its place."""
    if _HOLE not in text:
        return {}
    if len(text) != textpage.count_chars():
        return {}  # text and characters out of step: nothing to read the holes from
    unicode, page = calls().unicode, address(textpage.raw)
    found: dict[str, str] = {}
    for start, at, end in holes_in_words(text):
        if unicode(page, at) != 0:
            continue  # a hyphen at a line's end
        left, bottom, right, top = textpage.get_charbox(at)
        letters = 3 if right - left >= WIDE * max(top - bottom, 1e-3) else 2
        word = text[start:end]
        found[word] = word.replace(_HOLE, LOST * letters, 1)
    return found


_LETTER = re.compile(r"[^\W\d_]")  # as in _IN_WORD


def holes_in_words(text: str) -> Iterator[tuple[int, int, int]]:
    """Each match of ``_IN_WORD.finditer(text)`` as its start, hole and end, found from the
    holes outward (the regex tries every letter of the page: most of this step's time)."""
    n, after = len(text), 0  # where the last match ended
    hole = text.find(_HOLE)
    while hole != -1:
        if (
            hole > after
            and hole + 1 < n
            and _LETTER.match(text, hole - 1)
            and _LETTER.match(text, hole + 1)
        ):
            start, end = hole - 1, hole + 2
            while start > after and _LETTER.match(text, start - 1):
                start -= 1
            while end < n and _LETTER.match(text, end):
                end += 1
            yield start, hole, end
            after = end
            hole = text.find(_HOLE, end)
        else:
            hole = text.find(_HOLE, hole + 1)


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
_LONE_WHITE = re.compile(rb"(?<=\x00)\x01(?=\x00)")  # in a mask of white glyphs


def hidden_glyphs(page: Any, textpage: Any, text: str) -> dict[str, str]:
    """Runs of ``text`` (as in `mark_lost_ligatures`) holding a hidden white glyph, each with
    the glyph left out."""
    if not _white_text(page) or len(text) != textpage.count_chars():
        return {}
    mask = white_glyphs(textpage, len(text), WHITE)  # every glyph's, by the compiled helper
    if mask is None:
        found = _lone_by_glyph(text, _white_reader(textpage))
    else:
        found = _lone_in_mask(text, mask)
    fixes: dict[str, str] = {}
    for start, end, drop in found:
        run = text[start:end]
        fixes[run] = "".join(ch for i, ch in enumerate(run, start) if i not in drop)
    return fixes


Runs = list[tuple[int, int, list[int]]]  # a run's start and end, its glyphs to drop


def _lone_by_glyph(text: str, white: Callable[[int], bool]) -> Runs:
    """The runs holding a white glyph between two that are not, glyph by glyph."""
    found: Runs = []
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
            found.append((start, end, drop))
    return found


def _lone_in_mask(text: str, mask: bytes) -> Runs:
    """`_lone_by_glyph` from a mask of every glyph's whiteness: only its lone white glyphs
    are looked at (a glyph inside a run: neither it nor its neighbours are spaces)."""
    runs: dict[int, tuple[int, list[int]]] = {}
    for m in _LONE_WHITE.finditer(mask):
        i = m.start()
        if text[i - 1].isspace() or text[i].isspace() or text[i + 1].isspace():
            continue
        start = i - 1
        while start and not text[start - 1].isspace():
            start -= 1
        if start not in runs:
            end = i + 2
            while end < len(text) and not text[end].isspace():
                end += 1
            runs[start] = (end, [])
        runs[start][1].append(i)
    return [(start, end, drop) for start, (end, drop) in runs.items()]


def _white_reader(textpage: Any) -> Callable[[int], bool]:
    """Whether the character at an index (not a space) is a glyph filled in white. A glyph's
    fill is its text object's, so the fill is read once per text object (PDFium's handle for
    it), not once per glyph (#19's speed pass: pages with white text have thousands)."""
    c = calls()
    rgba = (ctypes.c_uint * 4)()
    at = [ctypes.addressof(rgba) + 4 * k for k in range(4)]
    page = address(textpage.raw)
    filled: dict[int | None, bool] = {}

    def white(i: int) -> bool:
        handle = c.text_object(page, i)
        found = filled.get(handle)
        if found is None:
            found = filled[handle] = bool(
                c.glyph_fill(page, i, *at)
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
_WALK_FAULTS = {
    -1: "Failed to get number of pageobjects.",
    -2: "Failed to get pageobject.",
    -3: _UNKNOWN_TYPE,
}


def _white_text(page: Any) -> bool:
    """Whether any text object on the page is filled in white (most pages: none, checked
    object by object, not glyph by glyph), inside form objects too, in the order and with the
    errors of ``page.get_objects(filter=[FPDF_PAGEOBJ_TEXT])`` (PDFium's handles read as
    plain addresses: no Python object per page object; with the compiled helper, one call)."""
    from pypdfium2 import PdfiumError

    found = white_text(page, WHITE, MAX_FORM_DEPTH)
    if found is not None:
        if found < 0:
            raise PdfiumError(_WALK_FAULTS[found])
        return bool(found)
    c = calls()
    rgba = (ctypes.c_uint * 4)()
    at = [ctypes.addressof(rgba) + 4 * k for k in range(4)]

    def walk(parent: int, count: Callable[..., int], get: Callable[..., int], level: int) -> bool:
        n = count(parent)
        if n < 0:
            raise PdfiumError(_WALK_FAULTS[-1])
        for i in range(n):
            obj = get(parent, i)
            if not obj:
                raise PdfiumError(_WALK_FAULTS[-2])
            kind = c.kind(obj)
            if kind == c.UNKNOWN:
                raise PdfiumError(_WALK_FAULTS[-3])
            if (
                kind == c.TEXT
                and c.object_fill(obj, *at)
                and rgba[0] >= WHITE
                and rgba[1] >= WHITE
                and rgba[2] >= WHITE
            ):
                return True
            inner = kind == c.FORM and level < MAX_FORM_DEPTH - 1
            if inner and walk(obj, c.form_count, c.form_object, level + 1):
                return True
        return False

    return walk(address(page.raw), c.page_count, c.page_object, 0)


def with_fixes(text: str, fixes: dict[str, str]) -> str:
    """``text`` with each run of `hidden_glyphs` replaced."""
    for run, fixed in fixes.items():
        text = text.replace(run, fixed)
    return text
