"""Right-to-left lines in logical order (#20): PDFium gives Hebrew, Arabic and Persian lines
in display order and an Arabic ligature's letters as drawn; these put them back in the order
they are read, with brackets mirrored and numbers kept left to right."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from itertools import pairwise
from typing import Any

_RTL_LETTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]{2,}")
_RTL_WORD = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]{4,}")  # WORD_GLYPH
# Arabic letters that join only the letter before them (Unicode joining type R): alef and its
# hamza forms, teh marbuta, dal, thal, reh, zain, waw and their variants. Inside a ligature
# one of them can only come last.
_JOINS_BEFORE_ONLY = re.compile(
    "[\u0622-\u0625\u0627\u0629\u062f-\u0632\u0648\u0671-\u0673\u0675-\u0677"
    "\u0688-\u0699\u06c0\u06c3-\u06cb\u06cd\u06cf\u06d2\u06d3\u06d5]"
)


def _ligatures(text: str, one_glyph: Callable[[int], bool]) -> list[tuple[int, int]]:
    """(start, end) of each run of two or more RTL letters drawn as one glyph."""
    found = []
    for m in _RTL_LETTERS.finditer(text):
        i = m.start()
        while i < m.end() - 1:
            j = i
            while j < m.end() - 1 and _letters(text[j : j + 2]) and one_glyph(j):
                j += 1
            if j > i:
                found.append((i, j + 1))
            i = j + 1
    return found


def _impossible(letters: str) -> bool:
    """Whether a ligature cannot be written in this order: a letter that joins only the
    letter before it is followed by another."""
    return bool(_JOINS_BEFORE_ONLY.search(letters[:-1]))


def swap_ligatures(text: str, one_glyph: Callable[[int], bool]) -> str:
    """Right-to-left text with each ligature's letters in logical order (#20).

    Depending on how a generator wrote the page, PDFium gives a ligature glyph's letters in
    visual order: lam-alef (ﻻ ﻹ ﻷ) as alef first ("اإلنتاجية" for "الإنتاجية"), beh-alef
    and sheen-reh reversed too ("الانتخاابت" for "الانتخابات"). A ligature whose order is
    impossible (a letter joining only the one before it, followed by another) says which;
    the page's ligatures are all turned when more say visual than logical, so the ones that
    read either way ("مل", "لم") follow them. The article "ال" set as two glyphs is left as
    it is. A whole word set as one glyph (`_word_glyphs`; no order is impossible inside a
    word) is turned too, unless more of the page's ligatures say logical order. ``one_glyph(i)``
    says whether characters i and i+1 come from one glyph."""
    words = _word_glyphs(text, one_glyph)
    found = [
        (a, b) for a, b in _ligatures(text, one_glyph) if not any(c <= a < d for c, d in words)
    ]
    visual = sum(_impossible(text[a:b]) and not _impossible(text[a:b][::-1]) for a, b in found)
    logical = sum(_impossible(text[a:b][::-1]) and not _impossible(text[a:b]) for a, b in found)
    chars = list(text)
    for a, b in words if logical <= visual else ():
        chars[a:b] = chars[a:b][::-1]
    text = "".join(chars)
    if visual <= logical:
        return text
    for a, b in found:
        chars[a:b] = chars[a:b][::-1]
    return "".join(chars)


WORD_GLYPH = 4  # RTL characters (letters and their marks) one glyph stands for: a word


def _word_glyphs(text: str, one_glyph: Callable[[int], bool]) -> list[tuple[int, int]]:
    """(start, end) of each run of WORD_GLYPH or more RTL characters, marks included, drawn
    as one glyph: a whole word set as one glyph, which PDFium gives in display order
    ("يبيبَح" for "حَبيبي") as it gives a ligature's letters; longer than any ligature."""
    found = []
    for m in _RTL_WORD.finditer(text):
        i = m.start()
        while i < m.end():
            j = i
            while j < m.end() - 1 and one_glyph(j):
                j += 1
            if j + 1 - i >= WORD_GLYPH:
                found.append((i, j + 1))
            i = j + 1
    return found


def _letters(pair: str) -> bool:
    # A vowel mark sits on its letter's place but is a glyph of its own, after the letter.
    return not any(unicodedata.category(c) == "Mn" for c in pair)


MAX_ALIGNED = 20000  # characters of a page checked one by one to align its text


def char_boxes(textpage: Any, text: str) -> Callable[[int], Any] | None:
    """Each character of ``text`` (the page's text)'s box by its index in ``text``, or None.
    PDFium's text leaves out characters without text (an empty glyph), so where the page's
    count is longer than ``text`` each character is read alone to map the two (#19)."""
    count = textpage.count_chars()
    if count == len(text):
        return textpage.get_charbox  # type: ignore[no-any-return]
    if count < len(text) or count > MAX_ALIGNED:
        return None
    chars = [textpage.get_text_range(i, 1) for i in range(count)]  # each read once
    at = [i for i, c in enumerate(chars) for _ in c]
    if len(at) != len(text) or "".join(chars) != text:
        return None
    return lambda i: textpage.get_charbox(at[i])


def logical_arabic(textpage: Any, text: str) -> str:
    """``text`` (the page's ``get_text_range()``) with RTL ligatures in logical order."""
    if not has_rtl(text) or not _RTL_LETTERS.search(text):
        return text
    boxes = char_boxes(textpage, text)
    if boxes is None:
        return text
    box = functools.lru_cache(maxsize=4)(boxes)

    def one_glyph(i: int) -> bool:
        return bool(box(i) == box(i + 1))

    return swap_ligatures(text, one_glyph)


# Right-to-left text (#20). PDFium puts most RTL lines in logical order, but where a generator
# drew each word or glyph as its own object in visual order, it gives them (or their
# brackets) back in display order: "15)ב()4(" for "15(ב)(4)".
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_last: tuple[str, bool] = ("", False)  # the last text `has_rtl` read, and what it found


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds an RTL character (``RTL.search``), remembered for the last text
    read: a page's text is asked by each of its steps (#19's speed pass)."""
    global _last
    last = _last  # (one read of the pair: another thread may replace it)
    if last[0] is text:
        return last[1]
    found = bool(RTL.search(text))
    _last = (text, found)
    return found


_MIRROR = str.maketrans("()[]{}<>", ")(][}{><")
WORD_GAP = 0.2  # a gap wider than this share of the type's height between glyphs is a space


def mirror_brackets(line: str) -> str:
    """An RTL line's brackets turned round where they close before they open ("15)ב()4(")
    and turned round they nest properly; other lines as they are."""
    if not RTL.search(line) or not any(c in line for c in "()[]{}"):
        return line
    if _nested(line) or not _nested(line.translate(_MIRROR)):
        return line
    return line.translate(_MIRROR)


def _nested(line: str) -> bool:
    depth = 0
    for c in line:
        depth += (c in "([{") - (c in ")]}")
        if depth < 0:
            return False
    return depth == 0


def logical_line(
    boxes: Callable[[int], tuple[float, float, float, float]], start: int, line: str
) -> str:
    """One line of PDFium text with RTL letters, in logical order.

    ``boxes(i)`` gives character ``i``'s (left, bottom, right, top). Where the line's RTL
    letters run left to right in PDFium's order (visual order: in logical order each follows
    the one on its right), the glyphs are read left to right by position, spaces put where
    the gaps are, and the Unicode bidi algorithm (python-bidi) turns that display order back
    into logical order, brackets mirrored. Brackets that close before they open are turned."""
    if not RTL.search(line):
        return line
    glyphs = [(start + i, c) for i, c in enumerate(line) if not c.isspace()]
    placed = [(boxes(i), c) for i, c in glyphs]
    rightward = leftward = 0
    for (a, x), (b, y) in pairwise(placed):
        if RTL.match(x) and RTL.match(y) and abs(a[1] - b[1]) < (a[3] - a[1]) / 2:
            rightward += b[0] > a[0] + 0.01
            leftward += b[0] < a[0] - 0.01
    if rightward <= leftward:
        return mirror_brackets(line)
    from bidi import get_display

    placed.sort(key=lambda item: (item[0][0] + item[0][2]) / 2)
    chars: list[str] = []
    for k, (box, c) in enumerate(placed):
        if k and box[0] - placed[k - 1][0][2] > WORD_GAP * max(box[3] - box[1], 1.0):
            chars.append(" ")
        chars.append(c)
    logical: str = get_display("".join(chars), base_dir="R")
    return mirror_brackets(logical)


_TEXT_LINE = re.compile(r"[^\r\n]+")


def logical_rtl(textpage: Any, text: str) -> str:
    """``text`` (the page's text, index for index with its characters) with every line that
    holds RTL letters in logical order (`logical_line`)."""
    if not has_rtl(text):
        return text
    if len(text) != textpage.count_chars():
        return "".join(mirror_brackets(p) for p in re.split(r"(\r?\n)", text))
    return _TEXT_LINE.sub(lambda m: logical_line(textpage.get_charbox, m.start(), m.group()), text)
