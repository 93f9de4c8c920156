"""Window states that add up (#22); each state is saved as a screenshot when
SYNOPSIS_SCREENSHOTS is set."""

import dataclasses

from PySide6.QtCore import QUrl

from app.gui.models import HtmlRole
from app.gui.settings_dialog import SettingsDialog
from app.gui.window import MainWindow
from app.settings import LIMITS, Settings
from app.store import Store
from ingestion import read_pdf
from summarizer.base import SummaryPart
from tests.app.test_store import summarize
from tests.conftest import text_pdf
from tests.gui.conftest import screenshot
from tests.gui.test_app import WAIT, drop, encrypted_folder

PRODUCER = "Acrobat Distiller 23.1 (Windows); modified using iText® 7.2.5 ©2000-2023 " * 3


def test_a_new_library_is_announced(window) -> None:
    assert window.statusBar().currentMessage().startswith("Created a new library at ")
    assert str(window.store.path) in window.statusBar().currentMessage()


def test_totals_cover_the_password_retry_and_the_failure_before_it(
    window, qtbot, tmp_path, make_pdf
) -> None:
    folder = encrypted_folder(tmp_path, make_pdf, others=1)
    (folder / "broken.pdf").write_text("this is not a pdf")
    window.ask_password = lambda path, wrong=False: "letmein"
    drop(window, [folder])
    qtbot.waitUntil(lambda: window.worker is None and not window.pending, timeout=WAIT)
    assert [i.state for i in window.queue.items].count("failed") == 1
    assert (window.progress.value(), window.progress.maximum()) == (3, 3)
    assert window.statusBar().currentMessage().startswith("2 summarized, 0 skipped, 1 failed")
    screenshot(window, "8-totals-after-password-retry")


def test_the_summary_pane_keeps_the_height_and_metadata_is_folded(window, qtbot, tmp_path) -> None:
    doc = read_pdf(
        text_pdf(tmp_path / "long.pdf", ["The harbour board rebuilt the northern pier."] * 30)
    )
    doc = dataclasses.replace(doc, metadata={**doc.metadata, "producer": PRODUCER})
    summary = dataclasses.replace(
        summarize(doc),
        parts=tuple(SummaryPart(f"Point {i} about the pier.", (1,)) for i in range(6)),
    )
    window.store.save(doc, summary)
    window._refresh_library()
    window.resize(1200, 760)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.summary.detail is not None)
    assert window.dock.height() < 0.25 * window.height()
    assert window.summary.height() > 0.4 * window.height()
    assert "Acrobat Distiller" not in window.summary.toPlainText()
    assert "Point 5 about the pier." in window.summary.toPlainText()
    screenshot(window, "9-summary-details-folded")
    window.summary._on_anchor(QUrl("details:toggle"))
    assert "Acrobat Distiller" in window.summary.toPlainText()
    assert str(tmp_path / "long.pdf") in window.summary.toPlainText()


def test_the_no_model_note_stays_after_the_batch(qtbot, tmp_path) -> None:
    settings = Settings(
        db=tmp_path / "n.sqlite", engine="auto", model=str(tmp_path / "no-model"), offline=True
    )
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    folder = tmp_path / "docs"
    folder.mkdir()
    text_pdf(folder / "a.pdf", ["The ferry timetable changes in spring and autumn."] * 8)
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [folder])
    assert window.note.isVisible() and "no-model" in window.note.text()
    assert "File → Models…" in window.note.text()  # advice the window can follow
    assert window.statusBar().currentMessage().startswith("1 summarized")
    screenshot(window, "10-no-model-note")
    window.close()


def test_every_limit_is_in_the_settings_dialog(window, qtbot) -> None:
    dialog = SettingsDialog(window.settings, window)
    qtbot.addWidget(dialog)
    assert set(dialog.limits) == {limit.name for limit in LIMITS} >= {"memory_mb", "max_pages"}
    dialog.limits["memory_mb"].setValue(4096)
    dialog.limits["timeout_s"].setValue(300.0)
    chosen = dialog.result_settings()
    assert (chosen.memory_mb, chosen.timeout_s) == (4096, 300.0)
    dialog.show()
    screenshot(dialog, "11-settings-limits")


def test_the_search_box_takes_what_people_type(window, qtbot, tmp_path) -> None:
    text = "COVID-19 rules, as shown in [12], changed the self-employment forms."
    with Store(window.store.path) as store:
        store.save(read_pdf(text_pdf(tmp_path / "c.pdf", [text] * 3)), None)
    window._refresh_library()
    window.search.setText("COVID-19")
    qtbot.waitUntil(lambda: window.library.searching, timeout=WAIT)
    assert window.library.rowCount() == 1
    snippet = window.library.index(0, 2)
    assert "[12]" in snippet.data() and "<b>COVID-19</b>" in snippet.data(HtmlRole)
    screenshot(window, "12-search-everyday-words")
    window.search.setText("!!!")
    qtbot.waitUntil(lambda: "no words or numbers" in window.empty.text(), timeout=WAIT)
