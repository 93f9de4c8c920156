"""Qt item models fed with store records; testable without a window."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app import meaning
from app.files import has_file
from app.store import DocumentRecord, SearchHit, Store
from app.store.records import marked_parts
from app.store.search import InvalidQuery

Index = QModelIndex | QPersistentModelIndex
DocIdRole = Qt.ItemDataRole.UserRole + 1
HtmlRole = Qt.ItemDataRole.UserRole + 2


def highlight(snippet: str) -> str:
    """Matched words in bold, everything else escaped (no markup from documents)."""
    return "".join(
        f"<b>{html.escape(piece)}</b>" if matched else html.escape(piece)
        for piece, matched in marked_parts(snippet)
    )


class LibraryModel(QAbstractTableModel):
    """The library list; with a search active, only the hits, best first, with snippets."""

    COLUMNS = ("Title", "Tags", "Pages", "Engine", "Date", "Status")
    MISSING = "file missing"
    SEARCH_COLUMNS = ("Title", "Where", "Snippet")

    def __init__(self, store: Store, limit: int = 2000) -> None:
        super().__init__()
        self.store = store
        self.limit = limit
        self.records: list[DocumentRecord] = []
        self.hits: list[SearchHit] | None = None
        self.query = ""
        self.tag: str | None = None  # the tag filter; None shows every document
        self.missing: set[int] = set()  # documents whose files are all gone
        self.problem = ""  # why the query finds nothing by its nature (no words in it)
        self.by_meaning = False  # set once the embedder is loaded (#24)
        self.note = ""  # why meaning was not used for this query, if it was asked for

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _load(self) -> None:
        self.records = self.store.recent(limit=self.limit, tag=self.tag)
        self._search()
        # The newest path first; only when it is gone are the others looked at.
        self.missing = {
            r.id
            for r in self.records
            if not os.path.isfile(r.path) and not has_file(self.store.paths_of(r.id))
        }

    def _search(self) -> None:
        if not self.query:
            self.hits = None
            return
        mode = None if self.by_meaning else "keyword"
        try:
            found = meaning.search(self.store, self.query, mode, limit=200, tag=self.tag)
            self.hits, self.note, self.problem = list(found.hits), found.note, ""
        except InvalidQuery as exc:
            self.hits, self.problem = [], exc.user_message

    def set_query(self, query: str) -> None:
        self.beginResetModel()
        self.query = query.strip()
        self.problem = ""
        self._search()
        self.endResetModel()

    def set_tag(self, tag: str | None) -> None:
        self.tag = tag
        self.refresh()

    @property
    def searching(self) -> bool:
        return self.hits is not None

    def document_id(self, row: int) -> int | None:
        if self.hits is not None:
            return self.hits[row].document_id if 0 <= row < len(self.hits) else None
        return self.records[row].id if 0 <= row < len(self.records) else None

    def row_of(self, doc_id: int) -> int | None:
        ids = (
            [h.document_id for h in self.hits]
            if self.hits is not None
            else [r.id for r in self.records]
        )
        return ids.index(doc_id) if doc_id in ids else None

    # -- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.hits) if self.hits is not None else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.SEARCH_COLUMNS if self.searching else self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            cols = self.SEARCH_COLUMNS if self.searching else self.COLUMNS
            return cols[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == DocIdRole:
            return self.document_id(row)
        if self.hits is not None:
            hit = self.hits[row]
            if role == HtmlRole and col == 2:
                return highlight(hit.snippet)
            if role == Qt.ItemDataRole.DisplayRole:
                why = getattr(hit, "why", ())
                where = f"{hit.where} · {' + '.join(why)}" if self.by_meaning and why else hit.where
                return (hit.title, where, hit.text)[col]
            if role == Qt.ItemDataRole.ToolTipRole:
                return hit.path
            return None
        rec = self.records[row]
        if role == Qt.ItemDataRole.DisplayRole:
            status = "summarized" if rec.summary else "stored"
            if rec.id in self.missing:
                status = self.MISSING
            return (
                rec.title,
                ", ".join(rec.tags),
                rec.page_count,
                rec.method or "-",
                rec.summarized_at[:16].replace("T", " "),
                status,
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if rec.id in self.missing:
                return f"{rec.path}\nThe file is missing (moved or deleted): Locate… finds it."
            return rec.path
        if role == Qt.ItemDataRole.ForegroundRole and rec.id in self.missing and col in (0, 5):
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


@dataclass
class QueueItem:
    path: str
    state: str = "queued"  # queued, ocr, extracted, summarized, skipped, failed, cancelled
    message: str = ""
    kind: str = ""


def gui_message(kind: str, path: str, message: str) -> str:
    """A failure as the window says it: the GUI asks for passwords, it has no --password."""
    if kind != "encrypted":
        return message
    name = os.path.basename(path)
    if "wrong" in message:
        return f"{name}: the password was wrong."
    return f"{name} is encrypted and needs its password."


class ListTableModel(QAbstractTableModel):
    """A table over a list of records with fixed ``COLUMNS``: the row count and the header
    shared by the queue and the Models window (subclasses say where the list is)."""

    COLUMNS: tuple[str, ...] = ()

    def records_shown(self) -> list[Any]:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records_shown())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None


class QueueModel(ListTableModel):
    """Per-document state of the running and finished batches."""

    COLUMNS = ("File", "State", "Details")
    KINDS = ("queued", "ocr", "extracted", "summarized", "skipped", "failed")
    UNFINISHED = ("queued", "ocr", "extracted")

    def __init__(self) -> None:
        super().__init__()
        self.items: list[QueueItem] = []
        self._rows: dict[str, int] = {}

    def clear_finished(self) -> None:
        self.beginResetModel()
        self.items = [i for i in self.items if i.state in self.UNFINISHED]
        self._rows = {i.path: n for n, i in enumerate(self.items)}
        self.endResetModel()

    def update(self, event: dict[str, Any]) -> None:
        path = event.get("path") or ""
        kind = event["kind"]
        if not path or kind not in self.KINDS:
            return
        row = self._rows.get(path)
        if row is None:
            row = len(self.items)
            self.beginInsertRows(QModelIndex(), row, row)
            self.items.append(QueueItem(path))
            self._rows[path] = row
            self.endInsertRows()
        item = self.items[row]
        item.kind = event.get("error_kind", "")
        item.state, item.message = kind, gui_message(item.kind, path, event.get("message", ""))
        self.dataChanged.emit(self.index(row, 0), self.index(row, 2))

    def mark_cancelled(self) -> None:
        """Rows a cancelled batch never finished."""
        for row, item in enumerate(self.items):
            if item.state in self.UNFINISHED:
                item.state, item.message = "cancelled", "not summarized (cancelled)"
                self.dataChanged.emit(self.index(row, 0), self.index(row, 2))

    def row_of(self, path: str) -> int:
        return self._rows[path]

    def tally(self, paths: set[str]) -> dict[str, int]:
        """How many of ``paths`` are in each state now."""
        counts = dict.fromkeys((*self.KINDS, "cancelled"), 0)
        for path in paths:
            row = self._rows.get(path)
            if row is not None:
                counts[self.items[row].state] += 1
        return counts

    def failed(self) -> list[QueueItem]:
        return [i for i in self.items if i.state == "failed"]

    def records_shown(self) -> list[QueueItem]:
        return self.items

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (os.path.basename(item.path), item.state, item.message)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.path}\n{item.message}"
        return None
