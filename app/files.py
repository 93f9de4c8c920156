"""Staying in step with the files on disk (#26): which documents have lost their files, a
moved folder followed by content hash, and one file located by hand. The PDFs are only read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.discover import discover
from app.store import Store
from ingestion import sha256_file
from ingestion.errors import AppError


@dataclass(frozen=True)
class MissingDocument:
    """A document none of whose recorded paths holds a file any more."""

    id: int
    title: str
    paths: tuple[str, ...]  # where it was seen, newest first


@dataclass
class Relinked:
    """What `relink` did: documents found again, and those it could not follow."""

    found: list[tuple[int, str]] = field(default_factory=list)  # (document id, new path)
    not_found: list[MissingDocument] = field(default_factory=list)
    changed: list[tuple[int, str]] = field(default_factory=list)  # same name, other bytes


def has_file(paths: list[str] | tuple[str, ...]) -> bool:
    return any(Path(p).is_file() for p in paths)


def missing_documents(store: Store) -> list[MissingDocument]:
    """Documents whose files are all gone (moved or deleted), by id."""
    return [
        MissingDocument(doc_id, title, tuple(paths))
        for doc_id, title, paths in store.all_paths()
        if not has_file(paths)
    ]


def _inside(path: str, folder: Path) -> Path | None:
    """``path`` relative to ``folder``, or None when it lies elsewhere."""
    try:
        return Path(path).relative_to(folder)
    except ValueError:
        return None


def relink(store: Store, old_dir: Path, new_dir: Path) -> Relinked:
    """Follow a folder moved from ``old_dir`` to ``new_dir``: each document seen under
    ``old_dir`` whose file is gone is found in ``new_dir`` by its content (sha256), under its
    old relative path or, renamed, anywhere below; the new path is recorded beside the old."""
    if not new_dir.is_dir():
        raise AppError(f"{new_dir} is not a folder; give the folder the files were moved to.")
    old = old_dir.expanduser().resolve()
    new = new_dir.expanduser().resolve()
    report = Relinked()
    by_hash: dict[str, list[Path]] | None = None
    for doc_id, title, paths in store.all_paths():
        inside = [(p, rel) for p in paths if (rel := _inside(p, old)) is not None]
        if not inside or has_file(paths):
            continue
        sha = store.sha256_of(doc_id)
        assert sha is not None
        same_place = [new / rel for _, rel in inside if (new / rel).is_file()]
        match = [p for p in same_place if sha256_file(p) == sha]
        if not match:
            if by_hash is None:
                by_hash = _hashes(new)
            match = by_hash.get(sha, [])
        if match:
            for path in match:
                store.note_path(sha, str(path))
            report.found.append((doc_id, str(match[0])))
        elif same_place:
            report.changed.append((doc_id, str(same_place[0])))
        else:
            report.not_found.append(MissingDocument(doc_id, title, tuple(paths)))
    return report


def _hashes(folder: Path) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    for path in discover([folder]):
        try:
            out.setdefault(sha256_file(path), []).append(path.resolve())
        except OSError:
            continue
    return out


def locate(store: Store, doc_id: int, path: Path) -> None:
    """Record ``path`` as where document ``doc_id`` now is, if it holds the same bytes."""
    sha = store.sha256_of(doc_id)
    if sha is None:
        raise AppError(f"No document {doc_id} in the library; see `synopsis list`.")
    try:
        found = sha256_file(path)
    except OSError as exc:
        raise AppError(f"{path.name} cannot be read ({exc.strerror or exc}).") from exc
    if found != sha:
        raise AppError(
            f"{path.name} is not the same file: its content differs from the stored document. "
            "Pick the file it was moved to, or summarize this one as a new document."
        )
    store.note_path(sha, str(path))
