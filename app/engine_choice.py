"""The engine a batch's settings choose: loaded (`load_engine`) or only named (`planned`).

Both executors, the desktop app's engine cache, `watch` and the CLI come here. `planned` knows
the engine's name and summary key without loading a model, so the Ray driver (which never
summarizes) decides what is already stored without holding a model of its own.
"""

from __future__ import annotations

from app.settings import Settings
from summarizer.base import LoadOptions
from summarizer.engines import Engine, EngineSpec
from summarizer.loading import EngineChoice, load, plan


def engine_settings(settings: Settings) -> tuple[EngineChoice, LoadOptions]:
    """The settings that decide which engine is loaded and how: equal values, same engine
    (the GUI reuses a loaded engine while they stay equal; length and beams travel with each
    call, so changing them loads nothing)."""
    choice = EngineChoice(
        settings.engine, settings.model, settings.backend, settings.offline, settings.similarity
    )
    return choice, settings.load_options()


def load_engine(settings: Settings) -> Engine:
    """The engine the settings choose, loaded."""
    return load(*engine_settings(settings))


def planned(settings: Settings) -> EngineSpec:
    """The engine the settings choose, named (method, model, runtime, precision) without
    loading it; its ``key`` is the summary key the loaded engine will have."""
    return plan(*engine_settings(settings))
