"""Small wording helpers shared by the CLI, the GUI and exports."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 page``, ``2 pages`` (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else many or word + 's'}"
