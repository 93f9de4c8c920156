"""What every Hugging Face seq2seq backend shares: tokenizer, task prefix, budget, defaults.

T5 needs its task prefix ("summarize: "); BART and Pegasus need none. Generation defaults come
from the model's own config (``task_specific_params["summarization"]`` and generation_config).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summarizer.base import Backend, GenerationSettings, LoadOptions, task_prefix

DEFAULT_BUDGET = 512


class HFBackend(Backend):
    """Base for backends that run a Hugging Face seq2seq checkpoint."""

    def __init__(self, model: str, options: LoadOptions, path: str | Path | None = None) -> None:
        super().__init__(model, options, path)
        from transformers import AutoConfig, AutoTokenizer

        self._precision = "fp32"  # subclasses decide while loading
        self._device = "cpu"
        self.config = AutoConfig.from_pretrained(self.path, local_files_only=True)
        self.tokenizer = AutoTokenizer.from_pretrained(self.path, local_files_only=True)
        self._defaults = self._summarization_defaults()

    def _summarization_defaults(self) -> dict[str, Any]:
        params = dict((self.config.task_specific_params or {}).get("summarization", {}))
        try:
            from transformers import GenerationConfig

            gen = GenerationConfig.from_pretrained(self.path, local_files_only=True)
            for key in ("num_beams", "length_penalty", "no_repeat_ngram_size"):
                params.setdefault(key, getattr(gen, key, None))
        except OSError:
            pass
        return {k: v for k, v in params.items() if v is not None}

    @property
    def precision(self) -> str:
        return self._precision

    @property
    def device(self) -> str:
        return self._device

    @property
    def prefix(self) -> str:
        if "prefix" in self._defaults:
            return str(self._defaults["prefix"])
        return task_prefix(getattr(self.config, "model_type", ""), self.model_id)

    @property
    def input_budget(self) -> int:
        limit = getattr(self.tokenizer, "model_max_length", DEFAULT_BUDGET) or DEFAULT_BUDGET
        positions = getattr(self.config, "max_position_embeddings", None)
        if limit > 100_000:  # "no limit" sentinel: T5's relative positions
            limit = positions or DEFAULT_BUDGET
        return int(min(limit, positions) if positions else limit)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        # verbose=False: counting a text longer than the model's limit is the point here.
        enc = self.tokenizer(list(texts), add_special_tokens=False, verbose=False)["input_ids"]
        return [len(ids) for ids in enc]

    def settings_for(self, max_new_tokens: int, num_beams: int | None = None) -> GenerationSettings:
        d = self._defaults
        beams = num_beams or int(d.get("num_beams") or 1)
        min_len = int(d.get("min_length") or 0)
        return GenerationSettings(
            max_new_tokens=max_new_tokens,
            min_new_tokens=min(min_len, max_new_tokens // 2),
            num_beams=beams,
            length_penalty=float(d.get("length_penalty") or 1.0),
            no_repeat_ngram_size=int(d.get("no_repeat_ngram_size") or 0),
        )

    def with_prefix(self, batch: Sequence[str]) -> list[str]:
        return [self.prefix + text for text in batch]


def hf_generate(
    model: Any, tokenizer: Any, texts: list[str], settings: GenerationSettings, device: str | None
) -> list[str]:
    """`model.generate` with our settings (shared by torch and optimum-intel models)."""
    enc = tokenizer(texts, return_tensors="pt", padding=True, truncation=False, verbose=False)
    if device:
        enc = {k: v.to(device) for k, v in enc.items()}
    kwargs: dict[str, Any] = {
        "max_new_tokens": settings.max_new_tokens,
        "min_new_tokens": settings.min_new_tokens or None,
        "num_beams": settings.num_beams,
        "no_repeat_ngram_size": settings.no_repeat_ngram_size,
        "do_sample": False,
    }
    if settings.num_beams > 1:  # meaningless (and warned about) for greedy search
        kwargs.update(length_penalty=settings.length_penalty, early_stopping=True)
    out = model.generate(**enc, **kwargs)
    return list(tokenizer.batch_decode(out, skip_special_tokens=True))
