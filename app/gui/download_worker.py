"""A model download off the GUI thread (#25): `summarizer.download` in a QRunnable.

Signals carry plain values; `cancel()` stops the download between reads, keeping the part
already fetched for the next Download to resume.
"""

from __future__ import annotations

import threading
from dataclasses import asdict

from PySide6.QtCore import QObject, QRunnable, Signal

from ingestion.errors import AppError
from summarizer.download import download


class DownloadSignals(QObject):
    progress = Signal(dict)  # a DownloadProgress as a dict
    finished = Signal(str)  # the model's folder
    failed = Signal(str, str)  # error kind, message for the window


class DownloadWorker(QRunnable):
    def __init__(self, model_id: str) -> None:
        super().__init__()
        self.model_id = model_id
        self.signals = DownloadSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            path = download(
                self.model_id,
                lambda p: self.signals.progress.emit(asdict(p)),
                self._cancel.is_set,
            )
        except AppError as exc:
            message = getattr(exc, "gui_message", exc.user_message)
            self.signals.failed.emit(exc.kind, message)
        except Exception as exc:  # shown, never raised into Qt's event loop
            self.signals.failed.emit("unexpected", f"Unexpected error: {type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(str(path))
