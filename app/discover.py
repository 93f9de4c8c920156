"""Expanding the paths a user gives into the PDF files to process."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ingestion.errors import AppError


class MissingPaths(AppError):
    """Paths given that do not exist: a usage error, never a document's failure (#22)."""

    kind = "missing-path"

    def __init__(self, paths: Sequence[str | Path]) -> None:
        listed = ", ".join(str(p) for p in paths)
        super().__init__(
            f"No such file or folder: {listed}; check the spelling (nothing was summarized)."
        )


def check_exist(paths: Iterable[str | Path]) -> None:
    """Raise `MissingPaths` naming every path given that does not exist."""
    missing = [p for p in paths if not Path(p).expanduser().exists()]
    if missing:
        raise MissingPaths(missing)


def _matches(name: str, rel: str, patterns: Sequence[str]) -> bool:
    name, rel = name.lower(), rel.lower()
    return any(
        fnmatch.fnmatch(name, p.lower()) or fnmatch.fnmatch(rel, p.lower()) for p in patterns
    )


def wanted(name: str, rel: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether a file (its name, and its path relative to the folder given) is taken:
    matching an include glob and no exclude glob, case-insensitively. `watch` uses it too."""
    return _matches(name, rel, include) and not _matches(name, rel, exclude)


def discover(
    paths: Iterable[str | Path],
    *,
    recursive: bool = True,
    include: Sequence[str] = ("*.pdf",),
    exclude: Sequence[str] = (),
) -> list[Path]:
    """Files named directly, plus matching files inside folders (recursive by default).

    Symlinked folders are followed once: a link back up the tree (a loop) is skipped. Hidden
    files and folders are skipped. Each real file appears once, in a stable order. A path
    given that does not exist raises `MissingPaths`.
    """
    paths = list(paths)
    check_exist(paths)
    seen_files: set[Path] = set()
    out: list[Path] = []

    def add(path: Path) -> None:
        real = path.resolve()
        if real not in seen_files:
            seen_files.add(real)
            out.append(path.absolute())

    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            visited: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in visited:
                    dirs[:] = []
                    continue
                visited.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                if not recursive:
                    dirs[:] = []
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    full = Path(root) / name
                    rel = str(full.relative_to(path))
                    take = wanted(name, rel, include, exclude)
                    if take and full.is_file():
                        add(full)
        else:
            add(path)
    return out
