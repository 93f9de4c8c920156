"""Mathematics in a sentence, by format (#19).

- **Broken math**: TeX's math fonts map some glyphs to plain characters that a PDF's text
  layer keeps: "≠" drawn as a slash over "=" reads "6=" or "=6" (a digit glued to "=" between
  short operands: "x 6= y"; "Blend =1 (Blend mode)" sets a value), "△ABC" reads "4ABC" (the
  digit glued to three vertex capitals). A sentence holding one is broken text, in any
  document.
- **Glued caption**: a figure's or table's caption label ("Abbildung 3.4:", "Figure 2:") —
  a capitalised word, a number and a colon — inside a sentence, after other words: the
  caption was run into the text around it.
- **Math-dense**: a sentence with at least MATH_CHARS characters from the math operator and
  Greek classes, making at least MATH_SHARE of its characters, states a formula, not what a
  text is about: no key point of lecture notes or a paper.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_EQUAL = re.compile(r"(?:^|\s)\S{1,3}\s(?:\d=|=\d)\s\S{1,3}(?:\s|$)")
_TRIANGLE = re.compile(r"(?<!\S)4(?:[A-Z][\d′']*){3}(?=[\s,.;:)]|$)")
_CAPTION_LABEL = re.compile(r"\S\s+[A-ZÄÖÜ][a-zäöüß]+\.?\s\d+(?:\.\d+)*:\s")
MATH_CHARS = 2
MATH_SHARE = 0.02
_EXTRA_MATH = frozenset("∅∠△∂")


def broken_math(text: str) -> bool:
    """A TeX math glyph read as a digit: "∅ 6= G", "x =6 y", "4ABC" (see the docstring)."""
    return bool(_NOT_EQUAL.search(text) or _TRIANGLE.search(text))


def glued_caption(text: str) -> bool:
    """A caption label after other words of the sentence: "… γ3 Abbildung 3.4: Das …"."""
    return bool(_CAPTION_LABEL.search(text))


# a Greek letter standing alone or with an index ("γ1", "δ"), not one of a Greek word's
_GREEK_SYMBOL = re.compile(r"(?<![^\W\d_])[\u0391-\u03c9](?![^\W\d_])")


def math_dense(text: str) -> bool:
    """At least MATH_CHARS math characters, MATH_SHARE of the sentence's (see above)."""
    chars = [c for c in text if not c.isspace()]
    signs = sum(c in _EXTRA_MATH or unicodedata.category(c) == "Sm" for c in chars)
    math = signs + len(_GREEK_SYMBOL.findall(text))
    return math >= MATH_CHARS and math >= MATH_SHARE * len(chars)
