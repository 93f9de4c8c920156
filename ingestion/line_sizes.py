"""A page's lines measured from PDFium's glyphs: each line's type size, weight and extent (#10).

`sized_lines` reads a page's lines in PDFium's reading order with their size (the loose glyph
box height), whether every word starts bold, and where the line stands; the compiled helper
(`ingestion.glyph_reads`) measures most pages in one call, its Python twin where it cannot.
What the sizes mean (titles, headings) is `ingestion.layout`'s and its readers'.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ingestion.clean import whole_characters
from ingestion.glyph_reads import (
    EDGE_BOLD,
    EDGE_PLAIN,
    EDGE_TWO_SIZES,
    EdgeLines,
    WordLines,
    as_boxes,
    char_codes,
    char_lines,
    edge_lines,
    glyph_boxes,
    word_lines,
)
from ingestion.layout import MIXED_SIZES, SizedLine, mixed_pieces, sized_line
from ingestion.rtl import RTL, has_rtl, logical_line

_NEW = object.__new__
_SET = object.__setattr__

_LINE = re.compile(r"[^\r\n]+")
_WORD = re.compile(r"\S+")


BOLD = 600  # font weight of a bold face
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _bold_by_name(raw: Any) -> Callable[[int], bool]:
    """Whether the character at an index is set in a bold face by its font's name, for fonts
    that state no weight (the standard 14 without a descriptor); else a glyph's font weight
    (read with its box) says it: ``weight >= BOLD`` where ``weight > 0``."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    buffers: list[Any] = []  # made at the first call: most pages' fonts state their weight

    def bold(index: int) -> bool:
        if not buffers:
            buffers.extend((ctypes.create_string_buffer(128), ctypes.c_int()))
        name, flags = buffers
        pdfium_c.FPDFText_GetFontInfo(raw, index, name, len(name), ctypes.byref(flags))
        return bool(_BOLD_NAME.search(name.value.decode("latin-1")))

    return bold


Box = tuple[float, float, float, float]  # left, bottom, right, top


def upright(rotation: int, width: float, height: float) -> Callable[[Box], Box]:
    """Maps a glyph box from PDFium (the page's own space) to the page as shown after its
    /Rotate (``rotation`` degrees clockwise; ``width`` and ``height`` as shown): a landscape
    table stored on a turned portrait page, a scan fed sideways (#20)."""
    turn = rotation % 360
    if turn == 90:
        return lambda b: (b[1], height - b[2], b[3], height - b[0])
    if turn == 180:
        return lambda b: (width - b[2], height - b[3], width - b[0], height - b[1])
    if turn == 270:
        return lambda b: (width - b[3], b[0], width - b[1], b[2])
    return lambda b: b


def _page_turn(textpage: Any, width: float, height: float) -> Callable[[Box], Box] | None:
    """`upright` for the text page's page, or None when it is not turned."""
    page = getattr(textpage, "page", None)
    rotation = page.get_rotation() if page is not None else 0
    if not rotation or page is None:
        return None
    if not (width and height):
        width, height = page.get_width(), page.get_height()
    return upright(rotation, width, height)


def sized_lines(
    textpage: Any,
    page_height: float,
    text: str | None = None,
    page_width: float = 0.0,
    every_word: bool = True,
) -> list[SizedLine]:
    """The page's lines in PDFium's reading order, each with its type size.

    ``text`` is the page's text from ``get_text_range()`` when the caller has it already;
    with ``page_width``, each line's left and right edges are measured too (for blocks).
    A glyph box is read at each word's first character only: within a word the font does not
    change, so its first glyph's loose box gives the word's size. Over the developer corpus
    that agrees with reading every glyph of mixed lines on 97.8 % of lines and is within 0.2 pt
    on the rest (fonts whose loose boxes vary by glyph), at half the time (`bench/extract.py`).
    Without ``every_word`` only a line's first and last words are read (the body pages' blocks
    need a line's size, weight and extent, not its mixed sizes): a third of the calls.
    """
    count = textpage.count_chars()
    text = textpage.get_text_range() if text is None else text
    turn = _page_turn(textpage, page_width, page_height)
    if len(text) != count:  # characters beyond the BMP: indexes and text do not line up
        return _sized_lines_by_char(textpage, page_height, turn)
    boxes = textpage.get_charbox
    if turn is not None:
        boxes = lambda i: turn(textpage.get_charbox(i))  # noqa: E731
    by_name = _bold_by_name(textpage.raw)
    if not every_word:
        return _edge_lines(textpage, text, turn, by_name, boxes, page_height, page_width)
    measured = word_lines(textpage, text, page_width, page_height) if turn is None else None
    if measured is not None:
        return _measured_words(text, measured, by_name, boxes)
    # The glyphs to read, a page at a time (`glyph_reads`): each word's first, then the
    # line's last for its right edge.
    found: list[tuple[str, int, list[int]]] = []
    indexes: list[int] = []
    for m in _LINE.finditer(text):
        line, start = m.group(), m.start()
        at = [word.start() for word in _WORD.finditer(line)]
        if not at:
            continue
        found.append((line, start, at))
        indexes += [start + j for j in at]
        if page_width > 0:
            indexes.append(start + len(line.rstrip()) - 1)
    read, weights = _read_boxes(textpage, indexes, turn)
    rtl = has_rtl(text)
    lines: list[SizedLine] = []
    k = 0
    for line, start, at in found:
        starts: list[tuple[int, float]] = []
        top = 0.0
        bold = True
        left = bottom = float("inf")
        for j in at:
            edge, lower, right, upper = read[k]
            starts.append((j, round(upper - lower, 1)))
            top = upper if upper > top else top
            left = edge if edge < left else left
            bottom = lower if lower < bottom else bottom
            if bold:
                w = weights[k]
                bold = w >= BOLD if w > 0 else by_name(start + j)
            k += 1
        sizes = [size for _, size in starts]
        size = max(sizes)
        extent = (0.0, 1.0, 0.0)
        if page_width > 0:
            right = max(read[k][2], left)
            k += 1
            extent = (left / page_width, right / page_width, bottom / page_height)
        mixed = size > MIXED_SIZES * min(sizes)
        shown = logical_line(boxes, start, line) if rtl and RTL.search(line) else line
        lines.append(
            sized_line(
                " ".join(shown.split()),
                size,
                top / page_height,
                bold,
                *extent,
                pieces=mixed_pieces(line, starts) if mixed else (),
            )
        )
    return lines


def _measured_words(
    text: str, measured: WordLines, by_name: Callable[[int], bool], boxes: Callable[[int], Box]
) -> list[SizedLine]:
    """`sized_lines`' word-by-word lines from the helper's figures: the same sizes, weights,
    pieces and text. A line's size is its tallest word's height rounded, and its shortest's
    tells a mixed line, as the rounded sizes' max and min do (rounding keeps order); where a
    height is under 0.05 or NaN (a rounded 0.0 could be -0.0) each word's is rounded."""
    found, figures, words, heights = measured
    rtl = has_rtl(text)
    lines: list[SizedLine] = []
    for (start, stop, first, count, bold_read), (tallest, shortest, *extent) in zip(
        found, figures, strict=True
    ):
        line = text[start:stop]
        sizes: list[float] = []
        if shortest > 0.05:
            size, low = round(tallest, 1), round(shortest, 1)
        else:
            sizes = [round(h, 1) for h in heights[first : first + count]]
            size, low = max(sizes), min(sizes)
        bold = bold_read == 1
        if bold_read < 0:  # a word without a weight: its font's name says it (Python's loop)
            bold = True
            for k in range(first, first + count):
                if not bold:
                    break
                w = words[2 * k + 1]
                bold = w >= BOLD if w > 0 else by_name(start + words[2 * k])
        pieces: tuple[tuple[str, float], ...] = ()
        if size > MIXED_SIZES * low:
            sizes = sizes or [round(h, 1) for h in heights[first : first + count]]
            at = words[2 * first : 2 * (first + count) : 2]  # each word's index in the line
            pieces = mixed_pieces(line, list(zip(at, sizes, strict=True)))
        shown = logical_line(boxes, start, line) if rtl and RTL.search(line) else line
        top, left, right, bottom = extent
        lines.append(
            sized_line(" ".join(shown.split()), size, top, bold, left, right, bottom, pieces)
        )
    return lines


def _read_boxes(
    textpage: Any, indexes: list[int], turn: Callable[[Box], Box] | None
) -> tuple[list[Box], list[int]]:
    """The loose glyph box at each of ``indexes`` (turned upright by ``turn``) and its font
    weight, read a page at a time."""
    flat, _, weights = glyph_boxes(textpage, indexes)
    read = as_boxes(flat)
    return ([turn(b) for b in read] if turn is not None else read), weights


_INF = float("inf")


def _edge_lines(
    textpage: Any,
    text: str,
    turn: Callable[[Box], Box] | None,
    by_name: Callable[[int], bool],
    boxes: Callable[[int], Box],
    page_height: float,
    page_width: float,
) -> list[SizedLine]:
    """`sized_lines` without ``every_word``: each line's first and last glyphs only, the
    same figures in the same order (#19's speed pass: most pages take this path, so the
    per-line work is spelled out once for two glyphs instead of looped; the compiled helper
    measures the lines of an unturned page in one call)."""
    measured = edge_lines(textpage, text, page_width, page_height) if turn is None else None
    if measured is not None:
        return _measured_lines(text, measured, boxes)
    found: list[tuple[str, int, int, int]] = []
    indexes: list[int] = []
    for m in _LINE.finditer(text):
        line = m.group()
        start = m.start()
        first = len(line) - len(line.lstrip())
        end = len(line.rstrip()) - 1
        if end < first:
            continue  # a line of spaces
        found.append((line, start, first, end))
        indexes.append(start + first)
        if end > first:
            indexes.append(start + end)
    read, weights = _read_boxes(textpage, indexes, turn)
    rtl = has_rtl(text)
    lines: list[SizedLine] = []
    k = 0
    for line, start, first, end in found:
        left, lower, right, upper = read[k]
        size = round(upper - lower, 1)
        top = upper if upper > 0.0 else 0.0
        left = left if left < _INF else _INF
        bottom = lower if lower < _INF else _INF
        w = weights[k]
        bold = w >= BOLD if w > 0 else by_name(start + first)
        k += 1
        if end > first:
            edge, lower, right, upper = read[k]
            size = max(size, round(upper - lower, 1))
            top = upper if upper > top else top
            left = edge if edge < left else left
            bottom = lower if lower < bottom else bottom
            if bold:
                w = weights[k]
                bold = w >= BOLD if w > 0 else by_name(start + end)
            k += 1
        extent = (0.0, 1.0, 0.0)
        if page_width > 0:
            right = max(right, left)
            extent = (left / page_width, right / page_width, bottom / page_height)
        shown = logical_line(boxes, start, line) if rtl and RTL.search(line) else line
        lines.append(sized_line(" ".join(shown.split()), size, top / page_height, bold, *extent))
    return lines


def _measured_lines(text: str, measured: EdgeLines, boxes: Callable[[int], Box]) -> list[SizedLine]:
    """`_edge_lines` from the helper's figures: the same sizes, weights and text. The helper
    picks the height to round and reads the weights (where one is missing, the font's name, as
    `_bold_by_name`) and spaces; where a height is not above zero, both are rounded here."""
    ints, shares = measured
    rtl = not text.isascii() and has_rtl(text)  # (isascii reads a flag)
    lines: list[SizedLine] = []
    append = lines.append
    rows = zip(
        ints[0::8], ints[1::8], ints[7::8], *(shares[k::7] for k in (0, 3, 4, 5, 6)), strict=True
    )
    bold_code, two_sizes, plain = EDGE_BOLD, EDGE_TWO_SIZES, EDGE_PLAIN
    for k, (start, stop, code, height, top, left, right, bottom) in enumerate(rows):
        if code & two_sizes:
            size = round(shares[7 * k + 1], 1)
            if ints[8 * k + 4]:  # two glyphs
                size = max(size, round(shares[7 * k + 2], 1))
        else:
            size = round(height, 1)
        bold = code & bold_code == bold_code
        line = text[start:stop]
        if rtl and RTL.search(line):
            line = " ".join(logical_line(boxes, start, line).split())
        elif not code & plain:
            line = " ".join(line.split())
        # sized_line(line, size, top, bold, left, right, bottom), spelled out (no call, and
        # its fields' dict set at once)
        sized = _NEW(SizedLine)
        _SET(
            sized,
            "__dict__",
            {"text": line, "size": size, "top": top, "bold": bold, "left": left, "right": right,
             "bottom": bottom, "pieces": ()},
        )  # fmt: skip
        append(sized)
    return lines


def _sized_lines_by_char(
    textpage: Any, page_height: float, turn: Callable[[Box], Box] | None = None
) -> list[SizedLine]:
    """Every character's glyph box (when text and indexes do not line up), read a page at a
    time; on a turned page, the boxes turned upright by ``turn``. The helper measures an
    unturned page's lines (`char_lines`) where each glyph is taller than 0.05: the rounded
    tallest height is then the tallest rounded one."""
    from pypdfium2 import PdfiumError

    count = textpage.count_chars()
    measured = char_lines(textpage, count) if turn is None else None
    if measured is not None and all(low > 0.05 for _, _, _, low, _ in measured[1]):
        text, found = measured
        lines_read: list[SizedLine] = []
        for start, stop, tallest, _, upper in found:
            line = whole_characters(text[start:stop]).strip()
            size, share = round(tallest, 1), upper / page_height
            lines_read.append(SizedLine(" ".join(line.split()), size, share))
        return lines_read
    every = [chr(code) for code in char_codes(textpage, count)]
    inked = [i for i, ch in enumerate(every) if ch not in "\r\n" and not ch.isspace()]
    flat, ok, _ = glyph_boxes(textpage, inked)
    if not all(ok):
        raise PdfiumError("Failed to get charbox.")  # as pypdfium2's get_charbox says it
    boxes = as_boxes(flat)
    if turn is not None:
        boxes = [turn(box) for box in boxes]
    lines: list[SizedLine] = []
    chars: list[str] = []
    sizes: list[float] = []
    top = 0.0

    def close() -> None:
        text = whole_characters("".join(chars)).strip()
        if text and sizes:
            lines.append(SizedLine(" ".join(text.split()), max(sizes), top / page_height))

    k = 0
    for ch in every:
        if ch in "\r\n":
            close()
            chars, sizes, top = [], [], 0.0
            continue
        chars.append(ch)
        if not ch.isspace():
            _left, bottom, _right, upper = boxes[k]
            k += 1
            sizes.append(round(upper - bottom, 1))
            top = max(top, upper)
    close()
    return lines
