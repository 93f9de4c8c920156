"""Finding by meaning in the window (#24): the Similar documents list, the Ask box and the
workers that load the embedder and answer questions off the GUI thread."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QRunnable, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import meaning
from app.ask import NOT_FOUND, ask
from app.gui.models import DocIdRole
from app.settings import Settings
from app.store import Store
from ingestion.errors import AppError


class _Signals(QObject):
    finished = Signal(dict)
    failed = Signal(str)


class WarmUp(QRunnable):
    """Loads the embedder once, so search as you type can use meaning without a stall."""

    def __init__(self) -> None:
        super().__init__()
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            meaning.embed(["warm up"])
            self.signals.finished.emit({})
        except AppError as exc:
            self.signals.failed.emit(exc.user_message)


class AskWorker(QRunnable):
    """Answers one question from the library, with its own connection (one per thread)."""

    def __init__(self, settings: Settings, question: str) -> None:
        super().__init__()
        self.settings = settings
        self.question = question
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            with Store(self.settings.db) as store:
                answer = ask(store, self.question)
            self.signals.finished.emit(answer.to_json())
        except AppError as exc:
            self.signals.failed.emit(exc.user_message)
        except Exception as exc:  # shown, never raised into Qt's event loop
            self.signals.failed.emit(f"Unexpected error: {type(exc).__name__}: {exc}")


def answer_html(answer: dict[str, Any]) -> str:
    """The answer with each source as a link to its page (text escaped: no markup from PDFs)."""
    if not answer["found"]:
        note = f"<p>{html.escape(answer['note'])}</p>" if answer.get("note") else ""
        return f"<p><b>{NOT_FOUND}</b></p>{note}"

    def link(part: dict[str, Any]) -> str:
        href = f"page:{part['document_id']}:{part['page']}"
        cite = html.escape(f"[{part['title']}, p. {part['page']}]")
        return f'<a href="{href}">{cite}</a>'

    parts = answer["abstractive"] or answer["extractive"]
    body = " ".join(f"{html.escape(p['text'])} {link(p)}" for p in parts)
    sources = "".join(
        f"<li>{link(p)} {html.escape(' '.join(p['text'].split()[:30]))}…</li>"
        for p in answer["passages"]
    )
    return f"<p>{body}</p><p>Passages:</p><ul>{sources}</ul>"


class AskPanel(QWidget):
    """A question box and its answer; links open the PDF at the cited page."""

    asked = Signal(str)
    page_requested = Signal(int, int)  # document id, page
    answered = Signal(dict)  # tests wait on it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QLineEdit(placeholderText="Ask your library a question  (Enter)")
        self.box.setAccessibleName("Ask")
        self.box.returnPressed.connect(self._ask)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._on_anchor)
        lay = QVBoxLayout(self)
        lay.addWidget(self.box)
        lay.addWidget(self.view, 1)

    def _ask(self) -> None:
        question = self.box.text().strip()
        if question:
            self.view.setPlainText("Looking through your library…")
            self.asked.emit(question)

    def show_answer(self, answer: dict[str, Any]) -> None:
        self.view.setHtml(answer_html(answer))
        self.answered.emit(answer)

    def show_error(self, message: str) -> None:
        self.view.setPlainText(message)
        self.answered.emit({"error": message})

    def _on_anchor(self, url: QUrl) -> None:
        kind, doc, page = url.toString().split(":")
        if kind == "page":
            self.page_requested.emit(int(doc), int(page))


class SimilarList(QWidget):
    """The documents closest in meaning to the one shown; activating one shows it."""

    document_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Similar documents")
        self.list = QListWidget()
        self.list.setAccessibleName("Similar documents")
        self.list.itemActivated.connect(self._chosen)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.list)
        self.setVisible(False)

    def show_for(self, store: Store, doc_id: int | None) -> None:
        self.list.clear()
        hits = meaning.similar(store, doc_id, 5) if doc_id is not None else []
        for h in hits:
            item = QListWidgetItem(f"{h.title}  ({h.score:.2f})")
            item.setData(DocIdRole, h.document_id)
            item.setToolTip(h.path)
            self.list.addItem(item)
        self.setVisible(bool(hits))

    def _chosen(self, item: QListWidgetItem) -> None:
        self.document_chosen.emit(int(item.data(DocIdRole)))


class IndexBar(QWidget):
    """The background index of what a batch left over its embedding budget (#24): the same
    low-priority `synopsis index` the CLI starts, run as a child whose JSON lines fill the
    bar; Stop kills it (each document commits on its own, so the next index resumes)."""

    finished = Signal(str)  # what happened, also shown in the status bar; tests wait on it
    progressed = Signal(int, int)  # documents done, of total

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.process: QProcess | None = None
        self.done = 0
        self.stopped = False
        self._buffer = b""
        self.bar = QProgressBar()
        self.bar.setFormat("Indexing by meaning: %v / %m")
        self.bar.setAccessibleName("Indexing by meaning")
        self.stop_button = QPushButton("Stop indexing")
        self.stop_button.clicked.connect(self.stop)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.bar)
        lay.addWidget(self.stop_button)
        self.setVisible(False)

    @property
    def running(self) -> bool:
        return self.process is not None

    def start(self, db: Path) -> None:
        """Start indexing ``db`` unless an index from this window is already running."""
        if self.process is not None:
            return
        args, cwd = meaning.background_index_command(db, as_json=True)
        self.done, self.stopped, self._buffer = 0, False, b""
        self.process = QProcess(self)
        self.process.setWorkingDirectory(str(cwd))
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)
        self.bar.setRange(0, 0)  # busy until the first document says how many there are
        self.setVisible(True)
        self.process.start(args[0], args[1:])

    def stop(self) -> None:
        if self.process is not None:
            self.stopped = True
            self.process.kill()

    def _read(self) -> None:
        assert self.process is not None
        self._buffer += bytes(self.process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            event = json.loads(line) if line.startswith(b"{") else {}
            if event.get("kind") == "indexed":
                self.done += 1  # a pass over a later run's documents starts again at 1
                self.bar.setRange(0, max(event["total"], event["done"]))
                self.bar.setValue(event["done"])
                self.progressed.emit(event["done"], event["total"])

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        assert self.process is not None
        error = bytes(self.process.readAllStandardError().data()).decode(errors="replace")
        self.process.deleteLater()
        self.process = None
        self.setVisible(False)
        if self.stopped:
            message = (
                f"Indexing by meaning stopped after {self.done} document(s); the rest are "
                "found by words until the next batch or `synopsis index` embeds them."
            )
        elif code == 0 and self.done:
            message = f"Indexed {self.done} document(s) by meaning; search finds them by meaning."
        else:  # another index holds the library, or it failed: its own last line says why
            last = error.strip().splitlines()[-1:] or [f"exit status {code}"]
            message = last[0] if code == 0 else f"Indexing by meaning failed: {last[0]}"
        self.finished.emit(message)
