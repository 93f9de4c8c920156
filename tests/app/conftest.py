import os
from pathlib import Path

import pytest

from app.settings import Settings
from app.store import Store

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
# The environment of the CLI subprocesses the tests start (#23): offline, and no passage
# embedding (a run's inline share nor the background `synopsis index` it would start), so no
# subprocess loads MiniLM; embedding is tested in test_meaning.py and test_shared_library.py.
CLI_ENV = {
    **os.environ,
    "SYNOPSIS_OFFLINE": "1",
    "HF_HUB_OFFLINE": "1",
    "SYNOPSIS_EMBED_BUDGET": "0",
    "SYNOPSIS_EMBED_BACKGROUND": "0",
}


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
