"""Loading what summarizes, from the user's choice: method (auto/abstractive/extractive),
model and runtime.

``auto`` falls back to the extractive method when the model or runtime is not available, and
says why; ``abstractive`` refuses instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from summarizer import models, registry
from summarizer.base import LoadOptions
from summarizer.engines import Engine
from summarizer.errors import BackendUnavailable, SummarizerError

log = logging.getLogger(__name__)
METHODS = ("auto", "abstractive", "extractive")


@dataclass(frozen=True)
class EngineChoice:
    """What the user chose (the ``engine`` and ``backend`` settings name method and runtime)."""

    method: str = "auto"
    model: str = models.DEFAULT_MODEL
    runtime: str = "auto"
    offline: bool = False
    similarity: str = "tfidf"  # extractive method: tfidf | embeddings (MiniLM)


def pick_runtime(name: str) -> str:
    """Resolve ``auto`` to the fastest measured runtime, else the first available one."""
    if name != "auto":
        return name
    from summarizer.speed import fastest_measured

    measured = fastest_measured()
    if measured and registry.get(measured).unavailable_reason() is None:
        return measured
    for candidate in registry.STATIC_ORDER:
        if registry.get(candidate).unavailable_reason() is None:
            return candidate
    return "torch"


def load(choice: EngineChoice, options: LoadOptions) -> Engine:
    """The engine to use; when auto fell back to extractive, its ``fallback_reason`` says why."""
    if choice.method not in METHODS:
        raise SummarizerError(f"Unknown engine {choice.method!r}; choose one of {METHODS}.")
    if choice.method == "extractive":
        return _extractive(choice.similarity)
    try:
        name = pick_runtime(choice.runtime)
        cls = registry.get(name)
        reason = cls.unavailable_reason()
        if reason:
            raise BackendUnavailable(name, reason)
        path = models.resolve(choice.model, choice.offline)
        from summarizer.abstractive import AbstractiveEngine

        try:
            return AbstractiveEngine(cls(choice.model, options, path))
        except BackendUnavailable as exc:
            if choice.runtime != "auto" or name == "torch":
                raise
            # A fast runtime that cannot run this model (CTranslate2 has no LED): torch can.
            log.info("%s Using torch.", exc.user_message)
            return AbstractiveEngine(registry.get("torch")(choice.model, options, path))
    except SummarizerError as exc:
        if choice.method == "abstractive":
            raise
        why = f"{exc.user_message} Using the extractive engine instead."
        log.info(why)
        return _extractive(choice.similarity, why)


def _extractive(similarity: str, fallback_reason: str | None = None) -> Engine:
    from summarizer.extractive import ExtractiveEngine

    return ExtractiveEngine(similarity, fallback_reason)


def describe() -> list[dict[str, str | None]]:
    """The extractive method, then every runtime of the abstractive one, each with its
    availability (None) or the reason it is unavailable."""
    rows: list[dict[str, str | None]] = [
        {"name": "extractive", "kind": "extractive", "unavailable": None}
    ]
    for name in registry.available_names():
        reason = registry.get(name).unavailable_reason()
        rows.append({"name": name, "kind": "abstractive", "unavailable": reason})
    return rows
