"""Packing sentences (or partial summaries) into windows that fit the model's input budget.

Token counts come from the model's own tokenizer. Nothing is truncated: a sentence longer than
the budget is split into pieces that fit, and every window is re-counted after joining.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Counter = Callable[[Sequence[str]], list[int]]


@dataclass(frozen=True)
class Unit:
    """A piece of text that must not be split further unless it alone exceeds the budget."""

    text: str
    pages: tuple[int, ...]
    tokens: int


@dataclass(frozen=True)
class Window:
    """One model input: consecutive units joined, their pages, and its exact token count."""

    text: str
    pages: tuple[int, ...]
    tokens: int


def make_units(
    texts: Sequence[str], pages: Sequence[tuple[int, ...]], budget: int, count: Counter
) -> list[Unit]:
    """Count each text once; split any text longer than ``budget`` into pieces that fit."""
    counts = count(texts)
    units: list[Unit] = []
    for text, pgs, n in zip(texts, pages, counts, strict=True):
        if n <= budget:
            units.append(Unit(text, pgs, n))
        else:
            units.extend(Unit(piece, pgs, m) for piece, m in split_to_fit(text, budget, count))
    return units


def split_to_fit(text: str, budget: int, count: Counter) -> list[tuple[str, int]]:
    """Split ``text`` at word boundaries into pieces of at most ``budget`` tokens."""
    (n,) = count([text])
    if n <= budget:
        return [(text, n)]
    words = text.split()
    if len(words) == 1:  # one giant "word": split by characters
        half = len(text) // 2
        return split_to_fit(text[:half], budget, count) + split_to_fit(text[half:], budget, count)
    half = len(words) // 2
    left, right = " ".join(words[:half]), " ".join(words[half:])
    return split_to_fit(left, budget, count) + split_to_fit(right, budget, count)


def pack(units: Sequence[Unit], budget: int, count: Counter) -> list[Window]:
    """Greedily pack consecutive units into windows of at most ``budget`` tokens."""
    groups: list[list[Unit]] = []
    current: list[Unit] = []
    used = 0
    for unit in units:
        # +1: joining with a space may cost a token at the seam.
        if current and used + unit.tokens + 1 > budget:
            groups.append(current)
            current, used = [], 0
        current.append(unit)
        used += unit.tokens + (1 if len(current) > 1 else 0)
    if current:
        groups.append(current)
    return _exact(groups, budget, count)


def _exact(groups: list[list[Unit]], budget: int, count: Counter) -> list[Window]:
    """Re-count each joined window; split any that the seams pushed over the budget."""
    texts = [" ".join(u.text for u in g) for g in groups]
    out: list[Window] = []
    for group, text, n in zip(groups, texts, count(texts), strict=True):
        if n <= budget or len(group) == 1:
            out.append(Window(text, tuple(sorted({p for u in group for p in u.pages})), n))
        else:
            mid = len(group) // 2
            out.extend(_exact([group[:mid], group[mid:]], budget, count))
    return out
