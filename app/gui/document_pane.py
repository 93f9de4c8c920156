"""The main window's library list and reading pane: live search, the empty-library text, the
selected document's summary, outline and similar documents, and opening a PDF at a page.

A mixin of `MainWindow`, which builds the widgets named below."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
)

from app.files import has_file
from app.gui.meaning import SimilarList
from app.gui.models import DocIdRole, LibraryModel
from app.gui.widgets import OutlineTree, SummaryView, open_pdf_at
from app.store import Store

EMPTY_TEXT = (
    "Your library is empty.\n\nDrop PDF files or whole folders anywhere in this window, or use "
    "File → Open (Ctrl+O).\nEvery document is summarized, stored on this computer and becomes "
    "searchable (Ctrl+F)."
)


class DocumentPane:
    store: Store
    library: LibraryModel
    table: QTableView
    search: QLineEdit
    empty: QLabel
    stack: QStackedWidget
    summary: SummaryView
    outline: OutlineTree
    similar: SimilarList
    reading: QSplitter
    shown_doc: int | None

    def say(self, message: str) -> None:  # MainWindow's
        raise NotImplementedError

    def show_similar(self, doc_id: int) -> None:
        if self.library.row_of(doc_id) is None and self.library.searching:
            self.search.clear()
            self._run_search()
        self.select_document(doc_id)
        self._show_document(doc_id)

    def open_document(self, doc_id: int | None, page: int = 1) -> None:
        detail = self.store.detail(doc_id) if doc_id is not None else None
        if detail is None or not detail.paths:
            self.say("This document has no file on record.")
            return
        self.open_page(detail.paths[0], page)

    def open_page(self, path: str, page: int) -> None:
        problem = open_pdf_at(path, page)
        if problem:
            self.say(problem)
        else:
            self.statusBar().showMessage(f"Opened {Path(path).name} at page {page}", 5000)

    def _refresh_library(self) -> None:
        self.library.refresh()
        self._update_empty()

    def _run_search(self) -> None:
        self.library.set_query(self.search.text())
        if self.library.note:  # e.g. a script the meaning index does not read (#24)
            self.statusBar().showMessage(self.library.note, 8000)
        self._update_empty()

    def _after_reset(self) -> None:
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        searching = self.library.searching
        stretch = 2 if searching else 0  # snippet, or title
        widths = (220, 80, 0) if searching else (0, 120, 50, 80, 130, 90)
        for col in range(self.library.columnCount()):
            if col == stretch:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            else:  # fixed widths: measuring every row's contents would stall the GUI
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                self.table.setColumnWidth(col, widths[col])
        if searching:  # at most 200 rows; snippets wrap
            self.table.resizeRowsToContents()
        # The pane follows the list: the same document, reread (it may have been summarized
        # again), or the placeholder when the list no longer holds it.
        row = self.library.row_of(self.shown_doc) if self.shown_doc is not None else None
        if row is None:
            self._show_document(None)
        else:
            self.table.selectRow(row)
            self._show_document(self.shown_doc)

    def _update_empty(self) -> None:
        if self.library.searching and not self.library.hits:
            self.empty.setText(self.library.problem or f"No matches for “{self.library.query}”.")
            self.stack.setCurrentWidget(self.empty)
            return
        self.empty.setText(EMPTY_TEXT)
        empty = not self.library.searching and not self.library.records
        self.stack.setCurrentWidget(self.empty if empty else self.table)

    def _on_select(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {i.row() for i in selected.indexes()}
        if not rows:
            return
        self._show_document(self.library.index(min(rows), 0).data(DocIdRole))

    def _show_document(self, doc_id: int | None) -> None:
        detail = self.store.detail(doc_id) if doc_id is not None else None
        self.shown_doc = detail.id if detail else None
        if detail is None:
            self.summary.show_placeholder()
        else:
            self.summary.show_detail(detail, missing=not has_file(detail.paths))
        self.outline.show_detail(detail)
        self.similar.show_for(self.store, self.shown_doc)
        sizes = self.reading.sizes()
        if self.outline.isVisibleTo(self) and sizes[1] == 0:  # shown for the first time
            self.reading.setSizes([sum(sizes) * 11 // 20, sum(sizes) * 9 // 20])

    def select_document(self, doc_id: int) -> None:
        row = self.library.row_of(doc_id)
        if row is not None:
            self.table.selectRow(row)
