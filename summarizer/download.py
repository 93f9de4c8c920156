"""Downloading a model from the Hugging Face hub with progress, cancel, resume and hashes (#25).

The hub client (`huggingface_hub.HfApi`, honouring its endpoint setting ``HF_ENDPOINT``) lists
the repository at one commit with each file's published hash: sha256 for LFS files, the git
blob id (sha1 of ``"blob <size>\\0" + bytes``) for small ones. The files themselves come from
the hub's documented ``/{repo}/resolve/{commit}/{file}`` URLs through our own loop, because it
must report bytes as they arrive, stop on cancel between reads, resume a dropped connection
with an HTTP Range request, and discard a file whose hash differs.

config.json comes first and is checked: a repository that is not an encoder-decoder
summarizer is refused before any weights are fetched. Parts live beside the finished files
as ``NAME.part`` and survive a cancel or a crash; the folder is complete once its marker
(written last) exists.
"""

from __future__ import annotations

import errno
import hashlib
import http.client
import json
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from summarizer.errors import (
    DiskFull,
    DownloadCancelled,
    DownloadFailed,
    HashMismatch,
    ModelNotAvailable,
    NetworkUnreachable,
    NotSeq2Seq,
)
from summarizer.installed import MARKER, installed_dir
from summarizer.models import is_offline, network_failure

CHUNK = 256 * 1024
RETRIES = 5  # reconnections per file after a dropped connection
TIMEOUT_S = 30.0
KEEP_FREE = 200_000_000  # bytes left free on the disk after a download
# Encoder-decoder families Synopsis can summarize with (transformers' model_type).
SEQ2SEQ_TYPES = frozenset(
    "t5 mt5 umt5 longt5 bart mbart pegasus pegasus_x led bigbird_pegasus prophetnet "
    "switch_transformers".split()
)
TOKENIZER_FILES = ("tokenizer.json", "spiece.model", "vocab.json", "sentencepiece.bpe.model")
SMALL_FILES = (
    "config.json",
    "generation_config.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "spiece.model",
    "sentencepiece.bpe.model",
    "vocab.json",
    "merges.txt",
    "added_tokens.json",
)


@dataclass(frozen=True)
class RemoteFile:
    name: str
    size: int
    sha256: str | None  # LFS files
    blob_id: str | None  # git blob sha1, for small files


@dataclass(frozen=True)
class DownloadProgress:
    """One step of a download. ``stage``: listing, download, verified, convert, converted,
    done; ``done``/``total`` in bytes for the whole model; ``rate`` in bytes per second."""

    stage: str
    model: str
    file: str = ""
    done: int = 0
    total: int = 0
    rate: float = 0.0
    eta_s: float | None = None
    message: str = ""


OnProgress = Callable[[DownloadProgress], None]


def list_repo(model_id: str) -> tuple[str, list[RemoteFile]]:
    """The commit the hub serves for ``model_id`` and its files with their published hashes."""
    from huggingface_hub import HfApi, constants
    from huggingface_hub.errors import GatedRepoError, RepositoryNotFoundError

    try:
        info = HfApi(endpoint=constants.ENDPOINT).model_info(model_id, files_metadata=True)
    except RepositoryNotFoundError as exc:
        raise ModelNotAvailable(model_id, False, "the hub has no such model") from exc
    except GatedRepoError as exc:
        raise DownloadFailed(
            f"{model_id} is gated: its licence must be accepted on its hub page first.",
            "Accept it there, then log in with `hf auth login` and pull again.",
            "Accept it there and log in to the hub on this computer, then press Download.",
        ) from exc
    except Exception as exc:
        if network_failure(exc):
            raise NetworkUnreachable(model_id) from exc
        raise ModelNotAvailable(model_id, False, f"the hub answered {exc}") from exc
    files = [
        RemoteFile(
            s.rfilename,
            int(s.lfs.size if s.lfs else s.size or 0),
            s.lfs.sha256 if s.lfs else None,
            None if s.lfs else s.blob_id,
        )
        for s in info.siblings or []
    ]
    return str(info.sha), files


def choose_files(files: list[RemoteFile]) -> list[RemoteFile]:
    """Config, tokenizer and one weights format (safetensors, else PyTorch .bin)."""
    names = {f.name for f in files}
    safetensors = any(n.endswith(".safetensors") for n in names if "/" not in n)

    def wanted(name: str) -> bool:
        if "/" in name:
            return False  # onnx/, flax subfolders and the like
        if name in SMALL_FILES:
            return True
        if safetensors:
            return name.endswith(".safetensors") or name == "model.safetensors.index.json"
        return name.startswith("pytorch_model") and name.endswith((".bin", ".bin.index.json"))

    return [f for f in files if wanted(f.name)]


def check_seq2seq(model_id: str, config: dict[str, Any], names: set[str]) -> None:
    """Refuse a repository whose config is not an encoder-decoder summarizer we can run."""
    kind = str(config.get("model_type", ""))
    archs = [str(a) for a in config.get("architectures") or []]
    if kind not in SEQ2SEQ_TYPES and not config.get("is_encoder_decoder"):
        what = f"{archs[0]}, " if archs else ""
        raise NotSeq2Seq(model_id, f"{what}model type {kind or 'unknown'}")
    if archs and not any(a.endswith("ForConditionalGeneration") for a in archs):
        raise NotSeq2Seq(model_id, f"its architecture is {archs[0]}")
    if not names & set(TOKENIZER_FILES):
        raise NotSeq2Seq(model_id, "it ships no tokenizer")


def file_hash_ok(path: Path, remote: RemoteFile) -> bool:
    """Whether ``path`` matches the hash the hub publishes for ``remote``."""
    if remote.sha256:
        digest = hashlib.sha256()
    elif remote.blob_id:
        digest = hashlib.sha1(f"blob {path.stat().st_size}\0".encode(), usedforsecurity=False)
    else:
        return path.stat().st_size == remote.size
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == (remote.sha256 or remote.blob_id)


class _Meter:
    """Bytes done over the whole model, with the rate of this session and the ETA."""

    def __init__(self, model: str, total: int, done: int, report: OnProgress) -> None:
        self.model, self.total, self.done, self.report = model, total, done, report
        self.start_done, self.started = done, time.monotonic()
        self.last = 0.0

    def add(self, n: int, file: str, force: bool = False) -> None:
        self.done += n
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        rate = (self.done - self.start_done) / max(now - self.started, 1e-6)
        eta = (self.total - self.done) / rate if rate > 0 else None
        self.report(
            DownloadProgress("download", self.model, file, self.done, self.total, rate, eta)
        )


def _fetch(
    url: str, part: Path, remote: RemoteFile, meter: _Meter, cancel: Callable[[], bool]
) -> None:
    """Fetch ``url`` into ``part``, resuming from its size; reconnect after a drop."""
    for attempt in range(RETRIES + 1):
        have = part.stat().st_size if part.exists() else 0
        if have >= remote.size and have:
            return
        request = urllib.request.Request(url, headers={"Range": f"bytes={have}-"} if have else {})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as resp:
                if have and resp.status != 206:  # the server ignored Range: start over
                    meter.add(-have, remote.name)
                    have = 0
                with part.open("ab" if have else "wb") as out:
                    while block := resp.read(CHUNK):
                        if cancel():
                            raise DownloadCancelled(meter.model)
                        out.write(block)
                        meter.add(len(block), remote.name)
            # http.client ends a body cut short by a dropped connection quietly: sizes tell.
            if part.stat().st_size >= remote.size:
                return
        except urllib.error.HTTPError as exc:
            if exc.code == 416 and have:  # nothing left to send: the part is whole
                return
            raise DownloadFailed(
                f"The hub refused {remote.name} of {meter.model} (HTTP {exc.code}).",
                "Try again later; if it keeps happening, check the model's hub page.",
            ) from exc
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                free = shutil.disk_usage(part.parent).free
                raise DiskFull(meter.model, remote.size - have, free, str(part.parent)) from exc
            if attempt == RETRIES:
                raise NetworkUnreachable(meter.model) from exc
        except (TimeoutError, http.client.HTTPException) as exc:
            if attempt == RETRIES:
                raise NetworkUnreachable(meter.model) from exc
        else:
            if attempt == RETRIES:
                raise NetworkUnreachable(meter.model)
        # The connection dropped: what arrived stays in the part; ask for the rest.
        time.sleep(min(0.05 * 2**attempt, 1.0))


def download(
    model_id: str,
    on_progress: OnProgress | None = None,
    should_cancel: Callable[[], bool] | None = None,
    *,
    keep_free: int = KEEP_FREE,
    convert: bool = True,
) -> Path:
    """Download ``model_id`` into the models folder; return the finished folder."""
    report = on_progress or (lambda _p: None)
    cancel = should_cancel or (lambda: False)
    if is_offline():
        raise DownloadFailed(
            f"Model {model_id!r} cannot be downloaded: offline mode is on",
            "(--offline or SYNOPSIS_OFFLINE). Turn it off to download, or copy a model folder "
            "here and pass it with --model DIR.",
            "(Settings). Turn it off to download, or copy a model folder here and use the "
            "Add a folder… button.",
        )
    from huggingface_hub import constants

    report(DownloadProgress("listing", model_id, message="Asking the hub for the file list"))
    commit, files = list_repo(model_id)
    chosen = choose_files(files)
    folder = installed_dir(model_id)
    folder.mkdir(parents=True, exist_ok=True)
    _forget_other_commit(folder, commit)

    def url(name: str) -> str:
        return f"{constants.ENDPOINT}/{model_id}/resolve/{commit}/{quote(name)}"

    by_name = {f.name: f for f in chosen}
    if "config.json" not in by_name:
        raise NotSeq2Seq(model_id, "it has no config.json")
    total = sum(f.size for f in chosen)
    done = sum(_have(folder, f) for f in chosen)
    free = shutil.disk_usage(folder).free
    if total - done + keep_free > free:
        raise DiskFull(model_id, total - done, free, str(folder))
    meter = _Meter(model_id, total, done, report)
    # config.json first: a repository that cannot summarize is refused before its weights.
    order = [by_name["config.json"], *(f for f in chosen if f.name != "config.json")]
    for remote in order:
        _get_file(url(remote.name), folder, remote, meter, cancel)
        if remote.name == "config.json":
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            try:
                check_seq2seq(model_id, config, set(by_name))
            except NotSeq2Seq:
                shutil.rmtree(folder, ignore_errors=True)
                raise
    meter.add(0, order[-1].name, force=True)  # the last bytes, shown whatever the throttle
    if convert:
        _convert(model_id, folder, report)
    marker = {"id": model_id, "commit": commit, "files": [f.__dict__ for f in chosen]}
    (folder / MARKER).write_text(json.dumps(marker, indent=1), encoding="utf-8")
    report(DownloadProgress("done", model_id, done=total, total=total, message=str(folder)))
    return folder


def _have(folder: Path, remote: RemoteFile) -> int:
    whole = folder / remote.name
    if whole.is_file():
        return whole.stat().st_size
    part = folder / f"{remote.name}.part"
    return part.stat().st_size if part.is_file() else 0


def _forget_other_commit(folder: Path, commit: str) -> None:
    """Parts of another commit cannot be resumed: start that folder afresh."""
    pending = folder / ".commit"
    if pending.is_file() and pending.read_text().strip() != commit:
        for item in folder.iterdir():
            if item.is_file():
                item.unlink()
    pending.write_text(commit)


def _get_file(
    url: str, folder: Path, remote: RemoteFile, meter: _Meter, cancel: Callable[[], bool]
) -> None:
    whole = folder / remote.name
    if whole.is_file():
        return
    part = folder / f"{remote.name}.part"
    _fetch(url, part, remote, meter, cancel)
    if not file_hash_ok(part, remote):
        meter.add(-part.stat().st_size, remote.name, force=True)
        part.unlink()
        raise HashMismatch(meter.model, remote.name)
    part.rename(whole)
    meter.report(DownloadProgress("verified", meter.model, remote.name, meter.done, meter.total))


def _convert(model_id: str, folder: Path, report: OnProgress) -> None:
    """Convert for the fast runtime once (CTranslate2 int8 on this CPU), saying so."""
    from summarizer.backends.ct2_backend import CTranslate2Backend, convert_model

    if CTranslate2Backend.unavailable_reason() is not None:
        return
    report(
        DownloadProgress(
            "convert",
            model_id,
            message="Converting for the fast runtime (CTranslate2 int8); this happens once",
        )
    )
    started = time.monotonic()

    def on_step(n: int, of: int, what: str) -> None:
        text = f"Converting for the fast runtime (CTranslate2 int8), once: {what} ({n}/{of})"
        report(DownloadProgress("convert", model_id, done=n - 1, total=of, message=text))

    try:
        convert_model(folder, "int8", on_step)
    except Exception as exc:  # an architecture CTranslate2 lacks: PyTorch still runs it
        report(
            DownloadProgress(
                "converted",
                model_id,
                message=f"The fast runtime cannot convert this model ({type(exc).__name__}: "
                f"{exc}); it runs with PyTorch instead.",
            )
        )
        return
    seconds = time.monotonic() - started
    report(
        DownloadProgress(
            "converted", model_id, done=3, total=3, message=f"Converted in {seconds:.1f} s"
        )
    )
