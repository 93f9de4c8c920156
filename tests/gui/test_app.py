import subprocess
import sys
import time
from pathlib import Path

import pypdf
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence

from app.gui.models import HtmlRole
from app.settings import load_settings
from app.store import Store
from tests.conftest import memo_folder, needs_tesseract, scanned_pdf, text_pdf
from tests.gui.conftest import screenshot

WAIT = 600_000  # a ceiling, not a sleep: a loaded machine only makes tests slower


def drop(window, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.drop.dropEvent(event)


def test_empty_library_explains_what_to_do(window) -> None:
    assert window.stack.currentWidget() is window.empty
    assert "Drop PDF files or whole folders" in window.empty.text()
    screenshot(window, "1-empty-library")


def test_dropping_a_folder_fills_the_library(window, qtbot, samples_folder) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT) as blocker:
        drop(window, [samples_folder])
    assert blocker.args[0]["kind"] == "done" and blocker.args[0]["summarized"] == 3
    assert window.library.rowCount() == 3
    assert window.stack.currentWidget() is window.table
    states = {i.state for i in window.queue.items}
    assert states == {"summarized"}
    window.table.selectRow(0)
    detail = window.summary.detail
    assert detail is not None and detail.summaries
    assert 'href="page:1"' in window.summary.toHtml()
    screenshot(window, "3-summary-open")


def test_search_filters_and_highlights(window, qtbot, samples_folder) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [samples_folder])
    qtbot.keyClicks(window.search, "electric")
    qtbot.waitUntil(lambda: window.library.searching, timeout=WAIT)
    assert window.library.rowCount() == 1
    snippet = window.library.index(0, 2).data(HtmlRole)
    assert "<b>electric</b>" in snippet
    assert window.library.index(0, 0).data().startswith("Northwind")
    screenshot(window, "4-search-results")
    window.search.clear()
    qtbot.waitUntil(lambda: not window.library.searching, timeout=WAIT)
    assert window.library.rowCount() == 3


def test_batch_in_progress_keeps_the_event_loop_responsive(window, qtbot, tmp_path) -> None:
    folder = memo_folder(tmp_path / "many", 14, repeat=30)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    shot = {"taken": False}
    ticks_when_summarized: list[int] = []

    def on_progress(event) -> None:
        if event["kind"] == "summarized":
            ticks_when_summarized.append(len(gaps))
        if event["kind"] == "summarized" and not shot["taken"]:
            shot["taken"] = True
            screenshot(window, "2-batch-in-progress")

    timer.start()
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        window.add_paths([str(folder)])
        window.worker.signals.progress.connect(on_progress)
    timer.stop()
    worst = max(gaps[1:]) * 1000
    print(f"\nlongest gap of a 10 ms QTimer during a 14-document batch: {worst:.1f} ms")
    assert window.library.rowCount() == 14
    # The loop kept turning while documents were summarized: a batch run on the GUI thread (or
    # one holding the GIL throughout) delivers its progress in one burst, with no tick between.
    assert ticks_when_summarized[-1] > ticks_when_summarized[0], ticks_when_summarized
    # A guard against whole-second stalls (a model loaded on the GUI thread); the gap itself,
    # target < 50 ms, is a measurement printed above (bench/README.md), not a timed assertion:
    # on a loaded machine the scheduler alone leaves gaps of 100-200 ms.
    assert worst < 2000


def test_cancel_stops_cleanly_and_leaves_the_library_consistent(window, qtbot, tmp_path) -> None:
    folder = memo_folder(tmp_path / "many", 12, repeat=30)

    def cancel_on_first_summary(event) -> None:
        if event["kind"] == "summarized":
            window.cancel()

    with qtbot.waitSignal(window.batch_finished, timeout=WAIT) as blocker:
        window.add_paths([str(folder)])
        window.worker.signals.progress.connect(cancel_on_first_summary)
    assert blocker.args[0]["kind"] == "cancelled"
    with Store(window.settings.db) as store:
        saved = store.count_documents()
        assert 1 <= saved < 12
        assert store.conn.execute("SELECT COUNT(*) FROM summaries").fetchone()[0] == saved
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not window.cancel_button.isEnabled()
    # Back to idle: no stuck bar or rows, and it says so.
    assert window.progress.value() == -1 and window.eta.text() == ""
    assert window.statusBar().currentMessage().startswith("Cancelled")
    states = {i.state for i in window.queue.items}
    assert states <= {"summarized", "cancelled"} and "cancelled" in states


def encrypted_folder(tmp_path, make_pdf, others: int = 0) -> Path:
    folder = tmp_path / "enc"
    folder.mkdir()
    writer = pypdf.PdfWriter(
        clone_from=str(
            make_pdf(
                "p.pdf",
                ["The vault plans describe three doors and a long corridor under the bank."] * 5,
            )
        )
    )
    writer.encrypt("letmein", algorithm="AES-128")
    with (folder / "a-vault.pdf").open("wb") as fh:
        writer.write(fh)
    for i in range(others):
        text_pdf(folder / f"z-memo{i}.pdf", [f"Memo {i} about the harbour works."] * 20)
    return folder


def test_encrypted_file_asks_when_reached_and_again_after_a_wrong_password(
    window, qtbot, tmp_path, make_pdf
) -> None:
    folder = encrypted_folder(tmp_path, make_pdf, others=4)
    asked = []
    answers = iter(["wrong-one", "letmein"])

    def fake_prompt(path: str, wrong: bool = False) -> str:
        asked.append((Path(path).name, wrong, window.worker is not None))
        return next(answers)

    window.ask_password = fake_prompt
    drop(window, [folder])
    qtbot.waitUntil(lambda: window.library.rowCount() == 5, timeout=WAIT)
    qtbot.waitUntil(lambda: window.worker is None and not window.pending, timeout=WAIT)
    # Asked while the first batch was still running, then again, saying it was wrong.
    assert asked == [("a-vault.pdf", False, True), ("a-vault.pdf", True, True)]
    item = window.queue.items[window.queue.row_of(str(folder / "a-vault.pdf"))]
    assert item.state == "summarized"


def test_encrypted_failure_speaks_the_windows_language(window, qtbot, tmp_path, make_pdf) -> None:
    folder = encrypted_folder(tmp_path, make_pdf)
    window.ask_password = lambda path, wrong=False: None  # the user gives up
    window.dock.hide()
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [folder])
    (item,) = window.queue.failed()
    assert item.message == "a-vault.pdf is encrypted and needs its password."
    assert "--password" not in item.message
    qtbot.waitUntil(lambda: "needs its password" in window.statusBar().currentMessage())
    # The hidden queue panel comes back from the View menu.
    window.queue_action.trigger()
    assert window.dock.isVisible()


def test_failures_show_with_their_message_and_retry(window, qtbot, tmp_path, make_pdf) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    broken = folder / "broken.pdf"
    broken.write_text("this is not a pdf")
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [folder])
    (item,) = window.queue.failed()
    assert item.kind == "not-pdf" and "not a PDF" in item.message
    assert window.queue.index(0, 2).data() == item.message
    assert window.retry_button.isEnabled()
    broken.write_bytes(
        make_pdf("good.pdf", ["Now it is a real document with real words."] * 4).read_bytes()
    )
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)
    assert window.queue.failed() == [] and window.library.rowCount() == 1


def test_page_links_ask_to_open_the_pdf_at_that_page(window, qtbot, samples_folder) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [samples_folder])
    window.table.selectRow(0)
    with qtbot.waitSignal(window.summary.page_requested) as blocker:
        window.summary.anchorClicked.emit(QUrl("page:1"))
    path, page = blocker.args
    assert page == 1 and path.endswith(".pdf")


def test_settings_are_persisted(window, tmp_path) -> None:
    window.apply_settings(window.settings.with_(length="short", backend="torch"))
    loaded = load_settings()
    assert (loaded.length, loaded.backend) == ("short", "torch")


def test_saving_settings_keeps_a_session_library_out_of_the_defaults(
    window, tmp_path, monkeypatch
) -> None:
    monkeypatch.delenv("SYNOPSIS_DB", raising=False)
    # The window was opened on tmp/gui.sqlite, as `synopsis gui --db` does.
    window.apply_settings(window.settings.with_(length="long"))
    loaded = load_settings()
    assert loaded.length == "long" and loaded.db != window.settings.db
    # Choosing a library in the dialog does make it the default.
    chosen = tmp_path / "chosen.sqlite"
    window.apply_settings(window.settings.with_(db=chosen))
    assert load_settings().db == chosen


def test_settings_dialog_label_has_a_working_mnemonic(window) -> None:
    from PySide6.QtWidgets import QLabel

    from app.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, window)
    label = next(w for w in dialog.findChildren(QLabel) if w.text() == "Library &file")
    assert label.buddy() is dialog.db
    # OCR settings travel from the dialog into the settings a batch uses.
    dialog.ocr.setCurrentText("never")
    dialog.ocr_lang.setText(" deu ")
    chosen = dialog.result_settings()
    assert (chosen.ocr, chosen.ocr_lang) == ("never", "deu")


def test_search_without_hits_says_no_matches(window, qtbot, samples_folder) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [samples_folder])
    window.search.setText("zebrafish")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.empty, timeout=WAIT)
    assert window.empty.text() == "No matches for “zebrafish”."
    window.search.setText("")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.table, timeout=WAIT)


def test_summary_pane_follows_search_and_never_goes_stale(window, qtbot, samples_folder) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [samples_folder])
    window.table.selectRow(0)
    shown = window.shown_doc
    title = window.library.records[0].title
    assert shown is not None and title in window.summary.toPlainText()
    # A search that leaves the document out clears the pane; one that keeps it shows it.
    window.library.set_query("zebrafish")
    assert window.shown_doc is None and "Select a document" in window.summary.toPlainText()
    window.library.set_query("")
    # Summarized again (another length) while shown: the pane shows the new summary.
    window.table.selectRow(window.library.row_of(shown))
    with Store(window.settings.db) as store:
        store.conn.execute("UPDATE summaries SET length = 'changed-elsewhere'")
    window.library.refresh()
    assert window.shown_doc == shown and "changed-elsewhere" in window.summary.toPlainText()


def test_failing_page_link_says_why_in_the_window(
    window, qtbot, samples_folder, monkeypatch
) -> None:
    said = []
    monkeypatch.setattr(window, "say", said.append)
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [samples_folder])
    window.table.selectRow(0)
    path = Path(window.summary.detail.paths[0])
    path.rename(path.with_suffix(".moved"))
    window.summary.anchorClicked.emit(QUrl("page:1"))
    assert said and "moved or deleted" in said[0] and path.name in said[0]
    # Double-clicking a row opens its PDF (here: says why it cannot).
    said.clear()
    window.table.doubleClicked.emit(window.library.index(0, 0))
    assert said and "moved or deleted" in said[0]


def test_one_page_is_not_one_pages(window, qtbot, tmp_path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    text_pdf(folder / "short.pdf", ["A single page note about the harbour works and repairs."] * 3)
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [folder])
    window.table.selectRow(0)
    assert "1 page (" in window.summary.toPlainText()
    assert "1 pages" not in window.summary.toPlainText()


def test_every_action_has_a_shortcut(window) -> None:
    actions = {
        a.text().replace("&", ""): a.shortcut()
        for m in window.menuBar().actions()
        for a in m.menu().actions()
        if a.text()
    }
    for name in (
        "Open PDFs…",
        "Open folder…",
        "Settings…",
        "Quit",
        "Find",
        "Cancel",
        "Retry failed",
    ):
        assert actions[name] != QKeySequence(), name


def test_nothing_outside_app_gui_imports_qt() -> None:
    code = (
        "import sys, ingestion, summarizer, summarizer.abstractive, summarizer.loading, "
        "summarizer.extractive, app.store, app.pipeline, app.cli, app.watch, "
        "app.export; print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_abstract_is_folded_and_opens_on_click(window, qtbot, tmp_path) -> None:
    folder = tmp_path / "paper"
    folder.mkdir()
    text_pdf(
        folder / "paper.pdf",
        [
            "Abstract The harbour board studied the pier and its cracks over three winters on "
            "the cold coast. It found that the cracks grew fastest where salt met fresh water. "
            "It proposes a repair plan for it.",
            "1 Introduction",
        ]
        + ["The harbour board surveyed the pier and wrote down every crack it found."] * 30,
        heading=["The Northern Pier"],
    )
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [folder])
    window.table.selectRow(0)
    assert "Author's abstract" in window.summary.toPlainText()
    # The summary's gist quotes the abstract's opening as the authors' words (#19); the rest
    # of it stays folded.
    assert "authors' words: “The harbour board studied" in window.summary.toPlainText()
    assert "proposes a repair plan" not in window.summary.toPlainText()
    window.summary.anchorClicked.emit(QUrl("abstract:toggle"))
    assert "proposes a repair plan" in window.summary.toPlainText()


def test_scanned_pdf_dropped_in_the_window_is_read_by_ocr(window, qtbot, tmp_path) -> None:
    needs_tesseract()
    folder = tmp_path / "scans"
    folder.mkdir()
    scanned_pdf(folder / "scan.pdf", ["The ferry timetable changes on the first of May."] * 6)
    seen: list[str] = []
    window.statusBar().messageChanged.connect(seen.append)
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT) as done:
        drop(window, [folder])
    assert done.args[0]["summarized"] == 1
    assert "scan.pdf: OCR: page 1 of 1" in seen  # page progress reached the status bar
    window.table.selectRow(0)
    assert "OCR on p. 1" in window.summary.toPlainText()
    assert "ferry timetable" in window.summary.toPlainText()


def test_outline_tree_lists_sections_with_summaries_and_opens_pages(window, qtbot, tmp_path):
    """#10: a long document's outline is a tree (subsections under their chapter), each
    chapter with its own summary; clicking a section asks for the PDF at its first page."""
    from tests.app.test_outline import CHAPTERS, book

    folder = tmp_path / "book"
    folder.mkdir()
    path, _pages, starts = book(folder)
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [path])
    window.table.selectRow(0)
    tree = window.outline
    assert tree.isVisibleTo(window)
    tops = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert [t.text(0) for t in tops] == list(CHAPTERS)
    for top, start, sentence in zip(tops, starts, CHAPTERS.values(), strict=True):
        children = [top.child(i).text(0) for i in range(top.childCount())]
        assert f"{top.text(0)}: a subsection" in children
        summary = next(c for c in children if "subsection" not in c)
        assert sentence.split()[1] in summary  # the chapter's own words
        assert top.text(1).startswith(f"pp. {start + 1}–")
    assert "Outline: 3 sections summarized below." in window.summary.toPlainText()
    with qtbot.waitSignal(tree.page_requested) as blocker:
        tree.itemClicked.emit(tops[1], 0)
    assert blocker.args == [str(path), starts[1] + 1]
    screenshot(window, "7-outline-tree")

    # A short document has no outline: the tree goes away.
    short = tmp_path / "short"
    short.mkdir()
    text_pdf(short / "note.pdf", ["A short note about the ferry timetable."] * 5)
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [short])
    note = next(r.id for r in window.store.recent() if r.page_count == 1)
    window.select_document(note)
    assert window.shown_doc == note
    assert not tree.isVisibleTo(window) and tree.topLevelItemCount() == 0


def test_engine_cache_keeps_the_model_across_lengths_and_reloads_for_another(
    tiny_t5, tmp_path
) -> None:
    """Length and beams travel with each summarize call (#12): changing them reuses the
    loaded model; another backend or precision loads again."""
    from app.gui.workers import EngineCache
    from app.settings import Settings

    cache = EngineCache()
    base = Settings(db=tmp_path / "l.sqlite", engine="abstractive", model=str(tiny_t5))
    first = cache.get(base.with_(backend="torch"))
    assert first.method == "abstractive" and first.runtime == "torch"
    assert cache.get(base.with_(backend="torch", length="long", num_beams=2)) is first
    assert cache.get(base.with_(backend="torch", precision="fp32")) is not first


def test_file_menu_restores_a_backup(window, qtbot, tmp_path) -> None:
    from PySide6.QtWidgets import QInputDialog

    from app.store.backups import list_backups, take_backup
    from ingestion import read_pdf

    pdf = text_pdf(tmp_path / "kept.pdf", ["The harbour memo that the backup keeps."] * 6)
    window.store.save(read_pdf(pdf), None)
    take_backup(window.store.conn, window.settings.db, "manual")
    window.store.conn.execute("DELETE FROM documents")
    window.library.refresh()
    assert window.library.rowCount() == 0

    (restore,) = [a for a in window.menuBar().actions()[0].menu().actions() if "backup" in a.text()]
    restore.trigger()
    dialog = window.findChild(QInputDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.comboBoxItems()[0].endswith(str(list_backups(window.settings.db)[0].path))
    dialog.setTextValue(dialog.comboBoxItems()[0])
    dialog.accept()
    qtbot.waitUntil(lambda: window.library.rowCount() == 1)
    assert window.store.count_documents() == 1
    assert "kept as" in window.statusBar().currentMessage()
