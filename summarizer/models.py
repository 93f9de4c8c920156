"""Models by hub id or local folder; downloads only when the user asks (`synopsis models pull`
or the Models window; `summarizer.download`).

Resolution never touches the network: a hub id resolves to Synopsis's own download of it
(`summarizer.installed`), else to a snapshot already in the standard Hugging Face cache.
Offline mode (``--offline`` or ``SYNOPSIS_OFFLINE=1``) also sets ``HF_HUB_OFFLINE`` so no
library below makes a network call at all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import ModelNotAvailable

DEFAULT_MODEL = "google-t5/t5-small"
_TRUE = ("1", "true", "yes", "on")


def is_offline(flag: bool | None = None) -> bool:
    if flag:
        return True
    env = (os.environ.get("SYNOPSIS_OFFLINE", ""), os.environ.get("HF_HUB_OFFLINE", ""))
    return any(v.lower() in _TRUE for v in env)


def enforce_offline() -> None:
    """Make sure nothing below us opens a connection (set before importing the hub)."""
    os.environ["SYNOPSIS_OFFLINE"] = "1"
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


def resolve(model: str, offline: bool | None = None) -> Path:
    """The local folder holding ``model`` (a folder path or a downloaded hub id)."""
    offline = is_offline(offline)
    folder = Path(model).expanduser()
    if folder.is_dir():
        if not (folder / "config.json").is_file():
            raise ModelNotAvailable(model, offline, f"{folder} has no config.json")
        return folder
    if model.startswith((".", "/", "~")):
        raise ModelNotAvailable(model, offline, "no such folder")
    from summarizer.installed import downloaded

    mine = downloaded(model)
    if mine is not None:
        return mine
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import LocalEntryNotFoundError
    except ImportError as exc:
        raise ModelNotAvailable(model, offline, "huggingface-hub is not installed") from exc
    try:
        return Path(snapshot_download(model, local_files_only=True))
    except (LocalEntryNotFoundError, FileNotFoundError, ValueError, OSError) as exc:
        raise ModelNotAvailable(model, offline) from exc


def pull(model: str) -> Path:
    """Download ``model`` (see `summarizer.download.download`); return its folder."""
    from summarizer.download import download

    return download(model)


def network_failure(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) is a connection that could not be made."""
    seen: BaseException | None = exc
    while seen is not None:
        name = type(seen).__name__
        if isinstance(seen, ConnectionError | TimeoutError) or name in (
            "ConnectionError",
            "ConnectTimeout",
            "ConnectError",
            "LocalEntryNotFoundError",
            "OfflineModeIsEnabled",
            "gaierror",
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


@dataclass(frozen=True)
class LocalModel:
    id: str
    path: str
    size_mb: float
    revision: str


def list_local() -> list[LocalModel]:
    """Models in the standard Hugging Face cache."""
    try:
        from huggingface_hub import scan_cache_dir
    except ImportError:
        return []
    try:
        info = scan_cache_dir()
    except Exception:  # no cache folder yet
        return []
    out = []
    for repo in sorted(info.repos, key=lambda r: r.repo_id):
        if repo.repo_type != "model":
            continue
        for rev in repo.revisions:
            out.append(
                LocalModel(
                    repo.repo_id,
                    str(rev.snapshot_path),
                    round(rev.size_on_disk / 1e6, 1),
                    rev.commit_hash[:8],
                )
            )
    return out
