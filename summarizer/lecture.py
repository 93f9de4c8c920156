"""Lecture notes as their own kind (#19), told by the format: no abstract, and mathematics
set up on most pages, either many short displayed formula lines (a few words around a math
sign, letters more than twice the digits: "H(R) = min", "Q(R, j, t) = H(R) −") or many
numbered statements opening with a label and a math set-up ("Definition 3 Let X be …",
"Satz 2.1 …"; `point_shape.numbered_statement`). A paper has its abstract; a thesis, a
manual or a datasheet (measured values: "VDD = 3.3 V") has far fewer such lines a page."""

from __future__ import annotations

from collections.abc import Sequence

from ingestion.document import Sentence
from summarizer.point_shape import MATH_SIGN, numbered_statement

LECTURE_NOTES = "lecture notes"
FORMULA_WORDS = 6  # a displayed formula line has a few words around its math sign at most
LETTERS_A_DIGIT = 2  # a formula has more than twice as many letters as digits
FORMULAS_A_PAGE = 0.5  # displayed formula lines a page on average, at least
STATEMENTS_A_PAGE = 1.0  # or numbered statements with a math set-up a page


def formula_line(text: str) -> bool:
    """A displayed formula: a few words around a math sign, letters more than twice the digits (a
    measured value, "0.45 ± 0.05 1.10" or "VDD = 3.3 V", sets up no mathematics)."""
    if len(text.split()) > FORMULA_WORDS or not MATH_SIGN.search(text):
        return False
    return sum(c.isalpha() for c in text) > LETTERS_A_DIGIT * sum(c.isdigit() for c in text)


def lecture_signs(sentences: Sequence[Sentence], pages: int) -> bool:
    """Whether ``sentences`` (of a document without an abstract, of ``pages`` pages) set up
    mathematics as lecture notes do (see the module docstring)."""
    pages = max(pages, 1)
    formulas = sum(formula_line(s.text) for s in sentences)
    if formulas >= FORMULAS_A_PAGE * pages:
        return True
    return sum(numbered_statement(s.text) for s in sentences) >= STATEMENTS_A_PAGE * pages


def kind_line(article: str, size: str, pages: int, kind: str) -> str:
    """The gist line's opening: "A 13-page paper"; lecture notes are plural: "Lecture notes
    (10 pages)"."""
    if kind != LECTURE_NOTES:
        return f"{article} {size} {kind}"
    return f"Lecture notes ({'one page' if pages == 1 else f'{pages} pages'})"
