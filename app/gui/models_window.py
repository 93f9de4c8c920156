"""The Models window (#25): pick a recommended model, watch it download, make it the default.

A table of `app.model_manager.model_rows` (catalogue, models on this computer, speed measured
in this library); Download / Cancel / Use this model / Add a folder… / Delete. Progress shows
bytes, rate and time left, then the one-time conversion for the fast runtime; every failure
is said here, in plain text, with what to do in this window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.gui.download_worker import DownloadWorker
from app.gui.models import ListTableModel
from app.model_manager import ModelRow, model_rows, with_model
from app.settings import Settings
from app.store import Store
from ingestion.errors import AppError
from summarizer import installed
from summarizer.errors import megabytes
from summarizer.models import is_offline

Index = QModelIndex | QPersistentModelIndex


def transfer_text(p: dict[str, Any]) -> str:
    """'model.safetensors: 120 MB of 242 MB, 11 MB/s, about 11 s left'."""
    eta = p.get("eta_s")
    left = ""
    if eta is not None:
        left = ", under a second left" if eta < 1 else f", about {eta:.0f} s left"
        if eta >= 90:
            left = f", about {eta / 60:.0f} min left"
    rate = f"{megabytes(p['rate'])}/s" if p.get("rate") else "starting"
    return f"{p['file']}: {megabytes(p['done'])} of {megabytes(p['total'])}, {rate}{left}"


class ModelTable(ListTableModel):
    COLUMNS = ("Model", "Size", "Languages", "Licence", "Speed here", "State")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ModelRow] = []

    def set_rows(self, rows: list[ModelRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def records_shown(self) -> list[ModelRow]:
        return self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            speed = f"{r.seconds_per_chunk:.2f} s/chunk" if r.seconds_per_chunk else "not run yet"
            return (r.name, megabytes(r.size_bytes), r.languages, r.licence, speed, r.state)[
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (r.id, r.note, r.path) if x)
        return None


class ModelsWindow(QDialog):
    model_chosen = Signal(str)  # "Use this model": the main window applies it
    download_finished = Signal(str)  # tests wait on these
    download_failed = Signal(str, str)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.worker: DownloadWorker | None = None
        self.setWindowTitle("Models")
        self.resize(900, 460)
        self.table_model = ModelTable()
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Models")
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #a40000")
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        self.download_button = self._button(buttons, "&Download", self.download_selected)
        self.cancel_button = self._button(buttons, "&Cancel", self.cancel)
        self.use_button = self._button(buttons, "&Use this model", self.use_selected)
        buttons.addStretch(1)
        self._button(buttons, "&Add a folder…", self.add_folder)
        self.delete_button = self._button(buttons, "De&lete", self.delete_selected)
        self.hub_id = QLineEdit(
            placeholderText="Another model: its hub id, e.g. facebook/bart-large-cnn"
        )
        self.hub_id.setAccessibleName("Hub id")
        self.hub_id.returnPressed.connect(self.download_by_id)
        other = QHBoxLayout()
        other.addWidget(self.hub_id, 1)
        self.download_id_button = self._button(other, "Download &this id", self.download_by_id)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.note)
        lay.addLayout(other)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addWidget(self.message)
        lay.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    def _button(self, row: QHBoxLayout, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- state --------------------------------------------------------------------------------

    def refresh(self) -> None:
        chosen = self.selected()
        try:
            with Store(self.settings.db) as store:
                rows = model_rows(self.settings, store)
        except AppError:  # no library yet, or one that cannot be opened: no speeds then
            rows = model_rows(self.settings)
        self.table_model.set_rows(rows)
        self.table.resizeColumnsToContents()
        ids = [r.id for r in rows]
        self.select(chosen.id if chosen and chosen.id in ids else rows[0].id)

    def select(self, model_id: str) -> None:
        ids = [r.id for r in self.table_model.rows]
        if model_id in ids:
            self.table.selectRow(ids.index(model_id))
        self._update_buttons()

    def selected(self) -> ModelRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.table_model.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        busy = self.worker is not None
        self.download_button.setEnabled(bool(row) and not busy and not (row and row.local))
        self.cancel_button.setEnabled(busy)
        self.download_id_button.setEnabled(not busy)
        self.use_button.setEnabled(bool(row and row.local and not row.in_use))
        self.delete_button.setEnabled(
            bool(row and row.source in ("downloaded", "added")) and not busy
        )
        self.note.setText(row.note if row else "")

    def say(self, text: str) -> None:
        """A problem and what to do, shown whole (word-wrapped labels are not given the
        height they need by themselves)."""
        self.message.setText(text)
        width = max(self.message.width(), self.width() - 40)
        spare = self.message.fontMetrics().lineSpacing()
        self.message.setMinimumHeight(self.message.heightForWidth(width) + spare if text else 0)
        layout = self.layout()
        if layout is not None:
            layout.activate()  # now, not at the next event: the text is never drawn clipped

    # -- actions ------------------------------------------------------------------------------

    def download_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.download(row.id, row.name)

    def download_by_id(self) -> None:
        model_id = self.hub_id.text().strip()
        if model_id.count("/") != 1 or " " in model_id:
            self.say("Type a hub id as owner/name, e.g. facebook/bart-large-cnn.")
            return
        self.download(model_id, model_id)

    def download(self, model_id: str, name: str) -> None:
        """Start downloading ``model_id`` (progress, then conversion, in this window)."""
        if self.worker is not None:
            return
        if is_offline(self.settings.offline):
            self.say(
                "Offline mode is on, so nothing is downloaded. Turn it off in Settings to "
                "download, or copy a model folder here and use the Add a folder… button."
            )
            return
        self.say("")
        self.worker = DownloadWorker(model_id)
        self.worker.signals.progress.connect(self._on_progress)
        self.worker.signals.finished.connect(self._on_finished)
        self.worker.signals.failed.connect(self._on_failed)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setText(f"Starting the download of {name}…")
        self._update_buttons()
        self.pool.start(self.worker)

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText("Cancelling…")

    def _on_progress(self, p: dict[str, Any]) -> None:
        if p["stage"] == "download" and p["total"]:
            scale = max(1, p["total"] // 1_000_000_000 + 1)  # QProgressBar holds an int32
            self.status.setText(transfer_text(p))
            self.progress.setRange(0, p["total"] // scale)
            self.progress.setValue(p["done"] // scale)
        elif p["stage"] == "convert":
            self.status.setText(p["message"] + "…")
            self.progress.setRange(0, p["total"])  # its steps; a busy bar before the first
            self.progress.setValue(p["done"])
        elif p["message"]:
            self.status.setText(p["message"])

    def _finish(self) -> None:
        self.worker = None
        self.progress.setVisible(False)
        self.refresh()

    def _on_finished(self, path: str) -> None:
        model = self.worker.model_id if self.worker else ""
        self._finish()
        self.select(model)
        self.status.setText(
            f"Downloaded and ready: {path}. Choose Use this model to summarize with it."
        )
        self.download_finished.emit(path)

    def _on_failed(self, kind: str, message: str) -> None:
        self._finish()
        self.status.setText("")
        self.say(message)
        self.download_failed.emit(kind, message)

    def use_selected(self) -> None:
        row = self.selected()
        if row is None or not row.local:
            return
        model = row.path if row.source == "added" else row.id
        self.settings = with_model(self.settings, model)
        self.model_chosen.emit(model)
        self.refresh()
        self.status.setText(f"{row.name} is now the model; new summaries use it.")

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a model folder (with config.json)")
        if folder:
            self.add_folder_path(folder)

    def add_folder_path(self, folder: str) -> None:
        try:
            path = installed.add_folder(folder)
        except AppError as exc:
            self.say(getattr(exc, "gui_message", exc.user_message))
            return
        self.say("")
        self.refresh()
        self.select(path)
        self.status.setText(f"Added {path}.")

    def delete_selected(self, confirm: bool = True) -> None:
        row = self.selected()
        if row is None or not row.local:
            return
        what = "Forget" if row.source == "added" else "Delete"
        if confirm:
            answer = QMessageBox.question(self, "Models", f"{what} {row.name}?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            freed = installed.remove(row.id)
        except AppError as exc:
            self.say(exc.user_message)
            return
        self.refresh()
        self.status.setText(
            f"Deleted {row.name}; {megabytes(freed)} freed."
            if freed
            else f"Forgot {row.name}; its folder was left as it is."
        )

    def closeEvent(self, event: Any) -> None:
        self.cancel()
        self.pool.waitForDone(30000)
        super().closeEvent(event)
