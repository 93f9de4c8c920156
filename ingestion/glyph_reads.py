"""PDFium's per-glyph reads batched a page at a time (#19's speed pass).

Layout reads a box and a font weight for two glyphs of every line, the column check every
text-run rectangle, the white-spacer check every page object and, on pages with white text,
every glyph's fill: one ctypes call each, which made most of the structure pass's cost. A small
C helper (`glyph_reads.c`, built by `make` into ``_glyph_reads.so`` with the system ``cc``)
does each page's reads in one call, taking PDFium's own function pointers from pypdfium2, so it
links to nothing; it also measures an unturned page's lines by their first and last glyphs and
finds the steps across a gutter, the per-line and per-rectangle loops around those reads.
Without it (no compiler on the machine) the same reads run here in Python, in the same order
and with the same buffers: both give the same figures (`tests/ingestion/test_glyph_reads.py`).
"""

from __future__ import annotations

import ctypes
import functools
from array import array
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

LIBRARY = Path(__file__).with_name("_glyph_reads.so")
SOURCE = Path(__file__).with_name("glyph_reads.c")
# How `make` builds it (the Makefile's native target): no contraction of a * b + c into one
# rounding, so its arithmetic is Python's.
BUILD_FLAGS = ("-O2", "-ffp-contract=off", "-shared", "-fPIC")
VERSION = 8  # GLYPH_READS_VERSION in glyph_reads.c: a stale build is not loaded

Rect = tuple[float, float, float, float]  # left, bottom, right, top


def load(path: Path = LIBRARY) -> Any:
    """The compiled helper at ``path`` with its functions typed, or None when it is missing,
    cannot be loaded or is of another version."""
    try:
        lib = ctypes.CDLL(str(path))
        if lib.glyph_reads_version() != VERSION:
            return None
    except (OSError, AttributeError):
        return None
    v, i = ctypes.c_void_p, ctypes.c_int
    lib.glyph_boxes.argtypes = [v, i, v, v, v, v, v, v]
    lib.glyph_boxes.restype = None
    d = ctypes.c_double
    lib.edge_lines.argtypes = [v, ctypes.c_char_p, i, d, d, v, v, v, v, v]
    lib.edge_lines.restype = i
    lib.word_lines.argtypes = [v, ctypes.c_char_p, i, d, d, v, v, v, v, v, v]
    lib.word_lines.restype = i
    lib.char_lines.argtypes = [v, i, v, v, v, v, v]
    lib.char_lines.restype = i
    lib.char_codes.argtypes = [v, i, v, v]
    lib.char_codes.restype = None
    lib.text_rects.argtypes = [v, i, v, v]
    lib.text_rects.restype = i
    lib.gutter_steps.argtypes = [v, i, ctypes.c_double, ctypes.c_double, v]
    lib.gutter_steps.restype = i
    lib.white_glyphs.argtypes = [v, i, v, i, v, v]
    lib.white_glyphs.restype = None
    lib.white_text.argtypes = [v, v]
    lib.white_text.restype = i
    return lib


@functools.cache
def helper() -> Any:
    """The compiled helper next to this module, or None (then the Python path runs)."""
    return load()


@functools.cache
def calls() -> Any:
    """The PDFium functions read here, taking and giving plain addresses (ints) instead of
    ctypes pointer objects (about half the time a call), with their addresses for the helper."""
    import pypdfium2.raw as pdfium_c

    v, i, d = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)
    addresses: dict[str, int] = {}

    def plain(name: str, function: Any, restype: Any, *argtypes: Any) -> Any:
        address = addresses[name] = ctypes.cast(function, v).value or 0
        return ctypes.CFUNCTYPE(restype, *argtypes)(address)

    rect = ctypes.POINTER(pdfium_c.FS_RECTF)
    return SimpleNamespace(
        text_object=plain("text_object", pdfium_c.FPDFText_GetTextObject, v, v, i),
        glyph_fill=plain("glyph_fill", pdfium_c.FPDFText_GetFillColor, i, v, i, v, v, v, v),
        page_count=plain("page_count", pdfium_c.FPDFPage_CountObjects, i, v),
        page_object=plain("page_object", pdfium_c.FPDFPage_GetObject, v, v, i),
        form_count=plain("form_count", pdfium_c.FPDFFormObj_CountObjects, i, v),
        form_object=plain("form_object", pdfium_c.FPDFFormObj_GetObject, v, v, ctypes.c_ulong),
        kind=plain("kind", pdfium_c.FPDFPageObj_GetType, i, v),
        object_fill=plain("object_fill", pdfium_c.FPDFPageObj_GetFillColor, i, v, v, v, v, v),
        loose_box=plain("loose_box", pdfium_c.FPDFText_GetLooseCharBox, i, v, i, rect),
        font_weight=plain("font_weight", pdfium_c.FPDFText_GetFontWeight, i, v, i),
        font_info=plain(
            "font_info", pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong, v, i, v, ctypes.c_ulong, v
        ),
        unicode=plain("unicode", pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, v, i),
        get_rect=plain("get_rect", pdfium_c.FPDFText_GetRect, i, v, i, d, d, d, d),
        address=addresses,
        TEXT=pdfium_c.FPDF_PAGEOBJ_TEXT,
        FORM=pdfium_c.FPDF_PAGEOBJ_FORM,
        UNKNOWN=pdfium_c.FPDF_PAGEOBJ_UNKNOWN,
    )


def address(handle: Any) -> int:
    """A PDFium handle (a ctypes pointer) as a plain address."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def glyph_boxes(textpage: Any, indexes: list[int]) -> tuple[list[float], list[int], list[int]]:
    """The loose box (left, bottom, right, top, flat: four floats a glyph), whether it was read
    (0 or 1) and the font weight of the glyph at each of ``indexes``, read in order."""
    n = len(indexes)
    lib, c = helper(), calls()
    page = address(textpage.raw)
    if lib is not None and n:
        at = array("i", indexes)
        boxes = array("d", bytes(32 * n))
        ok = array("i", bytes(4 * n))
        weights = array("i", bytes(4 * n))
        lib.glyph_boxes(
            page,
            n,
            at.buffer_info()[0],
            boxes.buffer_info()[0],
            ok.buffer_info()[0],
            weights.buffer_info()[0],
            c.address["loose_box"],
            c.address["font_weight"],
        )
        return boxes.tolist(), ok.tolist(), weights.tolist()
    import pypdfium2.raw as pdfium_c

    rect = pdfium_c.FS_RECTF()
    at_rect = ctypes.pointer(rect)
    flat: list[float] = []
    read: list[int] = []
    found: list[int] = []
    for index in indexes:
        read.append(1 if c.loose_box(page, index, at_rect) else 0)
        flat += (rect.left, rect.bottom, rect.right, rect.top)
        found.append(c.font_weight(page, index))
    return flat, read, found


# `edge_lines`' figures, flat: 8 ints a line (start, stop, first and last glyph, whether they
# differ, the two glyphs' font weights, a code of EDGE_* flags) and 7 floats (the height whose
# rounding is the line's size, the two glyphs' heights, top, left, right, bottom).
EdgeLines = tuple[list[int], list[float]]
EDGE_BOLD = 1  # the weights say bold (where one is missing, the font's name, as Python reads it)
EDGE_PLAIN = 4  # the line's spaces are as " ".join(line.split()) leaves them
EDGE_TWO_SIZES = 8  # a height not above zero: both are rounded (Python's reading)


def edge_lines(textpage: Any, text: str, width: float, height: float) -> EdgeLines | None:
    """`ingestion.line_sizes`' lines by their first and last glyphs, by the helper: for each line
    of ``text`` with a glyph, the figures of `EdgeLines` (see ``edge_lines`` in glyph_reads.c;
    left, right and bottom only with a ``width``); None without the helper or with a page of
    no height (whose shares Python's division refuses)."""
    lib = helper()
    if lib is None or not height:
        return None
    c = calls()
    most = text.count("\n") + text.count("\r") + 1  # lines at most
    ints = array("i", bytes(32 * most))
    shares = array("d", bytes(56 * most))
    found = lib.edge_lines(
        address(textpage.raw),
        text.encode("utf-32-le", "surrogatepass"),
        len(text),
        width,
        height,
        ints.buffer_info()[0],
        shares.buffer_info()[0],
        c.address["loose_box"],
        c.address["font_weight"],
        c.address["font_info"],
    )
    return ints[: 8 * found].tolist(), shares[: 7 * found].tolist()


# `word_lines`' figures: per line (start, stop, first word, words, bold: 1, 0 or -1 where
# a word's weight is missing), (tallest, shortest, top, left, right, bottom); per word (index
# in the line, font weight), and its box height.
WordLines = tuple[list[tuple[int, ...]], list[tuple[float, ...]], list[int], list[float]]


def word_lines(textpage: Any, text: str, width: float, height: float) -> WordLines | None:
    """`ingestion.line_sizes`' lines read word by word (each word's first glyph, then the line's
    last glyph with a ``width``), by the helper: see ``word_lines`` in glyph_reads.c for the
    figures; None without the helper or with a page of no height (as `edge_lines`)."""
    lib = helper()
    if lib is None or not height:
        return None
    c = calls()
    n = len(text)
    ints = array("i", bytes(20 * n))
    shares = array("d", bytes(48 * n))
    words = array("i", bytes(8 * n))
    heights = array("d", bytes(8 * n))
    found = lib.word_lines(
        address(textpage.raw),
        text.encode("utf-32-le", "surrogatepass"),
        n,
        width,
        height,
        ints.buffer_info()[0],
        shares.buffer_info()[0],
        words.buffer_info()[0],
        heights.buffer_info()[0],
        c.address["loose_box"],
        c.address["font_weight"],
    )
    i, d = ints[: 5 * found].tolist(), shares[: 6 * found].tolist()
    count = sum(i[3::5])
    return (
        list(zip(*(i[k::5] for k in range(5)), strict=True)),
        list(zip(*(d[k::6] for k in range(6)), strict=True)),
        words[: 2 * count].tolist(),
        heights[:count].tolist(),
    )


# `char_lines`' figures: the page's text (a character a code, surrogate halves kept), and per
# line with a glyph its start, stop, tallest and shortest glyph height and top (in points).
CharLines = tuple[str, list[tuple[int, int, float, float, float]]]


def char_lines(textpage: Any, count: int) -> CharLines | None:
    """`ingestion.line_sizes`' lines read glyph by glyph, by the helper (see ``char_lines`` in
    glyph_reads.c): None without it, or where a code is beyond Unicode (Python's reading
    raises then as it does). Raises PdfiumError where a glyph's box cannot be read."""
    from pypdfium2 import PdfiumError

    lib = helper()
    if lib is None or count <= 0:
        return None
    c = calls()
    codes = array("I", bytes(4 * count))
    ints = array("i", bytes(8 * count))
    shares = array("d", bytes(24 * count))
    found = lib.char_lines(
        address(textpage.raw),
        count,
        codes.buffer_info()[0],
        ints.buffer_info()[0],
        shares.buffer_info()[0],
        c.address["unicode"],
        c.address["loose_box"],
    )
    if found == -1:
        raise PdfiumError("Failed to get charbox.")  # as pypdfium2's get_charbox says it
    if found < 0:
        return None
    text = codes.tobytes().decode("utf-32-le", "surrogatepass")
    i, d = ints[: 2 * found].tolist(), shares[: 3 * found].tolist()
    return text, list(zip(i[0::2], i[1::2], d[0::3], d[1::3], d[2::3], strict=True))


def char_codes(textpage: Any, count: int) -> list[int]:
    """The Unicode code of each of the text page's first ``count`` characters."""
    lib, c = helper(), calls()
    page = address(textpage.raw)
    if lib is not None and count:
        codes = array("I", bytes(4 * count))
        lib.char_codes(page, count, codes.buffer_info()[0], c.address["unicode"])
        return codes.tolist()
    return [c.unicode(page, i) for i in range(count)]


def text_rects(textpage: Any) -> Sequence[float]:
    """The text page's rectangles as ``get_rect`` gives them, flat: left, bottom, right, top
    of each in turn (`as_boxes` makes them tuples)."""
    from pypdfium2 import PdfiumError

    count = textpage.count_rects()
    lib, c = helper(), calls()
    page = address(textpage.raw)
    if lib is not None:
        flat = array("d", bytes(32 * count))
        failed = lib.text_rects(page, count, flat.buffer_info()[0], c.address["get_rect"])
        if failed >= 0:
            raise PdfiumError(f"Failed to get rectangle {failed}.")
        return flat
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    refs = [ctypes.byref(x) for x in (left, top, right, bottom)]
    values: list[float] = []
    for i in range(count):
        if not c.get_rect(page, i, *refs):
            raise PdfiumError(f"Failed to get rectangle {i}.")
        values += (left.value, bottom.value, right.value, top.value)
    return values


def as_boxes(flat: Sequence[float]) -> list[Rect]:
    """Flat figures (of `text_rects`, `glyph_boxes`) as (left, bottom, right, top) tuples."""
    return list(zip(flat[0::4], flat[1::4], flat[2::4], flat[3::4], strict=True))


def gutter_steps(flat: Sequence[float], lo: float, hi: float) -> list[tuple[float, float]] | None:
    """`ingestion.columns`' steps across a gutter between ``lo`` and ``hi``, by the helper
    from `text_rects`' figures; None without it (columns.py reads them in Python)."""
    lib = helper()
    if lib is None or not isinstance(flat, array):
        return None
    n = len(flat) // 4
    out = array("d", bytes(16 * max(n - 1, 0)))
    found = lib.gutter_steps(flat.buffer_info()[0], n, lo, hi, out.buffer_info()[0])
    values = out[: 2 * found].tolist()  # the steps found, not the whole buffer
    return list(zip(values[0::2], values[1::2], strict=True))


def white_glyphs(textpage: Any, count: int, white: int) -> bytes | None:
    """1 or 0 per character: whether its glyph's fill (its text object's) is white (R, G and B
    at least ``white``, not transparent); None without the helper (the caller reads glyphs
    one at a time, only those it needs)."""
    lib = helper()
    if lib is None:
        return None
    c = calls()
    out = ctypes.create_string_buffer(count)
    lib.white_glyphs(
        address(textpage.raw),
        count,
        out,
        white,
        c.address["text_object"],
        c.address["glyph_fill"],
    )
    return out.raw


class _WalkCalls(ctypes.Structure):
    _fields_ = [
        *((name, ctypes.c_void_p) for name in ("page_count", "page_object", "form_count")),
        *((name, ctypes.c_void_p) for name in ("form_object", "kind", "fill")),
        *((name, ctypes.c_int) for name in ("text", "form", "unknown", "white", "max_depth")),
    ]


@functools.cache
def _walk_calls(white: int, max_depth: int) -> _WalkCalls:
    c = calls()
    a = c.address
    return _WalkCalls(
        a["page_count"],
        a["page_object"],
        a["form_count"],
        a["form_object"],
        a["kind"],
        a["object_fill"],
        c.TEXT,
        c.FORM,
        c.UNKNOWN,
        white,
        max_depth,
    )


def white_text(page: Any, white: int, max_depth: int) -> int | None:
    """The helper's walk of the page's objects: 1 when a text object (also inside form
    objects, to ``max_depth``) is filled in white, 0 when none is, -1 / -2 / -3 for a count,
    an object or an object's type that could not be read; None without the helper."""
    lib = helper()
    if lib is None:
        return None
    return int(lib.white_text(address(page.raw), ctypes.byref(_walk_calls(white, max_depth))))
