"""The settings dialog: engine, model, backend, length preset, OCR, limits, finding by
meaning and library location."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.settings import LIMITS, Settings
from ingestion.ocr import OCR_MODES
from ingestion.ocr import unavailable as ocr_unavailable
from summarizer.base import LENGTHS
from summarizer.loading import METHODS
from summarizer.registry import available_names


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        form = QFormLayout(self)
        missing = ocr_unavailable()
        self.engine = QComboBox()
        self.engine.addItems(list(METHODS))
        self.engine.setCurrentText(settings.engine)
        self.model = QLineEdit(settings.model)
        self.backend = QComboBox()
        self.backend.addItems(["auto", *available_names()])
        self.backend.setCurrentText(settings.backend)
        self.length = QComboBox()
        self.length.addItems(list(LENGTHS))
        self.length.setCurrentText(settings.length)
        self.ocr = QComboBox()
        self.ocr.addItems(list(OCR_MODES))
        self.ocr.setCurrentText(settings.ocr)
        self.ocr.setToolTip(
            "auto: read pages without a text layer with Tesseract; always: also pages with "
            "text; never: scanned files fail with a note." + (f"\n{missing}." if missing else "")
        )
        self.ocr_lang = QLineEdit(settings.ocr_lang)
        self.ocr_lang.setPlaceholderText("detected from the script")
        self.semantic = QCheckBox("Find by mea&ning: embed passages when summarizing")
        self.semantic.setChecked(settings.semantic)
        self.semantic.setToolTip(
            "Search by meaning, Similar documents and Ask need passages embedded with the "
            "packaged MiniLM model; off, search is by words only."
        )
        self.db = QLineEdit(str(settings.db))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.db)
        row.addWidget(browse)
        form.addRow("&Engine", self.engine)
        form.addRow("&Model (hub id or folder)", self.model)
        form.addRow("&Backend", self.backend)
        form.addRow("&Length", self.length)
        form.addRow("&OCR of scanned pages", self.ocr)
        form.addRow("OCR lan&guage (e.g. deu, rus+eng)", self.ocr_lang)
        self.limits: dict[str, QAbstractSpinBox] = {}
        for limit in LIMITS:
            value = getattr(settings, limit.name)
            box = QDoubleSpinBox() if isinstance(value, float) else QSpinBox()
            box.setRange(limit.minimum, limit.maximum)  # type: ignore[attr-defined]
            box.setValue(value)  # type: ignore[attr-defined]
            box.setSuffix(limit.unit)
            box.setAccessibleName(limit.name)
            box.setToolTip(f"{limit.name} in settings.toml, SYNOPSIS_{limit.name.upper()}")
            self.limits[limit.name] = box
            form.addRow(limit.label, box)
        form.addRow(self.semantic)
        label = QLabel("Library &file")  # a layout cannot be a buddy: the line edit is
        label.setBuddy(self.db)
        form.addRow(label, row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._settings = settings

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Library file", self.db.text(), "SQLite (*.sqlite *.db)"
        )
        if path:
            self.db.setText(path)

    def result_settings(self) -> Settings:
        return self._settings.with_(
            engine=self.engine.currentText(),
            model=self.model.text().strip() or None,
            backend=self.backend.currentText(),
            length=self.length.currentText(),
            ocr=self.ocr.currentText(),
            ocr_lang=self.ocr_lang.text().strip(),
            semantic=self.semantic.isChecked(),
            db=Path(self.db.text().strip()) if self.db.text().strip() else None,
            **{name: box.value() for name, box in self.limits.items()},  # type: ignore[attr-defined]
        )
