"""Running batches from the window: the queue of pending drops, the worker's signals, the
progress bar and queue panel, cancelling, retrying, and asking for passwords as encrypted files
are met. A mixin of `MainWindow`, which owns the widgets named below."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
)

from app.gui.model_actions import engine_note
from app.gui.models import LibraryModel, QueueModel
from app.gui.workers import BatchWorker, EngineCache
from app.settings import Settings


class BatchQueue(QMainWindow):
    """Batch handling of the main window (see the module docstring)."""

    settings: Settings
    engines: EngineCache
    pool: QThreadPool
    worker: BatchWorker | None
    pending: list[tuple[list[str], str | None, bool]]
    prompted: set[str]
    passwords_given: set[str]
    announced: set[str]
    left_out: list[str]
    run_paths: set[str]
    run_open: bool
    index_left: bool
    note: QLabel
    queue: QueueModel
    dock: QDockWidget
    progress: QProgressBar
    eta: QLabel
    cancel_button: QPushButton
    retry_button: QPushButton
    backend_label: QLabel
    rate_label: QLabel
    library: LibraryModel
    _refresh_timer: QTimer
    batch_finished: Any  # MainWindow's Signal(dict)

    def _update_empty(self) -> None:  # the window's, shown here for what batches call
        raise NotImplementedError

    def say(self, message: str) -> None:  # the window's: status bar and a plain-text box
        raise NotImplementedError

    def index_what_was_left(self) -> None:  # the window's: the background index (#24)
        raise NotImplementedError

    def add_paths(self, paths: list[str], password: str | None = None, force: bool = False) -> None:
        """Queue a batch (files and folders); it starts when the worker is free. ``force``
        summarizes again what is already summarized with these settings."""
        self.pending.append(([str(p) for p in paths], password, force))
        if self.worker is None:
            self._start_next()

    def cancel(self) -> None:
        self.pending.clear()
        if self.worker is not None:
            self.worker.cancel()
            self.statusBar().showMessage("Cancelling after the current step…")

    def retry_failed(self) -> None:
        failed = self.queue.failed()
        self.prompted -= {i.path for i in failed}
        plain = [i.path for i in failed if i.kind != "encrypted"]
        if plain:
            self.add_paths(plain)
        self._ask_passwords([i.path for i in failed if i.kind == "encrypted"])

    def ask_password(self, path: str, wrong: bool = False) -> str | None:
        name = Path(path).name
        prompt = (
            f"The password for {name} was wrong. Enter it again:"
            if wrong
            else f"{name} is encrypted. Enter its password:"
        )
        text, ok = QInputDialog.getText(
            self, "Password needed", prompt, QLineEdit.EchoMode.Password
        )
        return text if ok and text else None

    def _start_next(self) -> None:
        if not self.pending:
            return
        paths, password, force = self.pending.pop(0)
        if not self.run_open:  # batches that follow each other (a password retry) are one run
            self.run_open, self.run_paths = True, set()
        settings = self.settings.with_(force=True) if force else self.settings
        self.worker = BatchWorker(paths, settings, self.engines, password)
        self.worker.signals.progress.connect(self._on_progress)
        self.worker.signals.failed.connect(self._on_failed)
        self.worker.signals.finished.connect(self._on_finished)
        self._started = time.monotonic()
        self._set_running(True)
        self.statusBar().showMessage("Loading the engine…" if password is None else "Retrying…")
        self.pool.start(self.worker)

    def _set_running(self, running: bool) -> None:
        self.cancel_button.setEnabled(running)
        self.retry_button.setEnabled(not running and bool(self.queue.failed()))

    def _on_progress(self, event: dict[str, Any]) -> None:
        self.queue.update(event)
        kind = event["kind"]
        if event.get("path") and kind in QueueModel.KINDS:
            self.run_paths.add(event["path"])
        if kind == "engine":
            fallback = event.get("error_kind") == "fallback"
            note = engine_note(event["message"], self.settings.model) if fallback else ""
            self.backend_label.setText(
                "engine: extractive (no model: File → Models…)" if fallback else event["message"]
            )
            self.backend_label.setToolTip(note or event["message"])
            if fallback and event["message"] not in self.announced:
                self.announced.add(event["message"])  # once a session, not every batch
                self.statusBar().showMessage(note)
                self.note.setText(f"Note: {note}")
                self.note.show()
        if kind == "cancelled":
            self.queue.mark_cancelled()
        if kind == "stopped":  # the library cannot be written (a full disk): why, what to do
            self.say(event["message"])
        if kind == "failed" and event.get("error_kind") == "encrypted":
            # Asked here, while the batch that met the file is still the running one: a
            # deferred ask could come after the batch's own end under load (#23).
            self._ask_password_now(event["path"])
        elif kind == "failed" and not self.dock.isVisible():
            item = self.queue.items[self.queue.row_of(event["path"])]
            self.statusBar().showMessage(f"Failed: {item.message}  (View → Queue lists failures)")
        tally = self.queue.tally(self.run_paths)
        if self.run_paths:  # the whole run, retries included, as the queue panel shows it
            self.progress.setMaximum(len(self.run_paths))
            self.progress.setValue(tally["summarized"] + tally["skipped"] + tally["failed"])
        done, total, elapsed = event["docs_done"], event["docs_total"], event["elapsed"]
        if done and total > done:
            self.eta.setText(f"ETA {elapsed / done * (total - done):.0f} s")
        if elapsed > 0 and event["summarized"]:
            self.rate_label.setText(f"{event['summarized'] / elapsed * 60:.1f} docs/min")
        if kind == "estimate":
            self.statusBar().showMessage(event["message"])
        if kind == "ocr":
            self.statusBar().showMessage(f"{Path(event['path']).name}: {event['message']}")
        if kind == "index":  # documents left over the embedding budget (#24): say so at the end
            self.left_out.append(event["message"])
            self.index_left = True
        if kind == "done":
            message = (
                f"{tally['summarized']} summarized, {tally['skipped']} skipped, "
                f"{tally['failed']} failed"
            )
            if tally["failed"] and not self.dock.isVisible():
                message += " · View → Queue (Ctrl+Shift+Q) shows why"
            self.statusBar().showMessage(" · ".join([message, *self.left_out]))
            self.left_out = []
        if kind == "summarized" and not self._refresh_timer.isActive():
            self._refresh_timer.start()

    def _on_failed(self, message: str) -> None:
        QMessageBox.warning(self, "Synopsis", message)  # plain text, never rich text

    def _on_finished(self, last: dict[str, Any]) -> None:
        self.worker = None
        self.eta.setText("")
        if last.get("kind") == "cancelled":
            self.queue.mark_cancelled()
            self.progress.reset()
            self.statusBar().showMessage("Cancelled; finished documents are saved.")
        elif last.get("kind") != "done":
            self.progress.reset()
        self.library.refresh()
        self._update_empty()
        self._set_running(False)
        self.batch_finished.emit(last)
        self._start_next()
        if self.worker is None:
            self.run_open = False
        self.index_what_was_left()

    def _ask_password_now(self, path: str) -> None:
        """Ask as soon as an encrypted file is met (the batch goes on meanwhile); ask again
        after a wrong password, until the user gives up."""
        wrong = path in self.passwords_given
        if path in self.prompted and not wrong:
            return
        self.prompted.add(path)
        self.passwords_given.discard(path)
        password = self.ask_password(path, wrong=wrong)
        if password:
            self.passwords_given.add(path)
            self.add_paths([path], password)
        else:
            note = f"{Path(path).name} needs its password (Retry failed asks again)"
            self.left_out.append(note)
            self.statusBar().showMessage(note)

    def _ask_passwords(self, paths: list[str]) -> None:
        for path in paths:
            self.prompted.discard(path)
            self._ask_password_now(path)
