"""The Models window offscreen (#25): catalogue, download with progress from a hub on
127.0.0.1, cancel, failures said in the window, Use this model, Add a folder…, and
resummarizing the library with the chosen model. Screenshots when SYNOPSIS_SCREENSHOTS is set."""

from __future__ import annotations

import pytest

from app.settings import load_settings
from summarizer import download as dl
from tests.conftest import HUB_MODEL, HUB_NOT_SEQ2SEQ
from tests.gui.conftest import screenshot
from tests.gui.test_app import WAIT, drop


@pytest.fixture(autouse=True)
def _own_models_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SYNOPSIS_MODELS", str(tmp_path / "models"))


def _states(models) -> dict[str, str]:
    return {r.id: r.state for r in models.table_model.rows}


def test_models_window_lists_the_catalogue(window) -> None:
    models = window.open_models()
    rows = models.table_model.rows
    assert rows[0].id == "google-t5/t5-small" and rows[0].in_use
    assert {"google/flan-t5-base", "pszemraj/led-base-book-summary"} <= {r.id for r in rows}
    shown = models.table_model.index(3, 3).data()
    assert "non-commercial" in shown  # the multilingual model's licence, in its column
    assert models.download_button.isEnabled() and not models.use_button.isEnabled()
    screenshot(models, "8-models-catalogue")


def test_download_shows_progress_converts_and_is_used(window, qtbot, hub, monkeypatch) -> None:
    monkeypatch.setattr(dl, "CHUNK", 8192)
    hub.throttle["model.safetensors"] = 0.01
    models = window.open_models()
    values: list[int] = []
    texts: list[str] = []

    def seen(value: int) -> None:
        values.append(value)
        texts.append(models.status.text())
        if len(values) == 3:
            screenshot(models, "9-models-downloading")

    models.progress.valueChanged.connect(seen)
    models.hub_id.setText(HUB_MODEL)
    with qtbot.waitSignal(models.download_finished, timeout=WAIT):
        models.download_by_id()
        assert not models.download_id_button.isEnabled() and models.cancel_button.isEnabled()
    converting = [t.startswith("Converting") for t in texts]
    bytes_seen = values[: converting.index(True)]
    assert len(bytes_seen) >= 3 and bytes_seen == sorted(bytes_seen)
    assert values[converting.index(True) :] == [0, 1, 2]  # the conversion's steps
    assert any(" of " in t and "/s" in t and "model.safetensors" in t for t in texts)
    assert _states(models)[HUB_MODEL] == "downloaded"
    assert "Downloaded and ready" in models.status.text()
    models.select(HUB_MODEL)
    assert models.use_button.isEnabled()
    models.use_button.click()
    assert window.settings.model == HUB_MODEL and load_settings().model == HUB_MODEL
    assert _states(models)[HUB_MODEL] == "downloaded, in use"
    screenshot(models, "10-models-in-use")


def test_conversion_is_announced_in_the_window(window, qtbot, hub) -> None:
    models = window.open_models()
    said: list[str] = []
    models.hub_id.setText(HUB_MODEL)
    with qtbot.waitSignal(models.download_finished, timeout=WAIT):
        models.download_by_id()
        # Connected after the window's own slot, so it reads what the window shows.
        models.worker.signals.progress.connect(lambda _p: said.append(models.status.text()))
    assert any("fast runtime (CTranslate2 int8)" in s for s in said)


def test_cancel_keeps_the_part_for_the_next_download(window, qtbot, hub, monkeypatch) -> None:
    monkeypatch.setattr(dl, "CHUNK", 8192)
    hub.throttle["model.safetensors"] = 0.05
    models = window.open_models()
    models.hub_id.setText(HUB_MODEL)
    models.progress.valueChanged.connect(lambda v: v > 0 and models.cancel())
    with qtbot.waitSignal(models.download_failed, timeout=WAIT) as blocker:
        models.download_by_id()
    assert blocker.args[0] == "cancelled"
    assert "Press Download again to resume it" in models.message.text()
    assert models.download_id_button.isEnabled()
    screenshot(models, "11-models-cancelled")


@pytest.mark.parametrize(
    ("case", "repo", "said"),
    [
        ("offline", HUB_MODEL, "cannot reach the model hub"),
        ("not-seq2seq", HUB_NOT_SEQ2SEQ, "not a seq2seq summarizer"),
        ("damaged", HUB_MODEL, "so it was discarded"),
    ],
)
def test_failures_are_said_in_the_window(window, qtbot, hub, monkeypatch, case, repo, said):
    import huggingface_hub.constants as hub_constants

    if case == "offline":
        monkeypatch.setattr(hub_constants, "ENDPOINT", "http://127.0.0.1:9")
    if case == "damaged":
        hub.corrupt.add("model.safetensors")
    models = window.open_models()
    models.hub_id.setText(repo)
    with qtbot.waitSignal(models.download_failed, timeout=WAIT):
        models.download_by_id()
    text = models.message.text()
    assert said in text and "synopsis " not in text  # what to do here, not a CLI command
    assert models.message.textFormat() == models.message.textFormat().PlainText
    screenshot(models, f"12-models-{case}")


def test_offline_mode_says_so_before_trying(window) -> None:
    window.apply_settings(window.settings.with_(offline=True))
    models = window.open_models()
    models.download_selected()
    assert "Offline mode is on" in models.message.text() and models.worker is None


def test_add_a_folder_and_use_it(window, tiny_t5, tmp_path) -> None:
    models = window.open_models()
    empty = tmp_path / "empty"
    empty.mkdir()
    models.add_folder_path(str(empty))
    assert "no config.json" in models.message.text()
    models.add_folder_path(str(tiny_t5))
    assert _states(models)[str(tiny_t5)] == "added by hand"
    models.use_button.click()
    assert window.settings.model == str(tiny_t5) and window.settings.engine == "auto"
    models.delete_selected(confirm=False)
    assert str(tiny_t5) not in _states(models) and tiny_t5.is_dir()  # forgotten, not deleted


def test_resummarize_runs_the_chosen_model_over_the_library(
    window, qtbot, samples_folder, tiny_t5
) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [samples_folder])
    window.apply_settings(
        window.settings.with_(engine="abstractive", model=str(tiny_t5), backend="torch")
    )
    window.table.selectRow(0)
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT) as blocker:
        window.resummarize_selection()
    assert (blocker.args[0]["summarized"], blocker.args[0]["skipped"]) == (1, 0)
    selected = window.store.detail(window.shown_doc).paths[0]
    northwind = samples_folder / "northwind-quarterly-report.pdf"
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT) as blocker:
        window._resummarize(None, [str(northwind)])  # a path, as a chosen folder is
    done = {selected, str(northwind.resolve())}
    assert blocker.args[0]["summarized"] == len(done) - 1  # skipped if it was the selected one
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT) as blocker:
        window.resummarize_library()
    assert (blocker.args[0]["summarized"], blocker.args[0]["skipped"]) == (3 - len(done), len(done))
    engines = {r.method for r in window.library.records}
    assert engines == {"abstractive"}


def test_a_missing_model_points_to_the_models_window(window, qtbot, samples_folder) -> None:
    window.apply_settings(window.settings.with_(engine="auto", model="nobody/nothing"))
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    with qtbot.waitSignal(window.batch_finished, timeout=WAIT):
        drop(window, [next(samples_folder.glob("*.pdf"))])
    note = next(m for m in said if "nobody/nothing" in m)
    assert "File → Models…" in note and "synopsis models pull" not in note
    assert window.backend_label.text() == "engine: extractive (no model: File → Models…)"
    assert window.backend_label.toolTip() == note  # stays where the status bar flashed it
