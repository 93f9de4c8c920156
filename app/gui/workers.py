"""Long work off the GUI thread: a QRunnable that iterates `pipeline.run()`.

Signals carry plain values (dicts and strings); workers never touch widgets. The loaded model
is kept in an `EngineCache` so the next batch with the same settings starts at once.
"""

from __future__ import annotations

import threading
from dataclasses import asdict
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from app import engine_choice, pipeline
from app.settings import Settings
from app.store import Store
from ingestion.errors import AppError
from summarizer.engines import Engine


def warm_up() -> None:
    """Import and load what every batch needs, on the GUI thread before any batch runs.

    Loading shared libraries and unmarshalling the Punkt model hold the GIL for tens of ms;
    done inside a running batch, that would stall the event loop (measured: ~60 ms).
    """
    import numpy  # noqa: F401

    from ingestion.sentences import punkt_tokenizer
    from summarizer import extractive  # noqa: F401
    from summarizer.textrank import content_terms

    punkt_tokenizer("english")
    content_terms("warming up the stemmer")


class EngineCache:
    """The last loaded engine, reused while the settings that matter stay the same."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._value: Engine | None = None

    def get(self, settings: Settings) -> Engine:
        key = engine_choice.engine_settings(settings)
        with self._lock:
            if self._key != key or self._value is None:
                self._value = engine_choice.load_engine(settings)
                self._key = key
            return self._value


class WorkerSignals(QObject):
    progress = Signal(dict)  # a pipeline.Progress as a dict
    finished = Signal(dict)  # the last event (counts), or {} when nothing ran
    failed = Signal(str)  # a message for the user


class BatchWorker(QRunnable):
    """Runs one batch; `cancel()` stops it between steps."""

    def __init__(
        self,
        paths: list[str],
        settings: Settings,
        engines: EngineCache,
        password: str | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.engines = engines
        self.password = password
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        last: dict[str, Any] = {}
        try:
            engine = self.engines.get(self.settings)  # model loading happens here too
            with Store(self.settings.db) as store:
                for event in pipeline.run(
                    self.paths,
                    self.settings,
                    store,
                    password=self.password,
                    should_cancel=self._cancel.is_set,
                    engine=engine,
                ):
                    last = asdict(event)
                    self.signals.progress.emit(last)
        except AppError as exc:
            self.signals.failed.emit(exc.user_message)
        except Exception as exc:  # shown, never raised into Qt's event loop
            self.signals.failed.emit(f"Unexpected error: {type(exc).__name__}: {exc}")
        finally:
            self.signals.finished.emit(last)
