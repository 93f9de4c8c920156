"""AWS Inferentia2 / Trainium through optimum-neuron, with static shapes.

Neuron compiles a model for fixed (batch size, input length, beams). Requests are bucketed:
a batch is split into compiled batch sizes, each input padded to the nearest compiled length,
and each shape's compiled artifacts are cached on disk. optimum-neuron pins its own
transformers and torch, so this backend lives in its own environment (the `neuron` extra) and
the core imports and runs without it. Only the bucketing is exercised without the hardware.
"""

from __future__ import annotations

import glob
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.backends.cache import converted_dir
from summarizer.base import Backend, GenerationSettings, LoadOptions, task_prefix
from summarizer.errors import BackendUnavailable

BATCH_BUCKETS = (1, 4, 8)
LENGTH_BUCKETS = (128, 256, 512)


@dataclass(frozen=True)
class Shape:
    batch: int
    length: int
    beams: int

    @property
    def tag(self) -> str:
        return f"b{self.batch}-s{self.length}-k{self.beams}"


def length_bucket(tokens: int, buckets: Sequence[int] = LENGTH_BUCKETS) -> int:
    """Smallest compiled input length that holds ``tokens``."""
    for b in sorted(buckets):
        if tokens <= b:
            return b
    raise ValueError(f"{tokens} tokens exceed the largest compiled length {max(buckets)}")


def plan(
    lengths: Sequence[int],
    beams: int,
    batch_buckets: Sequence[int] = BATCH_BUCKETS,
    length_buckets: Sequence[int] = LENGTH_BUCKETS,
) -> list[tuple[Shape, list[int]]]:
    """Group inputs (by index) into compiled shapes: same length bucket, largest batch that
    fills, the last group padded up to the smallest batch bucket that holds it."""
    by_len: dict[int, list[int]] = {}
    for i, n in enumerate(lengths):
        by_len.setdefault(length_bucket(n, length_buckets), []).append(i)
    out: list[tuple[Shape, list[int]]] = []
    biggest = max(batch_buckets)
    for length, items in sorted(by_len.items()):
        for start in range(0, len(items), biggest):
            group = items[start : start + biggest]
            batch = min(b for b in batch_buckets if b >= len(group))
            out.append((Shape(batch, length, beams), group))
    return out


def neuron_devices() -> list[str]:
    return sorted(glob.glob("/dev/neuron*"))


class NeuronBackend(Backend):
    name = "neuron"

    @classmethod
    def unavailable_reason(cls) -> str | None:
        if (
            importlib.util.find_spec("optimum") is None
            or importlib.util.find_spec("optimum.neuron") is None
        ):
            return (
                "optimum-neuron is not installed. It needs AWS Inferentia2/Trainium and "
                "its own environment: `pip install 'synopsis[neuron]'` in a separate venv "
                "on a Neuron instance."
            )
        if not neuron_devices():
            return "no Neuron device (/dev/neuron*) is visible; run on an inf2 or trn1 instance."
        return None

    def __init__(self, model: str, options: LoadOptions, path: str | Path | None = None) -> None:
        super().__init__(model, options, path)
        reason = self.unavailable_reason()
        if reason:
            raise BackendUnavailable(self.name, reason)
        from transformers import AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(self.path)
        self._compiled: dict[Shape, Any] = {}

    @property
    def input_budget(self) -> int:
        return max(LENGTH_BUCKETS)

    @property
    def prefix(self) -> str:
        return task_prefix("", self.model_id)

    @classmethod
    def placement(cls, options: LoadOptions) -> tuple[str, str]:
        return "neuron", "bf16"

    @property
    def precision(self) -> str:
        return "bf16"

    @property
    def device(self) -> str:
        return "neuron"

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        return [len(x) for x in self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]]

    def _model(self, shape: Shape, settings: GenerationSettings) -> Any:
        if shape not in self._compiled:
            from optimum.neuron import NeuronModelForSeq2SeqLM

            folder = converted_dir(self.name, self.path, shape.tag)
            if not (folder / "config.json").is_file():
                compiled = NeuronModelForSeq2SeqLM.from_pretrained(
                    self.path,
                    export=True,
                    batch_size=shape.batch,
                    sequence_length=shape.length,
                    num_beams=shape.beams,
                    auto_cast="matmul",
                    auto_cast_type="bf16",
                )
                compiled.save_pretrained(folder)
            self._compiled[shape] = NeuronModelForSeq2SeqLM.from_pretrained(folder)
        return self._compiled[shape]

    def generate(self, batch: Sequence[str], settings: GenerationSettings) -> list[str]:
        texts = [self.prefix + t for t in batch]
        lengths = [n + 1 for n in self.count_tokens(texts)]  # + EOS
        out: list[str] = [""] * len(texts)
        for shape, idx in plan(lengths, settings.num_beams):
            group = [texts[i] for i in idx]
            group += [group[-1]] * (shape.batch - len(group))  # pad the batch dimension
            enc = self.tokenizer(
                group,
                return_tensors="pt",
                padding="max_length",
                max_length=shape.length,
                truncation=False,
            )
            gen = self._model(shape, settings).generate(
                **enc,
                max_new_tokens=settings.max_new_tokens,
                num_beams=settings.num_beams,
                min_new_tokens=settings.min_new_tokens or None,
            )
            decoded = self.tokenizer.batch_decode(gen, skip_special_tokens=True)
            for i, text in zip(idx, decoded, strict=False):
                out[i] = text
        return out
