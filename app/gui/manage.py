"""Managing the library from the window (#26): the multi-selection's actions (remove with a
confirmation and Undo, tags, export, summarize again), the details form, the tag filter and
Locate… for a document whose file is missing, and restoring a backup. A layer of `MainWindow`
over `BatchQueue`; every change goes through the same `Store` methods as the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QInputDialog, QMessageBox, QTableView

from app.export import export
from app.files import has_file, locate
from app.gui.batches import BatchQueue
from app.gui.dialogs import EditDialog, TagDialog
from app.gui.models import DocIdRole
from app.store import Store
from app.store.manage import Removed
from app.text import plural
from ingestion.errors import AppError

ALL_DOCUMENTS = "All documents"


class LibraryActions(BatchQueue):
    """What the window does to stored documents (see the module docstring)."""

    store: Store
    table: QTableView
    tag_filter: QComboBox
    shown_doc: int | None
    last_removed: Removed | None
    confirm_box: QMessageBox | None
    edit_dialog: EditDialog | None
    tag_dialog: TagDialog | None

    def say(self, message: str) -> None:  # the window's
        raise NotImplementedError

    def _show_document(self, doc_id: int | None) -> None:  # the window's
        raise NotImplementedError

    # -- the selection ------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The selected documents, in list order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.library.index(r, 0).data(DocIdRole) for r in rows]
        return [i for i in ids if i is not None]

    def _targets(self, ids: list[int] | None) -> list[int]:
        chosen = ids if ids is not None else self.selected_ids()
        if not chosen and self.shown_doc is not None:
            chosen = [self.shown_doc]
        if not chosen:
            self.statusBar().showMessage("Select one or more documents first.", 5000)
        return chosen

    def after_change(self) -> None:
        """Reread the list, the tag filter and the pane after the library changed."""
        self.refresh_tags()
        self.library.refresh()
        self._update_empty()

    # -- remove and undo ----------------------------------------------------------------------

    def remove_selected(self, ids: list[int] | None = None) -> None:
        """Ask, saying what goes, then remove; the PDFs on disk are never touched."""
        chosen = self._targets(ids)
        if not chosen:
            return
        try:
            counts = self.store.removal_counts(chosen)
        except AppError as exc:
            self.say(exc.user_message)
            return
        titles = "\n".join(f"• {t}" for t in counts.titles[:8])
        if len(counts.titles) > 8:
            titles += f"\n… and {len(counts.titles) - 8} more"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove from the library",
            f"Remove {plural(counts.documents, 'document')} from the library?\n\n{titles}\n\n"
            f"This removes {counts.describe()}. The PDF files on disk are not touched, and "
            "Edit → Undo remove (Ctrl+Z) puts them back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Yes).setText("&Remove")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: Any) -> None:
            self.confirm_box = None
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self._remove(chosen)

        box.buttonClicked.connect(answered)
        self.confirm_box = box
        box.open()  # not exec(): a running batch's signals keep flowing

    def _remove(self, ids: list[int]) -> None:
        try:
            self.last_removed = self.store.remove(ids)
        except AppError as exc:
            self.say(exc.user_message)
            return
        self.undo_action.setEnabled(True)
        self.after_change()
        self.statusBar().showMessage(
            f"Removed {self.last_removed.counts.describe()} · Edit → Undo remove (Ctrl+Z)"
        )

    def undo_remove(self) -> None:
        """Put the last removal back."""
        removed, self.last_removed = self.last_removed, None
        self.undo_action.setEnabled(False)
        if removed is None:
            return
        try:
            self.store.restore(removed)
        except AppError as exc:
            self.say(exc.user_message)
            return
        self.after_change()
        self.statusBar().showMessage(f"Put back {plural(removed.counts.documents, 'document')}.")

    # -- details and tags ---------------------------------------------------------------------

    def edit_details(self, doc_id: int | None = None) -> None:
        """The form for correcting the title, authors and date of one document."""
        chosen = self._targets([doc_id] if doc_id is not None else None)
        detail = self.store.detail(chosen[0]) if chosen else None
        if detail is None:
            return

        def apply(changes: dict[str, Any]) -> str | None:
            if changes:
                try:
                    self.store.correct(detail.id, **changes)
                except AppError as exc:
                    return exc.user_message
                self.after_change()
                self.statusBar().showMessage(f"Saved the details of {detail.title}.", 5000)
            return None

        self.edit_dialog = EditDialog(detail, apply, self)
        self.edit_dialog.finished.connect(lambda _r: setattr(self, "edit_dialog", None))
        self.edit_dialog.open()

    def edit_tags(self, ids: list[int] | None = None) -> None:
        """The tags of the selection (or the shown document)."""
        chosen = self._targets(ids)
        if not chosen:
            return
        per_doc = [set(self.store.tags_of(i)) for i in chosen]
        common = sorted(set.intersection(*per_doc), key=str.lower)
        some = sorted(set.union(*per_doc) - set(common), key=str.lower)
        known = [name for name, _ in self.store.tags()]

        def apply(changes: dict[str, Any]) -> str | None:
            try:
                for name in changes["add"]:
                    self.store.tag(chosen, name)
                for name in changes["remove"]:
                    self.store.untag(chosen, name)
            except AppError as exc:
                return exc.user_message
            self.after_change()
            return None

        self.tag_dialog = TagDialog(common, some, known, len(chosen), apply, self)
        self.tag_dialog.finished.connect(lambda _r: setattr(self, "tag_dialog", None))
        self.tag_dialog.open()

    def refresh_tags(self) -> None:
        """The tag filter's entries: every tag with its count; the chosen one stays chosen
        while some document has it."""
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(ALL_DOCUMENTS, None)
        for name, count in self.store.tags():
            self.tag_filter.addItem(f"{name} ({count})", name)
        index = self.tag_filter.findData(current) if current is not None else 0
        self.tag_filter.setCurrentIndex(max(index, 0))
        self.tag_filter.blockSignals(False)
        if index < 0:  # the chosen tag is gone
            self.library.set_tag(None)

    def filter_by_tag(self, name: str | None) -> None:
        index = self.tag_filter.findData(name) if name is not None else 0
        self.tag_filter.setCurrentIndex(max(index, 0))

    def _on_tag_filter(self, _index: int) -> None:
        self.library.set_tag(self.tag_filter.currentData())
        self._update_empty()

    # -- export and summarize again -----------------------------------------------------------

    def export_selected(self, fmt: str = "md", folder: str | None = None) -> Path | None:
        chosen = self._targets(None)
        if not chosen:
            return None
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, "Export the selection into")
            if not folder:
                return None
        path = export(self.store, fmt, Path(folder), ids=set(chosen))
        self.statusBar().showMessage(
            f"Exported {plural(len(chosen), 'document')} to {path.resolve()}"
        )
        return path

    def resummarize_selected(self, ids: list[int] | None = None) -> None:
        """Summarize the selected documents again with the current settings."""
        chosen = self._targets(ids)
        paths, missing = [], []
        for doc_id in chosen:
            detail = self.store.detail(doc_id)
            if detail is None:
                continue
            present = [p for p in detail.paths if Path(p).is_file()]
            if present:
                paths.append(present[0])
            else:
                missing.append(detail.title)
        if missing:
            self.statusBar().showMessage(
                f"Not summarized again, the file is missing: {', '.join(missing)} "
                "(Locate… in the summary pane finds it)"
            )
        if paths:
            self.add_paths(paths, force=True)

    # -- files on disk ------------------------------------------------------------------------

    def locate_document(self, doc_id: int | None = None, path: str | None = None) -> None:
        """Point a document whose file is missing at where it is now (same bytes only)."""
        target = doc_id if doc_id is not None else self.shown_doc
        if target is None:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Locate the PDF", "", "PDF (*.pdf)")
            if not path:
                return
        try:
            locate(self.store, target, Path(path))
        except AppError as exc:
            self.say(exc.user_message)
            return
        self.after_change()
        self._show_document(target)
        self.statusBar().showMessage(f"Found: {Path(path).name}", 5000)

    def file_missing(self, doc_id: int) -> bool:
        detail = self.store.detail(doc_id)
        return detail is not None and not has_file(detail.paths)

    # -- backups ---------------------------------------------------------------------------

    def restore_backup(self) -> None:
        """Offer the library's backups; the one chosen replaces it (the current file is kept
        beside it). The list is a dialog opened without blocking, so batches keep flowing."""
        from app.store.backups import list_backups

        found = list_backups(self.settings.db)
        if not found:
            self.say(
                f"There are no backups of {self.settings.db} yet; one is taken each day the "
                "library is used and before every upgrade."
            )
            return
        if self.worker is not None:
            self.say("A batch is running; cancel it or let it finish, then restore the backup.")
            return
        labels = [b.describe() for b in found]
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Restore from backup")
        dialog.setLabelText(
            "Put this backup in place of the library (the current file is kept beside it):"
        )
        dialog.setComboBoxItems(labels)
        dialog.setOption(QInputDialog.InputDialogOption.UseListViewForComboBoxItems)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(
            lambda text: self.restore_from(found[labels.index(text)].path)
        )
        self.restore_dialog = dialog
        dialog.open()

    def restore_from(self, backup: Path) -> None:
        from app.store import LibraryError
        from app.store.backups import restore

        self.store.close()
        try:
            aside = restore(self.settings.db, backup)
            message = f"Restored the library from {backup.name}" + (
                f"; the library it replaced is kept as {aside}." if aside else "."
            )
        except (LibraryError, OSError) as exc:
            message = getattr(exc, "user_message", None) or f"The backup was not restored: {exc}"
        finally:
            self.store = Store(self.settings.db)
            self.library.store = self.store
        self.library.refresh()
        self._update_empty()
        self.say(message)
