"""Per-page text quality: is this real text, nothing, or glyph-name garbage?"""

from __future__ import annotations

import re

from ingestion.document import PageQuality

_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*", re.UNICODE)
_STRIP = "\"'“”‘’()[]{}<>.,;:!?«»*•–—-…"
_LATIN_VOWELS = set("aeiouyäöüàáâãåèéêëìíîïòóôõøùúûýÿæœAEIOUYÄÖÜÀÁÂÉÈÊËÍÎÏÓÔÕØÚÛ")
# Scripts written without spaces: every letter counts as a word-like unit.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")

# Glyph names and CID references left by fonts without a Unicode map, private-use glyphs,
# and replacement characters.
_GLYPH_GARBAGE = re.compile(r"/g\d+|\(cid:\d+\)|[\ue000-\uf8ff\ufffd]")

MIN_CHARS = 3
GARBLED_MIN_CHARS = 40
GARBLED_WORD_RATIO = 0.35
GARBLED_PRINTABLE_RATIO = 0.85


def _word_like(token: str) -> bool:
    token = token.strip(_STRIP)
    if not token or not _WORD.fullmatch(token) or len(token) > 30:
        return False
    # An ASCII word of five or more letters without a vowel ("rtxlbn") is glyph noise.
    return not (token.isascii() and len(token) > 4 and not _LATIN_VOWELS.intersection(token))


def measure(text: str) -> PageQuality:
    """Measure characters, printable share and share of dictionary-like words."""
    stripped = text.strip()
    chars = len(stripped)
    if chars == 0:
        return PageQuality(0, 0.0, 0.0, no_text=True, garbled=False)
    printable = sum(1 for c in stripped if c.isprintable() or c.isspace())
    printable_ratio = printable / chars
    unspaced = len(_UNSPACED.findall(stripped))
    glyphs = 0
    if unspaced > chars * 0.3:
        word_ratio = min(1.0, unspaced / max(1, chars - stripped.count(" ")))
        word_ratio = max(word_ratio, 0.5)
    else:
        # Numbers, dates and dot leaders are neither words nor garbage: leave them out.
        tokens = [t for t in stripped.split() if any(c.isalpha() for c in t)]
        word_ratio = sum(_word_like(t) for t in tokens) / len(tokens) if tokens else 1.0
    glyphs = len(_GLYPH_GARBAGE.findall(stripped))
    no_text = sum(c.isalnum() for c in stripped) < MIN_CHARS
    garbled = chars >= GARBLED_MIN_CHARS and (
        word_ratio < GARBLED_WORD_RATIO
        or printable_ratio < GARBLED_PRINTABLE_RATIO
        or glyphs * 4 > chars
    )
    return PageQuality(
        chars=chars,
        printable_ratio=round(printable_ratio, 4),
        word_ratio=round(word_ratio, 4),
        no_text=no_text,
        garbled=garbled and not no_text,
    )
