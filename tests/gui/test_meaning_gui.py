"""Finding by meaning in the window (#24): search by meaning, Similar documents, Ask; a real
offscreen window over a real library with the packaged MiniLM."""

import pytest

from app import meaning
from app.ask import NOT_FOUND
from app.settings import Settings
from app.store import Store
from tests.app.test_meaning import BAKERY, HARBOUR, TELEWORK
from tests.conftest import memo_folder, text_pdf

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


def over_budget_window(qtbot, tmp_path, **settings: object):
    """A window whose batch of three documents left all of them un-embedded (budget 0)."""
    from app.gui.window import MainWindow

    docs = memo_folder(tmp_path / "docs", 3)
    db = tmp_path / "gui.sqlite"
    w = MainWindow(Settings(db=db, engine="extractive", embed_budget=0.0).with_(**settings))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.batch_finished, timeout=WAIT):
        w.add_paths([str(docs)])
    return w


def test_a_batch_says_which_documents_it_left_for_index(qtbot, tmp_path) -> None:
    w = over_budget_window(qtbot, tmp_path, embed_background=False)
    status = w.statusBar().currentMessage()
    assert "3 summarized" in status
    assert "3 document(s) left for `synopsis index`" in status
    assert not w.indexing.running and not w.indexing.isVisible()  # the setting says: not here
    w.close()


def test_a_batch_embeds_what_it_left_in_the_background_with_progress(qtbot, tmp_path) -> None:
    w = over_budget_window(qtbot, tmp_path)
    assert w.indexing.running and w.indexing.isVisible()
    steps: list[tuple[int, int]] = []
    w.indexing.progressed.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(w.indexing.finished, timeout=WAIT) as finished:
        pass
    assert finished.args[0].startswith("Indexed 3 document(s) by meaning")
    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert not w.indexing.isVisible()
    assert w.statusBar().currentMessage() == finished.args[0]
    with Store(w.settings.db) as store:
        assert store.unindexed(meaning.MODEL) == [] and store.passage_count() >= 3
    qtbot.waitUntil(lambda: w.library.by_meaning, timeout=WAIT)  # search uses meaning now
    w.close()


def test_stopping_the_background_index_leaves_the_rest_for_later(qtbot, tmp_path) -> None:
    from PySide6.QtCore import QProcess

    w = over_budget_window(qtbot, tmp_path)
    process = w.indexing.process
    assert process is not None
    qtbot.waitUntil(lambda: process.state() == QProcess.ProcessState.Running, timeout=WAIT)
    with qtbot.waitSignal(w.indexing.finished, timeout=WAIT) as finished:
        w.indexing.stop_button.click()  # loading the embedder alone takes longer than this
    assert finished.args[0].startswith("Indexing by meaning stopped after 0 document(s)")
    assert not w.indexing.running
    with Store(w.settings.db) as store:
        assert len(store.unindexed(meaning.MODEL)) == 3  # found by words until resumed
        assert store.integrity_ok()
    w.close()
