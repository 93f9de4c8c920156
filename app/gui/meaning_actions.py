"""The main window's finding by meaning (#24): loading the embedder once the library has
passages, the background index of what a batch left over its budget, and Ask.

A mixin of `MainWindow`, which builds the widgets named below."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QThreadPool

from app import meaning
from app.gui.meaning import AskPanel, AskWorker, IndexBar, WarmUp
from app.gui.models import LibraryModel
from app.settings import Settings
from app.store import Store


class MeaningActions:
    settings: Settings
    store: Store
    library: LibraryModel
    indexing: IndexBar
    ask_panel: AskPanel
    asking: AskWorker | None
    warming: WarmUp | None
    worker: Any
    index_left: bool
    meaning_ready: Any  # MainWindow's Signal()

    def _run_search(self) -> None:  # DocumentPane's
        raise NotImplementedError

    def warm_meaning(self) -> None:
        """Load the embedder off the GUI thread once the library has passages; search as you
        type uses meaning from then on."""
        if self.warming is not None or self.library.by_meaning or not self.settings.semantic:
            return
        if meaning.unavailable_reason() or not self.store.passage_count():
            return
        self.warming = WarmUp()
        self.warming.signals.finished.connect(self._meaning_ready)
        QThreadPool.globalInstance().start(self.warming)

    def _meaning_ready(self, _info: dict[str, Any]) -> None:
        self.library.by_meaning = True
        self.meaning_ready.emit()
        if self.library.query:
            self._run_search()

    def index_what_was_left(self) -> None:
        """After the last queued batch: embed what the run left over its budget in the
        background, as `synopsis summarize` does (setting embed_background)."""
        if not (self.index_left and self.worker is None):
            return
        self.index_left = False
        if self.settings.semantic and self.settings.embed_background:
            self.indexing.start(self.settings.db)

    def _indexed(self, message: str) -> None:
        self.statusBar().showMessage(message)
        self.warm_meaning()  # the first passages of a library turn search by meaning on

    def ask(self, question: str) -> None:
        self.asking = AskWorker(self.settings, question)
        self.asking.signals.finished.connect(self.ask_panel.show_answer)
        self.asking.signals.failed.connect(self.ask_panel.show_error)
        QThreadPool.globalInstance().start(self.asking)
