"""Loading what summarizes, from the user's choice: method (auto/abstractive/extractive),
model and runtime.

``auto`` falls back to the extractive method when the model or runtime is not available, and
says why; ``abstractive`` refuses instead. `plan` names the engine `load` would give without
loading a model (for the summary key a batch skips by).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from summarizer import models, registry
from summarizer.base import Backend, LoadOptions
from summarizer.engines import Engine, EngineSpec
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
    if _method(choice) == "extractive":
        return _extractive(choice.similarity)
    try:
        cls, path = _runtime_and_model(choice)
        from summarizer.abstractive import AbstractiveEngine

        try:
            return AbstractiveEngine(cls(choice.model, options, path))
        except BackendUnavailable as exc:
            if choice.runtime != "auto" or cls.name == "torch":
                raise
            # A fast runtime that cannot run this model (CTranslate2 has no LED): torch can.
            log.info("%s Using torch.", exc.user_message)
            return AbstractiveEngine(registry.get("torch")(choice.model, options, path))
    except SummarizerError as exc:
        if choice.method == "abstractive":
            raise
        why = _fallback(exc)
        log.info(why)
        return _extractive(choice.similarity, why)


def plan(choice: EngineChoice, options: LoadOptions) -> EngineSpec:
    """What `load` would give, named without loading a model: the same method, model,
    runtime, precision, device and fallback reason. One case it cannot foresee: with
    ``runtime`` auto, a model the fast runtime cannot convert (CTranslate2 has no LED) loads on
    torch, while the plan names the fast runtime."""
    from summarizer.extractive import ExtractiveEngine

    if _method(choice) == "extractive":
        return ExtractiveEngine.planned(choice.similarity)
    try:
        cls, _path = _runtime_and_model(choice)
        device, precision = cls.placement(options)
        return EngineSpec("abstractive", choice.model, cls.name, precision, device)
    except SummarizerError as exc:
        if choice.method == "abstractive":
            raise
        return ExtractiveEngine.planned(choice.similarity, _fallback(exc))


def _method(choice: EngineChoice) -> str:
    if choice.method not in METHODS:
        raise SummarizerError(f"Unknown engine {choice.method!r}; choose one of {METHODS}.")
    return choice.method


def _runtime_and_model(choice: EngineChoice) -> tuple[type[Backend], Path]:
    """The runtime's backend class (available here) and the model's local folder."""
    name = pick_runtime(choice.runtime)
    cls = registry.get(name)
    reason = cls.unavailable_reason()
    if reason:
        raise BackendUnavailable(name, reason)
    return cls, models.resolve(choice.model, choice.offline)


def _fallback(exc: SummarizerError) -> str:
    return f"{exc.user_message} Using the extractive engine instead."


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
