"""The main window: library list with live search, summary pane, drop zone, batch queue.

Built here: the layout, the menus, settings and backups. Its jobs are layers of `MainWindow`:
the list and reading pane (`document_pane`), finding by meaning (`meaning_actions`), the
library's actions (`manage`), batches (`batches`) and models (`model_actions`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.gui.dialogs import EditDialog, TagDialog
from app.gui.document_pane import EMPTY_TEXT, DocumentPane
from app.gui.manage import ALL_DOCUMENTS, LibraryActions
from app.gui.meaning import AskPanel, AskWorker, IndexBar, SimilarList, WarmUp
from app.gui.meaning_actions import MeaningActions
from app.gui.model_actions import ModelActions
from app.gui.models import DocIdRole, LibraryModel, QueueModel
from app.gui.settings_dialog import SettingsDialog
from app.gui.widgets import DropZone, HtmlDelegate, OutlineTree, SummaryView
from app.gui.workers import BatchWorker, EngineCache, warm_up
from app.settings import Settings, save_settings
from app.store import Store
from app.store.manage import Removed

QUEUE_HEIGHT = 160  # pixels: the bar and about four rows


class MainWindow(DocumentPane, MeaningActions, LibraryActions, ModelActions):
    batch_finished = Signal(dict)  # the batch's last event; tests wait on it
    meaning_ready = Signal()  # the embedder is loaded: search uses meaning (#24)

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        warm_up()
        self.settings = settings
        self.session_db = settings.db  # the library this window was opened on (--db or saved)
        self.store = Store(settings.db)
        self.engines = EngineCache()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.worker: BatchWorker | None = None
        self.pending: list[tuple[list[str], str | None, bool]] = []
        self.prompted: set[str] = set()  # encrypted files asked about in this session
        self.passwords_given: set[str] = set()  # files retried with a password
        self.announced: set[str] = set()  # engine notes shown once per session
        self.shown_doc: int | None = None  # the document in the summary pane
        self.left_out: list[str] = []  # files the user declined a password for, this batch
        self.last_removed: Removed | None = None  # what Undo remove puts back
        self.confirm_box: QMessageBox | None = None  # the open "Remove?" question
        self.edit_dialog: EditDialog | None = None
        self.tag_dialog: TagDialog | None = None
        self.run_paths: set[str] = set()  # files of the batches run back to back, for totals
        self.run_open = False
        self.index_left = False  # a batch left documents over its embedding budget (#24)
        self.setWindowTitle("Synopsis")
        self.setAcceptDrops(True)
        self.resize(1200, 760)
        self._build()
        self._menus()
        self.refresh_tags()
        self.library.refresh()
        self._update_empty()
        self._say_if_created()
        if self.store.read_only:
            self.statusBar().showMessage(
                f"The library {settings.db} is read-only here: it can be read and searched, "
                "not changed."
            )

    def _say_if_created(self) -> None:
        """A library this window made is announced: the user learns where it lives (#22)."""
        if self.store.created:
            self.statusBar().showMessage(f"Created a new library at {self.store.path}")

    # -- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit(placeholderText="Search titles, summaries and pages  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search")
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        # Documents finish many times a second: refresh the list at most every 300 ms.
        self._refresh_timer = QTimer(self, singleShot=True, interval=300)
        self._refresh_timer.timeout.connect(self._refresh_library)

        self.library = LibraryModel(self.store)
        self.table = QTableView()
        self.table.setModel(self.library)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.setItemDelegate(HtmlDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Library")
        self.table.selectionModel().selectionChanged.connect(self._on_select)
        self.table.doubleClicked.connect(lambda index: self.open_document(index.data(DocIdRole)))
        self.library.modelReset.connect(self._after_reset)

        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        self.tag_filter = QComboBox()
        self.tag_filter.setAccessibleName("Tag filter")
        self.tag_filter.setToolTip("Show only the documents with this tag")
        self.tag_filter.addItem(ALL_DOCUMENTS, None)
        self.tag_filter.currentIndexChanged.connect(self._on_tag_filter)
        self.drop = DropZone()
        self.drop.paths_dropped.connect(self.add_paths)
        # The engine's fallback note stays in view for the session; the status bar's
        # messages change with every document (#22).
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setAccessibleName("Engine note")
        self.note.setMargin(6)
        self.note.hide()
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.tag_filter)
        lay.addWidget(self.note)
        lay.addLayout(top)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.drop)

        self.summary = SummaryView()
        self.summary.page_requested.connect(self.open_page)
        self.summary.action_requested.connect(self._on_pane_action)
        self.outline = OutlineTree()
        self.outline.page_requested.connect(self.open_page)
        self.similar = SimilarList()
        self.similar.document_chosen.connect(self.show_similar)
        self.reading = QSplitter(Qt.Orientation.Vertical)
        self.reading.addWidget(self.summary)
        self.reading.addWidget(self.outline)
        self.reading.addWidget(self.similar)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.reading)
        split.setSizes([620, 580])
        self.setCentralWidget(split)

        self.queue = QueueModel()
        self.queue_view = QTableView()
        self.queue_view.setModel(self.queue)
        self.queue_view.horizontalHeader().setStretchLastSection(True)
        self.queue_view.setColumnWidth(0, 280)
        self.queue_view.setColumnWidth(1, 90)
        self.queue_view.setWordWrap(False)
        self.queue_view.verticalHeader().hide()
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m documents")
        self.eta = QLabel("")
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton("&Retry failed")
        self.retry_button.clicked.connect(self.retry_failed)
        self._set_running(False)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.eta)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.retry_button)
        panel = QWidget()
        pl = QVBoxLayout(panel)
        pl.addLayout(bar)
        pl.addWidget(self.queue_view)
        self.dock = QDockWidget("Queue", self)
        self.dock.setObjectName("queue")
        self.dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        # A few rows of queue; the summary pane keeps most of the height (#22).
        self.resizeDocks([self.dock], [QUEUE_HEIGHT], Qt.Orientation.Vertical)

        self.ask_panel = AskPanel()
        self.ask_panel.asked.connect(self.ask)
        self.ask_panel.page_requested.connect(self.open_document)
        self.ask_dock = QDockWidget("Ask", self)
        self.ask_dock.setObjectName("ask")
        self.ask_dock.setWidget(self.ask_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.ask_dock)
        self.asking: AskWorker | None = None
        self.warming: WarmUp | None = None
        self.warm_meaning()

        self.backend_label = QLabel(f"engine: {self.settings.engine}")
        self.rate_label = QLabel("")
        self.indexing = IndexBar()
        self.indexing.finished.connect(self._indexed)
        self.statusBar().addPermanentWidget(self.indexing)
        self.statusBar().addPermanentWidget(self.rate_label)
        self.statusBar().addPermanentWidget(self.backend_label)

    def _menus(self) -> None:
        def action(menu: Any, text: str, shortcut: Any, slot: Any) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(lambda _checked=False: slot())  # slots take no "checked"
            menu.addAction(act)
            return act

        file = self.menuBar().addMenu("&File")
        action(file, "&Open PDFs…", "Ctrl+O", self.open_files)
        action(file, "Open &folder…", "Ctrl+Shift+O", self.open_folder)
        action(file, "&Settings…", "Ctrl+,", self.edit_settings)
        action(file, "Restore from &backup…", "Ctrl+Shift+B", self.restore_backup)
        action(file, "&Models…", "Ctrl+M", self.open_models)
        file.addSeparator()
        action(file, "&Quit", "Ctrl+Q", self.close)
        edit = self.menuBar().addMenu("&Edit")
        self.undo_action = action(
            edit, "&Undo remove", QKeySequence.StandardKey.Undo, self.undo_remove
        )
        self.undo_action.setEnabled(False)
        edit.addSeparator()
        action(edit, "&Find", "Ctrl+F", self.focus_search)
        action(edit, "&Refresh", "F5", self.after_change)
        docs = self.menuBar().addMenu("&Documents")
        self.document_actions = [
            action(
                docs, "&Remove from library…", QKeySequence.StandardKey.Delete, self.remove_selected
            ),
            action(docs, "&Tags…", "Ctrl+T", self.edit_tags),
            action(docs, "Edit &details…", "Ctrl+E", self.edit_details),
            action(docs, "&Summarize again", "Ctrl+Shift+R", self.resummarize_selected),
            action(docs, "Export as &Markdown…", "", lambda: self.export_selected("md")),
            action(docs, "Export as &JSON…", "", lambda: self.export_selected("json")),
            action(docs, "Export as &CSV…", "", lambda: self.export_selected("csv")),
            action(docs, "&Locate file…", "", self.locate_document),
        ]
        view = self.menuBar().addMenu("&View")
        self.queue_action = self.dock.toggleViewAction()
        self.queue_action.setText("&Queue")
        self.queue_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        view.addAction(self.queue_action)
        self.ask_action = self.ask_dock.toggleViewAction()
        self.ask_action.setText("&Ask the library")
        self.ask_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        view.addAction(self.ask_action)
        batch = self.menuBar().addMenu("&Batch")
        self.cancel_action = action(batch, "&Cancel", "Esc", self.cancel)
        action(batch, "&Retry failed", "Ctrl+R", self.retry_failed)
        action(batch, "Resummarize &library", "Ctrl+Alt+L", self.resummarize_library)
        action(batch, "Resummarize &selected", "Ctrl+Alt+R", self.resummarize_selection)
        action(batch, "Resummarize a &folder…", "Ctrl+Alt+Shift+R", self.resummarize_folder)

    def _context_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        for act in self.document_actions:
            menu.addAction(act)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _on_pane_action(self, what: str) -> None:
        {"tags": self.edit_tags, "details": self.edit_details, "locate": self.locate_document}[
            what
        ]()

    # -- actions ------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Add PDFs", "", "PDF files (*.pdf)")
        if files:
            self.add_paths(files)

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of PDFs")
        if folder:
            self.add_paths([folder])

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.apply_settings(dialog.result_settings())

    def apply_settings(self, settings: Settings) -> None:
        if settings.db != self.settings.db:
            self.store.close()
            self.store = Store(settings.db)
            self.library.store = self.store
            self._say_if_created()
        self.settings = settings
        # A library given for this session (--db) is saved only when chosen in the dialog.
        save_settings(settings, keep_saved=("db",) if settings.db == self.session_db else ())
        self.library.refresh()
        self._update_empty()

    def say(self, message: str) -> None:
        """A problem the user should see: in the status bar and, as plain text, a dialog."""
        self.statusBar().showMessage(message)
        box = QMessageBox(QMessageBox.Icon.Information, "Synopsis", message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): a batch's signals keep flowing

    # -- drag and drop anywhere; closing --------------------------------------------------------

    def dragEnterEvent(self, event: Any) -> None:
        self.drop.dragEnterEvent(event)

    def dragMoveEvent(self, event: Any) -> None:
        self.drop.dragEnterEvent(event)

    def dropEvent(self, event: Any) -> None:
        self.drop.dropEvent(event)

    def closeEvent(self, event: Any) -> None:
        self._refresh_timer.stop()
        self._search_timer.stop()
        self.cancel()
        if self.indexing.process is not None:  # the next batch or `synopsis index` resumes
            self.indexing.stop()
            self.indexing.process.waitForFinished(30000)
        if self.models_window is not None:
            self.models_window.close()  # a download stops; its part is kept
        self.pool.waitForDone(30000)
        QThreadPool.globalInstance().waitForDone(30000)
        self.store.close()
        super().closeEvent(event)
