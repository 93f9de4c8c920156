"""Small widgets: the drop zone, the summary pane and a delegate that paints highlights."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QDesktopServices, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.gui.models import HtmlRole
from app.render import as_html, reading
from app.store import DocumentDetail


class DropZone(QFrame):
    """Accepts dropped files and folders; emits their local paths."""

    paths_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName("Drop zone")
        layout = QVBoxLayout(self)
        label = QLabel("Drop PDFs or folders here  ·  File → Open (Ctrl+O)")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event):
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.paths_dropped.emit(paths)


class SummaryView(QTextBrowser):
    """A document's summary, metadata and source pages; page links open the PDF there."""

    page_requested = Signal(str, int)
    action_requested = Signal(str)  # "tags", "details" or "locate"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.missing = False
        self.anchorClicked.connect(self._on_anchor)
        self.detail: DocumentDetail | None = None
        self.abstract_open = False  # the author's abstract is folded until asked for
        self.details_open = False  # path and metadata too: the summary comes first
        self.show_placeholder()

    def show_placeholder(self) -> None:
        self.detail = None
        self.setPlainText("Select a document to read its summary.")

    def show_detail(self, detail: DocumentDetail, missing: bool | None = None) -> None:
        if self.detail is None or self.detail.id != detail.id:
            self.abstract_open = False
        self.detail = detail
        if missing is not None:
            self.missing = missing
        details = "\n".join(f"{key}: {value}" for key, value in detail.metadata.items())
        html = as_html(reading(detail), self.abstract_open, details, self.details_open)
        title, _, rest = html.partition("\n")
        self.setHtml("\n".join([title, manage_html(detail, self.missing), rest]))

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "do":
            self.action_requested.emit(url.path())
            return
        if url.scheme() in ("abstract", "details") and self.detail is not None:
            if url.scheme() == "abstract":
                self.abstract_open = not self.abstract_open
            else:
                self.details_open = not self.details_open
            self.show_detail(self.detail)
            return
        if url.scheme() == "page" and self.detail and self.detail.paths:
            page = int(url.path() or url.toString().split(":", 1)[1])
            self.page_requested.emit(self.detail.paths[0], page)


def manage_html(detail: DocumentDetail, missing: bool) -> str:
    """The pane's line of actions above the summary: tags, details, and Locate… when the
    file is missing (#26)."""
    esc = html.escape
    out = []
    if missing:
        out.append(
            "<p style='color:#b00020'><b>The file is missing</b> (moved or deleted) · "
            '<a href="do:locate">Locate…</a></p>'
        )
    tags = esc(", ".join(detail.tags)) if detail.tags else "no tags"
    hand = f" · set by hand: {esc(', '.join(detail.corrected))}" if detail.corrected else ""
    out.append(
        f'<p><small>Tags: {tags} · <a href="do:tags">Tags…</a> · '
        f'<a href="do:details">Edit details…</a>{hand}</small></p>'
    )
    return "\n".join(out)


PageRole = Qt.ItemDataRole.UserRole + 1


class OutlineTree(QTreeWidget):
    """The document's outline as a tree (every level it has), each top-level section with its
    own summary beneath it; activating a row opens the PDF at that section's first page."""

    page_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Outline", "Pages"])
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.itemActivated.connect(self._open)
        self.itemClicked.connect(self._open)
        self.path = ""
        self.hide()

    def show_detail(self, detail: DocumentDetail | None) -> None:
        self.clear()
        self.path = detail.paths[0] if detail and detail.paths else ""
        latest = detail.summaries[0].outline if detail and detail.summaries else []
        sections = (detail.sections if detail else []) or [dict(s, level=0) for s in latest]
        texts = {(s["title"], s["first_page"]): s.get("text", "") for s in latest}
        top = min((s["level"] for s in sections), default=0)
        parents: list[QTreeWidgetItem] = []
        for sec in sections:
            first, last = sec["first_page"], sec["last_page"]
            pages = f"p. {first}" if first == last else f"pp. {first}–{last}"
            depth = max(0, min(sec["level"] - top, len(parents)))
            del parents[depth:]
            item = QTreeWidgetItem([sec["title"], pages])
            item.setData(0, PageRole, first)
            item.setToolTip(0, f"{sec['title']} ({pages}): open the PDF here")
            if parents:
                parents[-1].addChild(item)
            else:
                self.addTopLevelItem(item)
            text = texts.get((sec["title"], first), "") if depth == 0 else ""
            if text:
                summary = QTreeWidgetItem([text, ""])
                summary.setData(0, PageRole, first)
                font = summary.font(0)
                font.setItalic(True)
                summary.setFont(0, font)
                summary.setToolTip(0, text)
                item.addChild(summary)
                item.setExpanded(True)
            parents.append(item)
        self.setVisible(bool(sections))

    def _open(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        page = item.data(0, PageRole)
        if self.path and page:
            self.page_requested.emit(self.path, int(page))


def open_pdf_at(path: str, page: int) -> str | None:
    """Ask the system viewer to open ``path`` at ``page`` (viewers honour #page=N).

    Returns None when the viewer was asked, else a sentence saying why it could not be.
    """
    file = Path(path)
    if not file.is_file():
        return f"{file.name} is no longer at {file.parent}; it was moved or deleted."
    url = QUrl.fromLocalFile(str(file))
    url.setFragment(f"page={page}")
    if not QDesktopServices.openUrl(url):
        return f"No PDF viewer could open {file.name}; install one or set a default PDF app."
    return None


class HtmlDelegate(QStyledItemDelegate):
    """Paints cells whose model gives HtmlRole (search snippets with bold matches)."""

    def _doc(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument | None:
        text = index.data(HtmlRole)
        if text is None:
            return None
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(text)
        doc.setTextWidth(option.rect.width())
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index):  # type: ignore[override]
        doc = self._doc(option, index)
        if doc is None:
            return super().paint(painter, option, index)
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette = option.palette
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        return None

    def sizeHint(self, option: QStyleOptionViewItem, index):  # type: ignore[override]
        doc = self._doc(option, index)
        if doc is None:
            return super().sizeHint(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))
