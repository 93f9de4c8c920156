"""Small wording helpers shared by the CLI, the GUI and exports."""

from __future__ import annotations

from rich.cells import set_cell_size


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 page``, ``2 pages`` (``many`` for irregular plurals)."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def pages_label(pages: list[int] | tuple[int, ...]) -> str:
    """``p. 4``, ``pp. 1–3, 7``: sorted, runs of consecutive pages joined; "" for none."""
    numbers = sorted(set(pages))
    if not numbers:
        return ""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [
        str(r[0]) if len(r) == 1 else f"{r[0]}, {r[1]}" if len(r) == 2 else f"{r[0]}–{r[-1]}"
        for r in runs
    ]
    return ("p. " if len(numbers) == 1 else "pp. ") + ", ".join(parts)


def columns(text: str, width: int) -> str:
    """``text`` cut or padded to ``width`` terminal columns: a CJK character takes two, so
    tables line up whatever the script (#22)."""
    return set_cell_size(" ".join(text.split()), width)
