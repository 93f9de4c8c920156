"""Small widgets: the drop zone, the summary pane and a delegate that paints highlights."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QDesktopServices, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.gui.models import HtmlRole
from app.store import DocumentDetail
from app.text import pages_label, plural


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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.detail: DocumentDetail | None = None
        self.abstract_open = False  # the author's abstract is folded until asked for
        self.show_placeholder()

    def show_placeholder(self) -> None:
        self.detail = None
        self.setPlainText("Select a document to read its summary.")

    def show_detail(self, detail: DocumentDetail) -> None:
        if self.detail is None or self.detail.id != detail.id:
            self.abstract_open = False
        self.detail = detail
        esc = html.escape
        out = [f"<h2>{esc(detail.title)}</h2>"]
        if detail.authors:
            out.append(f"<p>{esc(', '.join(detail.authors))}</p>")
        meta = [f"{plural(detail.page_count, 'page')} ({detail.pages_with_text} with text)"]
        if detail.ocr_pages:
            meta.append(f"OCR on {pages_label(detail.ocr_pages)}")
        for key in ("author", "created", "producer"):
            if key in detail.metadata:
                meta.append(f"{key}: {esc(detail.metadata[key])}")
        out.append("<p>" + " · ".join(meta) + "</p>")
        if detail.paths:
            out.append(f"<p><small>{esc(detail.paths[0])}</small></p>")
        if detail.abstract:
            if self.abstract_open:
                out.append(
                    '<p><a href="abstract:toggle">▾ Author\'s abstract</a></p>'
                    f"<blockquote>{esc(detail.abstract)}</blockquote>"
                )
            else:
                out.append('<p><a href="abstract:toggle">▸ Author\'s abstract</a></p>')
        if not detail.summaries:
            out.append("<p><i>Not summarized yet.</i></p>")
        for s in detail.summaries[:1]:
            model = f" {esc(s.model)}" if s.model else ""
            out.append(
                f"<p><small>{esc(s.engine)} · {esc(s.backend)}{model} · "
                f"{esc(s.length)} · coverage {s.coverage:.0%}</small></p>"
            )
            if s.fallback_reason:  # the full reason was shown once, when the batch started
                out.append(
                    "<p><small><i>Built-in extractive summary: no model was available.</i>"
                    "</small></p>"
                )
            out.append("<ul>")
            for part in s.parts:
                links = ", ".join(f'<a href="page:{p}">p.&nbsp;{p}</a>' for p in part["pages"])
                out.append(f"<li>{esc(part['text'])} <small>[{links}]</small></li>")
            out.append("</ul>")
            if s.outline:
                out.append("<h3>Outline</h3><ul>")
                for sec in s.outline:
                    first, last = sec["first_page"], sec["last_page"]
                    link = f'<a href="page:{first}">pp.&nbsp;{first}–{last}</a>'
                    out.append(
                        f"<li><b>{esc(sec['title'])}</b> <small>[{link}]</small>"
                        f"<br>{esc(sec['text'])}</li>"
                    )
                out.append("</ul>")
        self.setHtml("\n".join(out))

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "abstract" and self.detail is not None:
            self.abstract_open = not self.abstract_open
            self.show_detail(self.detail)
            return
        if url.scheme() == "page" and self.detail and self.detail.paths:
            page = int(url.path() or url.toString().split(":", 1)[1])
            self.page_requested.emit(self.detail.paths[0], page)


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
