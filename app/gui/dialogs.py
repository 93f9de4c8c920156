"""Small dialogs for managing the library (#26): correcting a document's details and editing
the tags of one document or a selection. They lay out fields and hand the changes to a
callback, which writes through the store and returns an error message or None."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.store import DocumentDetail

Apply = Callable[[dict[str, Any]], str | None]  # changes -> error message, or None when done


class _Form(QDialog):
    """A form whose OK hands the changes to ``apply`` and stays open, saying why, on error."""

    def __init__(self, title: str, apply: Apply, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(480)
        self.apply = apply
        self.form = QFormLayout(self)
        self.error = QLabel("")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)

    def changes(self) -> dict[str, Any]:
        raise NotImplementedError

    def accept(self) -> None:
        problem = self.apply(self.changes())
        if problem:
            self.error.setText(problem)
            self.adjustSize()  # room for the message
            return
        super().accept()


class EditDialog(_Form):
    """Title, authors (one a line) and date of a document; a changed field becomes the
    user's, and "Use the PDF's" on a field set by hand goes back to what was read."""

    def __init__(self, detail: DocumentDetail, apply: Apply, parent: QWidget | None = None):
        super().__init__(f"Details of {detail.title}", apply, parent)
        self.detail = detail
        self.title = QLineEdit(detail.title)
        self.authors = QPlainTextEdit("\n".join(detail.authors))
        self.authors.setPlaceholderText("One author a line")
        self.authors.setFixedHeight(90)
        self.date = QLineEdit(detail.metadata.get("created", "")[:10])
        self.date.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        self.original = self._values()
        self.form.addRow("&Title", self.title)
        self.form.addRow("&Authors", self.authors)
        self.form.addRow("&Date", self.date)
        if detail.corrected:
            note = QLabel(
                f"Set by hand: {', '.join(detail.corrected)}. Re-summarizing keeps them. "
                "Empty a field to use what the PDF says again."
            )
            note.setWordWrap(True)
            self.form.addRow(note)
        self.finish_layout()

    def _values(self) -> dict[str, Any]:
        authors = [a.strip() for a in self.authors.toPlainText().splitlines() if a.strip()]
        return {"title": self.title.text().strip(), "authors": authors, "date": self.date.text()}

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in self._values().items():
            if value == self.original[name]:
                continue
            # An emptied field that was set by hand goes back to the PDF's value.
            out[name] = None if not value and name in self.detail.corrected else value
        return out


class TagDialog(_Form):
    """The tags of one document or of a selection: the line holds the tags every selected
    document has; names added are given to all of them, names taken out are taken off all."""

    def __init__(
        self,
        common: list[str],
        some: list[str],
        known: list[str],
        count: int,
        apply: Apply,
        parent: QWidget | None = None,
    ) -> None:
        what = "1 document" if count == 1 else f"{count} documents"
        super().__init__(f"Tags of {what}", apply, parent)
        self.common = common
        self.line = QLineEdit(", ".join(common))
        self.line.setPlaceholderText("Tags, separated by commas: thesis, chapter 2")
        completer = QCompleter(known, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.line.setCompleter(completer)
        self.form.addRow("&Tags", self.line)
        if some:
            others = QLabel(f"Some of them also have: {', '.join(some)} (kept as they are).")
            others.setWordWrap(True)
            self.form.addRow(others)
        self.finish_layout()

    def changes(self) -> dict[str, Any]:
        names = [n.strip() for n in self.line.text().split(",") if n.strip()]
        lower = {n.lower() for n in names}
        return {
            "add": [n for n in names if n.lower() not in {c.lower() for c in self.common}],
            "remove": [c for c in self.common if c.lower() not in lower],
        }
