"""`synopsis bench`: measure the available backends with the configured model on this machine.

Each backend summarizes the same chunks (greedy, a fixed number of new tokens) after a warm-up;
its output is compared with torch fp32's, token by token. The fastest backend whose output
agrees (similarity >= AGREEMENT) becomes `--backend auto`'s choice.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from summarizer import registry
from summarizer.base import Backend, GenerationSettings, LoadOptions
from summarizer.errors import SummarizerError
from summarizer.hardware import cpu_summary
from summarizer.speed import save_results

AGREEMENT = 0.8
PASSAGE = (
    "The committee met to decide how the town library should spend its digitization grant. "
    "The archivist proposed scanning the town newspaper from 1890 to 1950, about forty thousand "
    "pages on microfilm, so that residents could search them from home. The history society "
    "argued that the handwritten council minutes are more at risk because the paper is brittle "
    "and only one copy exists. After discussion, the committee agreed to scan the minutes first "
    "and then as much of the newspaper as the remaining money allows. "
)


@dataclass(frozen=True)
class BackendSpeed:
    name: str
    precision: str
    chunks_per_min: float
    agreement: float
    agrees: bool
    error: str = ""


def _inputs(backend: Backend, n: int) -> list[str]:
    """``n`` different chunks that each fill the model's input budget (task prefix included)."""
    budget = backend.input_budget - 2 - backend.count_tokens([backend.prefix])[0]
    words = PASSAGE.split()
    out = []
    for i in range(n):
        size = 16
        while backend.count_tokens([_words(words, i, size * 2)])[0] <= budget:
            size *= 2
        lo, hi = size, size * 2  # lo fits, hi does not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if backend.count_tokens([_words(words, i, mid)])[0] <= budget:
                lo = mid
            else:
                hi = mid
        out.append(_words(words, i, lo))
    return out


def _words(words: list[str], start: int, count: int) -> str:
    return " ".join(words[(start + k) % len(words)] for k in range(count))


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split()).ratio() if (a or b) else 1.0


def measure(
    model: str,
    path: str | Path,
    *,
    chunks: int = 8,
    new_tokens: int = 32,
    names: list[str] | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> list[BackendSpeed]:
    """Speed and agreement with torch of each available backend (torch first, the reference)."""
    wanted = names or [n for n in registry.available_names() if n != "extractive"]
    wanted = ["torch", *[n for n in wanted if n != "torch"]]
    settings = GenerationSettings(max_new_tokens=new_tokens, min_new_tokens=new_tokens)
    reference: list[str] = []
    texts: list[str] = []
    rows = []
    for name in wanted:
        cls = registry.get(name)
        if cls.unavailable_reason():
            continue
        say = on_progress or (lambda _m: None)
        say(f"{name}: loading")
        try:
            backend = cls(model, LoadOptions(), path)
            if not texts:
                texts = _inputs(backend, chunks)
            backend.generate(texts[:1], settings)  # warm-up
            say(f"{name}: generating {chunks} chunks")
            start = time.perf_counter()
            outputs = backend.generate(texts, settings)
            seconds = time.perf_counter() - start
        except (SummarizerError, RuntimeError, ValueError, OSError) as exc:
            rows.append(BackendSpeed(name, "-", 0.0, 0.0, False, str(exc)))
            continue
        if name == "torch":
            reference = outputs
        agreement = sum(similarity(a, b) for a, b in zip(outputs, reference, strict=True)) / len(
            outputs
        )
        rows.append(
            BackendSpeed(
                name,
                backend.precision,
                len(texts) / seconds * 60,
                round(agreement, 3),
                agreement >= AGREEMENT,
            )
        )
        backend.close()
    return rows


def run_and_store(model: str, path: str | Path, **kwargs: Any) -> tuple[list[BackendSpeed], Path]:
    rows = measure(model, path, **kwargs)
    saved = save_results(
        {
            "model": model,
            "machine": cpu_summary(),
            "time": time.strftime("%Y-%m-%d %H:%M"),
            "backends": [asdict(r) for r in rows],
        }
    )
    return rows, saved
