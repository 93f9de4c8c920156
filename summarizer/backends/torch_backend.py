"""The reference backend: transformers `AutoModelForSeq2SeqLM` on PyTorch.

fp32 on CPU by default; bf16 only where the CPU has AMX or AVX512-BF16 (elsewhere bf16 is about
10x slower); CUDA with bf16 (or fp16 on older GPUs) when a GPU is present.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

from summarizer.backends.hf_common import HFBackend, hf_generate
from summarizer.base import GenerationSettings, LoadOptions
from summarizer.hardware import has_fast_bf16


class TorchBackend(HFBackend):
    name = "torch"

    @classmethod
    def unavailable_reason(cls) -> str | None:
        for pkg in ("torch", "transformers"):
            if importlib.util.find_spec(pkg) is None:
                return f"{pkg} is not installed; install the `torch` extra."
        return None

    def __init__(self, model: str, options: LoadOptions, path: str | Path | None = None) -> None:
        super().__init__(model, options, path)
        import torch
        from transformers import AutoModelForSeq2SeqLM

        self._device, self._precision = self.placement(options)
        dtype = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}
        self.model = AutoModelForSeq2SeqLM.from_pretrained(
            self.path, dtype=dtype[self._precision], local_files_only=True
        )
        self.model.to(self._device).eval()
        self._torch = torch

    @classmethod
    def placement(cls, options: LoadOptions) -> tuple[str, str]:
        import torch

        cuda = bool(torch.cuda.is_available())
        if options.device == "cuda" and not cuda:
            from summarizer.errors import BackendUnavailable

            raise BackendUnavailable(cls.name, "no CUDA GPU is visible to PyTorch.")
        device = "cuda" if (options.device in ("auto", "cuda") and cuda) else "cpu"
        if options.precision in ("fp32", "bf16", "fp16"):
            return device, options.precision
        if device == "cuda":
            return device, "bf16" if torch.cuda.is_bf16_supported() else "fp16"
        return device, "bf16" if has_fast_bf16() else "fp32"

    def generate(self, batch: Sequence[str], settings: GenerationSettings) -> list[str]:
        with self._torch.inference_mode():
            return hf_generate(
                self.model, self.tokenizer, self.with_prefix(batch), settings, self._device
            )

    def close(self) -> None:
        del self.model
