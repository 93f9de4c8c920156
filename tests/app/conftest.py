from pathlib import Path

import pytest

from app.settings import Settings
from app.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path, monkeypatch):
    """Tests never read or write the user's settings, library or bench results."""
    monkeypatch.setenv("SYNOPSIS_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("SYNOPSIS_BENCH_FILE", str(tmp_path / "bench.json"))
    monkeypatch.setenv("SYNOPSIS_DB", str(tmp_path / "default-library.sqlite"))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "library.sqlite") as s:
        yield s


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(db=tmp_path / "library.sqlite", engine="extractive", workers=1)


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder with the three sample PDFs."""
    target = tmp_path / "docs"
    target.mkdir()
    for pdf in SAMPLES.glob("*.pdf"):
        (target / pdf.name).write_bytes(pdf.read_bytes())
    return target
