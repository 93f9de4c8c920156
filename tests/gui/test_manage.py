"""Managing the library in the window (#26), offscreen: multi-select, remove with a
confirmation and Undo, tags, the details form, export, summarize again, missing files."""

import json
import shutil

import pytest
from PySide6.QtCore import QItemSelectionModel, QUrl
from PySide6.QtWidgets import QMessageBox

from app.gui.models import DocIdRole
from tests.conftest import text_pdf
from tests.gui.conftest import screenshot
from tests.gui.test_app import WAIT, drop


@pytest.fixture
def filled(window, qtbot, samples_folder):
    """The window with the three samples summarized."""
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [samples_folder])
    assert window.library.rowCount() == 3
    return window


def select_rows(window, rows) -> list[int]:
    window.table.clearSelection()
    model = window.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        model.select(window.library.index(row, 0), flags)
    return window.selected_ids()


def row_of_title(window, word: str) -> int:
    titles = [window.library.index(r, 0).data() for r in range(window.library.rowCount())]
    return next(i for i, t in enumerate(titles) if word in t)


def hits(window, query: str) -> list[int]:
    return [h.document_id for h in window.store.search(query)]


def test_delete_asks_what_goes_removes_the_selection_and_undo_puts_it_back(filled, qtbot):
    window = filled
    ids = select_rows(window, [row_of_title(window, "Northwind"), row_of_title(window, "Guide")])
    assert len(ids) == 2 and hits(window, "spoilage")

    window.document_actions[0].trigger()  # Documents → Remove from library… (Delete)
    box = window.confirm_box
    assert box is not None and box.isVisible()
    text = box.text()
    assert "Remove 2 documents from the library?" in text
    assert "Northwind Cooperative" in text and "summaries" in text and "search entries" in text
    assert "recorded failures" in text and "PDF files on disk are not touched" in text
    screenshot(box, "manage-1-confirm-remove")
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.library.rowCount() == 3  # cancelled: nothing went

    select_rows(window, [row_of_title(window, "Northwind"), row_of_title(window, "Guide")])
    window.remove_selected()
    window.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert window.library.rowCount() == 1
    assert hits(window, "spoilage") == []
    assert window.undo_action.isEnabled()
    assert "Undo remove" in window.statusBar().currentMessage()

    window.undo_action.trigger()
    assert window.library.rowCount() == 3
    assert hits(window, "spoilage") and not window.undo_action.isEnabled()


def test_tags_from_a_selection_and_the_pane_filter_the_list(filled, qtbot):
    window = filled
    ids = select_rows(window, [0, 1])
    window.edit_tags()
    window.tag_dialog.line.setText("course, week 2")
    window.tag_dialog.accept()
    assert window.tag_dialog is None  # closed: the tags were saved
    tags_col = window.library.COLUMNS.index("Tags")
    shown = {
        window.library.index(r, 0).data(DocIdRole): window.library.index(r, tags_col).data()
        for r in range(3)
    }
    assert [shown[i] for i in ids] == ["course, week 2"] * 2
    assert [window.tag_filter.itemText(i) for i in range(window.tag_filter.count())] == [
        "All documents",
        "course (2)",
        "week 2 (2)",
    ]

    window.filter_by_tag("course")
    assert window.library.rowCount() == 2
    screenshot(window, "manage-2-tag-filter")

    # From the pane: one document's tags, "week 2" taken off it alone.
    window.table.selectRow(0)
    doc = window.shown_doc
    assert 'href="do:tags"' in window.summary.toHtml()
    window.summary.anchorClicked.emit(QUrl("do:tags"))
    assert window.tag_dialog.line.text() == "course, week 2"
    window.tag_dialog.line.setText("course")
    window.tag_dialog.accept()
    assert window.store.tags_of(doc) == ["course"]
    assert window.tag_filter.itemText(2) == "week 2 (1)"

    bad = select_rows(window, [0])
    window.edit_tags(bad)
    window.tag_dialog.line.setText("x" * 80)
    window.tag_dialog.accept()
    assert window.tag_dialog is not None and "cannot be a tag" in window.tag_dialog.error.text()
    window.tag_dialog.reject()


def test_details_form_corrects_the_title_and_says_what_is_wrong(filled, qtbot):
    window = filled
    window.table.selectRow(row_of_title(window, "Committee"))
    doc = window.shown_doc
    window.summary.anchorClicked.emit(QUrl("do:details"))
    form = window.edit_dialog
    assert form.title.text() == "Library Committee Meeting Notes"
    form.title.setText("Reading Room Board Minutes")
    form.authors.setPlainText("Ada Quill\nBen Marsh")
    form.date.setText("2019-02-30")
    form.accept()
    assert "is not a date" in form.error.text() and window.edit_dialog is form  # stays open
    screenshot(form, "manage-3-details-form")
    form.date.setText("2019-02-28")
    form.accept()
    assert window.edit_dialog is None
    detail = window.store.detail(doc)
    assert detail.title == "Reading Room Board Minutes" and detail.authors == [
        "Ada Quill",
        "Ben Marsh",
    ]
    assert window.library.index(row_of_title(window, "Reading Room"), 0).data() == detail.title
    assert hits(window, "Quill") == [doc]
    assert "set by hand: title, authors, date" in window.summary.toPlainText()


def test_export_and_summarize_again_work_on_the_selection(filled, qtbot, tmp_path):
    window = filled
    ids = select_rows(window, [0, 2])
    path = window.export_selected("json", folder=str(tmp_path / "out"))
    assert sorted(r["id"] for r in json.loads(path.read_text())) == sorted(ids)

    with qtbot.waitSignal(window.batch_finished, timeout=WAIT) as blocker:
        window.resummarize_selected()
    assert blocker.args[0]["summarized"] == 2 and blocker.args[0]["skipped"] == 0
    assert window.library.rowCount() == 3


def test_a_missing_file_is_marked_and_located(filled, qtbot, samples_folder, tmp_path):
    window = filled
    row = row_of_title(window, "Northwind")
    doc = window.library.index(row, 0).data(DocIdRole)
    moved = tmp_path / "elsewhere" / "report.pdf"
    moved.parent.mkdir()
    shutil.move(samples_folder / "northwind-quarterly-report.pdf", moved)
    window.after_change()
    row = window.library.row_of(doc)
    assert window.library.index(row, window.library.COLUMNS.index("Status")).data() == (
        "file missing"
    )
    window.table.clearSelection()
    window.table.selectRow(row)
    assert "The file is missing" in window.summary.toPlainText()
    assert 'href="do:locate"' in window.summary.toHtml()
    screenshot(window, "manage-4-missing-file")

    other = text_pdf(tmp_path / "other.pdf", ["Not the same report at all, only a memo."] * 5)
    window.locate_document(doc, str(other))
    assert "is not the same file" in window.statusBar().currentMessage()
    window.locate_document(doc, str(moved))
    assert window.library.index(row, window.library.COLUMNS.index("Status")).data() == "summarized"
    assert window.store.detail(doc).paths[0] == str(moved)
    assert "The file is missing" not in window.summary.toPlainText()
