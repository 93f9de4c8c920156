"""Finding by meaning in the window (#24): search by meaning, Similar documents, Ask; a real
offscreen window over a real library with the packaged MiniLM."""

import pytest

from app import meaning
from app.ask import NOT_FOUND
from app.settings import Settings
from tests.app.test_meaning import BAKERY, HARBOUR, TELEWORK
from tests.conftest import text_pdf

pytestmark = pytest.mark.skipif(
    meaning.unavailable_reason() is not None, reason=str(meaning.unavailable_reason())
)
WAIT = 600_000  # a ceiling, not a sleep: a loaded machine only makes tests slower


@pytest.fixture
def meaning_window(qtbot, tmp_path):
    from app.gui.window import MainWindow

    docs = tmp_path / "docs"
    docs.mkdir()
    text_pdf(docs / "telework.pdf", TELEWORK, title="Agency workplace review")
    text_pdf(docs / "harbour.pdf", HARBOUR, title="Harbour channel works")
    text_pdf(
        docs / "port.pdf", [s.replace("harbour", "port") for s in HARBOUR], title="Port report"
    )
    text_pdf(docs / "bakery.pdf", BAKERY, title="Notes from the bakery")
    settings = Settings(
        db=tmp_path / "gui.sqlite", engine="extractive", workers=1, embed_budget=float("inf")
    )
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.batch_finished, timeout=WAIT):
        w.add_paths([str(docs)])
    yield w
    w.close()


def test_search_box_finds_by_meaning_and_says_why(meaning_window, qtbot) -> None:
    w = meaning_window
    if not w.library.by_meaning:
        with qtbot.waitSignal(w.meaning_ready, timeout=WAIT):
            w.warm_meaning()
    qtbot.keyClicks(w.search, "remote work productivity")
    qtbot.waitUntil(lambda: w.library.searching and w.library.rowCount() > 0, timeout=WAIT)
    assert w.library.index(0, 0).data() == "Agency workplace review"
    assert "meaning" in w.library.index(0, 1).data()


def test_document_pane_lists_similar_documents_and_opens_one(meaning_window, qtbot) -> None:
    w = meaning_window
    harbour = w.library.row_of(
        next(r.id for r in w.library.records if r.title == "Harbour channel works")
    )
    w.table.selectRow(harbour)
    qtbot.waitUntil(lambda: w.similar.list.count() > 0, timeout=WAIT)
    assert w.similar.isVisibleTo(w)
    first = w.similar.list.item(0)
    assert first.text().startswith("Port report")
    w.similar.list.itemActivated.emit(first)
    assert w.summary.detail.title == "Port report"


def test_ask_box_answers_with_page_links_or_not_found(meaning_window, qtbot) -> None:
    w = meaning_window
    w.ask_panel.box.setText("Why does sourdough taste sour?")
    with qtbot.waitSignal(w.ask_panel.answered, timeout=WAIT) as answered:
        w.ask_panel.box.returnPressed.emit()
    assert answered.args[0]["found"]
    shown = w.ask_panel.view.toHtml()
    assert "page:" in shown and "Notes from the bakery, p. 1" in w.ask_panel.view.toPlainText()
    opened: list[tuple[int, int]] = []
    w.ask_panel.page_requested.connect(lambda doc, page: opened.append((doc, page)))
    from PySide6.QtCore import QUrl

    doc_id = answered.args[0]["passages"][0]["document_id"]
    w.ask_panel.view.anchorClicked.emit(QUrl(f"page:{doc_id}:1"))
    assert opened == [(doc_id, 1)]
    w.ask_panel.box.setText("Who won the football cup final last year?")
    with qtbot.waitSignal(w.ask_panel.answered, timeout=WAIT):
        w.ask_panel.box.returnPressed.emit()
    assert NOT_FOUND in w.ask_panel.view.toPlainText()


def test_settings_dialog_switches_finding_by_meaning(qtbot, tmp_path) -> None:
    from app.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(db=tmp_path / "x.sqlite"))
    qtbot.addWidget(dialog)
    assert dialog.semantic.isChecked()
    dialog.semantic.click()
    assert dialog.result_settings().semantic is False


def test_a_batch_says_which_documents_it_left_for_index(qtbot, tmp_path) -> None:
    from app.gui.window import MainWindow

    docs = tmp_path / "docs"
    docs.mkdir()
    text_pdf(docs / "harbour.pdf", HARBOUR, title="Harbour channel works")
    text_pdf(docs / "bakery.pdf", BAKERY, title="Notes from the bakery")
    settings = Settings(db=tmp_path / "gui.sqlite", engine="extractive", embed_budget=0.0)
    w = MainWindow(settings)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.batch_finished, timeout=WAIT):
        w.add_paths([str(docs)])
    status = w.statusBar().currentMessage()
    assert "2 summarized" in status
    assert "2 document(s) left for `synopsis index`" in status
    w.close()
