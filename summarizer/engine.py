"""Choosing and loading what summarizes: engine (auto/abstractive/extractive), model, backend.

``--engine auto`` falls back to the extractive engine when the model or backend is not
available, and says why; ``--engine abstractive`` refuses instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from summarizer import models, registry
from summarizer.base import Backend, Options
from summarizer.errors import BackendUnavailable, SummarizerError

log = logging.getLogger(__name__)
ENGINES = ("auto", "abstractive", "extractive")


@dataclass(frozen=True)
class EngineChoice:
    engine: str = "auto"
    model: str = models.DEFAULT_MODEL
    backend: str = "auto"
    offline: bool = False
    similarity: str = "tfidf"  # extractive engine: tfidf | embeddings (MiniLM)


def pick_backend(name: str) -> str:
    """Resolve ``auto`` to the fastest measured backend, else the first available one."""
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


def load(choice: EngineChoice, options: Options) -> tuple[Backend, str | None]:
    """The backend to use and, when auto fell back to extractive, the reason why."""
    if choice.engine not in ENGINES:
        raise SummarizerError(f"Unknown engine {choice.engine!r}; choose one of {ENGINES}.")
    if choice.engine == "extractive":
        return _extractive(options, choice.similarity), None
    try:
        name = pick_backend(choice.backend)
        cls = registry.get(name)
        reason = cls.unavailable_reason()
        if reason:
            raise BackendUnavailable(name, reason)
        path = models.resolve(choice.model, choice.offline)
        return cls(choice.model, options, path), None  # type: ignore[call-arg]
    except SummarizerError as exc:
        if choice.engine == "abstractive":
            raise
        why = f"{exc.user_message} Using the extractive engine instead."
        log.info(why)
        return _extractive(options, choice.similarity), why


def _extractive(options: Options, similarity: str = "tfidf") -> Backend:
    from summarizer.backends.extractive import ExtractiveBackend

    return ExtractiveBackend(options=options, similarity=similarity)
