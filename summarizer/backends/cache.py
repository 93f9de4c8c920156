"""Where converted models live: one folder per model revision, backend and precision."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path


def cache_root() -> Path:
    env = os.environ.get("SYNOPSIS_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("synopsis"))


def model_revision(path: str | Path) -> str:
    """A fingerprint of a model folder: its config and the size and time of each weight file.

    Hub snapshots are named by commit, but local folders change in place, so both are hashed.
    """
    folder = Path(path)
    digest = hashlib.sha256(str(folder.resolve()).encode())
    for name in sorted(os.listdir(folder)):
        item = folder / name
        if item.is_file() and not name.startswith("."):  # not Synopsis's own bookkeeping
            st = item.stat()
            digest.update(f"{name}:{st.st_size}:{int(st.st_mtime)}".encode())
            if name == "config.json":
                digest.update(item.read_bytes())
    return digest.hexdigest()[:16]


def converted_dir(backend: str, path: str | Path, variant: str) -> Path:
    return cache_root() / backend / f"{model_revision(path)}-{variant}"


_lock = threading.Lock()


def convert_once(target: Path, marker: str, write: Callable[[Path], None]) -> Path:
    """``target`` holding a converted model, converting it first when ``marker`` (a file the
    conversion writes last) is missing. ``write(folder)`` converts into a temporary folder that
    is then renamed into place, so a crash never leaves half a model, and two processes
    converting at once both end with one whole folder (the second rename loses, harmlessly)."""
    if (target / marker).is_file():
        return target
    with _lock:
        if (target / marker).is_file():
            return target
        tmp = target.with_name(target.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        try:
            tmp.rename(target)
        except OSError:  # another process finished first
            shutil.rmtree(tmp, ignore_errors=True)
    return target
