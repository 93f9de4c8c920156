import os
import shutil
from pathlib import Path

import pytest

from app.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path, monkeypatch):
    monkeypatch.setenv("SYNOPSIS_CONFIG", str(tmp_path / "settings.toml"))


@pytest.fixture
def window(qtbot, tmp_path):
    from app.gui.window import MainWindow

    w = MainWindow(
        Settings(db=tmp_path / "gui.sqlite", engine="extractive", workers=1, batch_docs=2)
    )
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


@pytest.fixture
def samples_folder(tmp_path) -> Path:
    target = tmp_path / "drop"
    target.mkdir()
    for pdf in SAMPLES.glob("*.pdf"):
        shutil.copy(pdf, target / pdf.name)
    return target


def screenshot(widget, name: str) -> None:
    """Save a PNG of ``widget`` into $SYNOPSIS_SCREENSHOTS when it is set."""
    folder = os.environ.get("SYNOPSIS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(folder) / f"{name}.png"))
