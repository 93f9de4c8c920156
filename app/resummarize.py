"""Which files to read again when the library is resummarized with another model (#25).

The pipeline does the work: each document is read again from a file it was seen at and
skipped when it already has a summary under the chosen model's summary key, so a resummarize
run has the usual progress, cancel and resume.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.store import Store


@dataclass(frozen=True)
class Selection:
    paths: list[str]  # one existing file per chosen document
    missing: int  # chosen documents none of whose files exist any more


def library_paths(
    store: Store, within: Sequence[str] = (), ids: Collection[int] | None = None
) -> Selection:
    """Documents in the library (those with ``ids``, or under the files and folders
    ``within``; all when neither is given), each by one path that still exists."""
    roots = [Path(p).expanduser().resolve() for p in within]
    paths: list[str] = []
    missing = 0
    for doc_id, known in store.document_paths():
        if ids is not None and doc_id not in ids:
            continue
        if roots and not any(_under(Path(p), root) for p in known for root in roots):
            continue
        existing = next((p for p in known if Path(p).is_file()), None)
        if existing is None:
            missing += 1
        else:
            paths.append(existing)
    return Selection(paths, missing)


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
