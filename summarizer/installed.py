"""Models on this computer: downloaded by Synopsis, added by hand, or in the Hugging Face cache.

Downloads go to ``SYNOPSIS_MODELS`` (default: ``models/`` in the user data folder), one
folder per hub id (``owner--name``), complete once its marker file exists. Folders added by
hand ("Add a folder…", `synopsis models add`) are listed in ``added.json`` there and never
deleted by Synopsis: removing one only forgets it.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import SummarizerError

MARKER = ".synopsis-model.json"


def models_root() -> Path:
    env = os.environ.get("SYNOPSIS_MODELS")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("synopsis")) / "models"


def installed_dir(model_id: str) -> Path:
    return models_root() / model_id.replace("/", "--")


def downloaded(model_id: str) -> Path | None:
    """The finished download of ``model_id``, or None."""
    folder = installed_dir(model_id)
    return folder if (folder / MARKER).is_file() else None


@dataclass(frozen=True)
class InstalledModel:
    id: str  # hub id, or the folder for one added by hand
    path: str
    size_bytes: int
    source: str  # downloaded | added | hf-cache


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _added_file() -> Path:
    return models_root() / "added.json"


def added_folders() -> list[str]:
    try:
        return list(json.loads(_added_file().read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return []


def add_folder(path: str | Path) -> str:
    """Register a model folder placed by hand; return its absolute path."""
    folder = Path(path).expanduser().resolve()
    config = folder / "config.json"
    if not config.is_file():
        raise SummarizerError(
            f"{folder} holds no config.json, so it is not a model folder; choose the folder "
            "that holds config.json and the weights."
        )
    from summarizer.download import check_seq2seq

    try:
        settings = json.loads(config.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise SummarizerError(f"{config} is not valid JSON; copy the folder again.") from exc
    check_seq2seq(folder.name, settings, {p.name for p in folder.iterdir()})
    folders = added_folders()
    if str(folder) not in folders:
        _write_added([*folders, str(folder)])
    return str(folder)


def _write_added(folders: list[str]) -> None:
    target = _added_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(folders, indent=1), encoding="utf-8")
    tmp.replace(target)


def installed() -> list[InstalledModel]:
    """Every model on this computer, downloads first."""
    out: list[InstalledModel] = []
    root = models_root()
    if root.is_dir():
        for folder in sorted(root.iterdir()):
            marker = folder / MARKER
            if marker.is_file():
                model_id = json.loads(marker.read_text(encoding="utf-8"))["id"]
                out.append(InstalledModel(model_id, str(folder), folder_size(folder), "downloaded"))
    for added in added_folders():
        if Path(added).is_dir():
            out.append(InstalledModel(added, added, folder_size(Path(added)), "added"))
    from summarizer.models import list_local

    known = {m.id for m in out}
    for hf in list_local():
        if hf.id not in known:
            out.append(InstalledModel(hf.id, hf.path, int(hf.size_mb * 1e6), "hf-cache"))
    return out


def remove(model_id: str) -> int:
    """Delete a download (and its converted copies) or forget an added folder; bytes freed."""
    from summarizer.backends.cache import cache_root, model_revision

    freed = 0
    folders = added_folders()
    if model_id in folders or str(Path(model_id).expanduser().resolve()) in folders:
        keep = [f for f in folders if f not in (model_id, str(Path(model_id).resolve()))]
        _write_added(keep)
        return 0
    folder = installed_dir(model_id)
    if not folder.is_dir():
        return _remove_from_hf_cache(model_id)
    revision = model_revision(folder)
    for converted in cache_root().glob(f"*/{revision}-*"):
        freed += folder_size(converted)
        shutil.rmtree(converted, ignore_errors=True)
    freed += folder_size(folder)
    shutil.rmtree(folder)
    return freed


def _remove_from_hf_cache(model_id: str) -> int:
    """Delete ``model_id``'s snapshots from the Hugging Face cache; bytes freed."""
    try:
        from huggingface_hub import scan_cache_dir

        cache = scan_cache_dir()
    except Exception:  # no hub client, or no cache folder yet
        cache = None
    revisions = [
        rev.commit_hash
        for repo in (cache.repos if cache else ())
        if repo.repo_id == model_id and repo.repo_type == "model"
        for rev in repo.revisions
    ]
    if cache is None or not revisions:
        raise SummarizerError(f"{model_id} is not on this computer; nothing was deleted.")
    plan = cache.delete_revisions(*revisions)
    plan.execute()
    return int(plan.expected_freed_size)
