"""Downloads from a hub on 127.0.0.1 (tests/summarizer/hub_server.py): progress, resume,
hashes, refusals, offline and disk messages, conversion for the fast runtime (#25)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from summarizer import download as dl
from summarizer.errors import (
    DiskFull,
    DownloadCancelled,
    HashMismatch,
    NetworkUnreachable,
    NotSeq2Seq,
)
from summarizer.installed import MARKER, installed, installed_dir, remove
from summarizer.models import resolve
from tests.conftest import HUB_LED, HUB_MODEL, HUB_NOT_SEQ2SEQ


def _same_files(a, b) -> None:
    for item in b.iterdir():
        assert (a / item.name).read_bytes() == item.read_bytes(), item.name


def test_download_reports_bytes_rate_and_eta_and_converts(hub, tiny_t5, monkeypatch) -> None:
    monkeypatch.setattr(dl, "CHUNK", 8192)
    events = []
    folder = dl.download(HUB_MODEL, events.append)
    _same_files(folder, tiny_t5)
    assert (folder / MARKER).is_file()
    stages = [e.stage for e in events]
    assert stages[0] == "listing" and stages[-1] == "done"
    assert stages.index("convert") < stages.index("converted") < stages.index("done")
    loading = [e for e in events if e.stage == "download"]
    assert len(loading) >= 2
    total = sum(p.stat().st_size for p in tiny_t5.iterdir())
    assert all(e.total == total for e in loading)
    assert [e.done for e in loading] == sorted(e.done for e in loading)
    assert loading[-1].done == total and loading[-1].rate > 0
    assert any(e.eta_s is not None and e.eta_s > 0 for e in loading[:-1])
    converted = next(e for e in events if e.stage == "converted")
    assert "Converted in" in converted.message
    steps = [(e.done, e.total) for e in events if e.stage == "convert" and e.total]
    assert steps == [(0, 3), (1, 3), (2, 3)]
    assert resolve(HUB_MODEL) == folder  # now the model resolves without any network
    # Weights of other formats were not fetched; the hub's file list was asked for once.
    paths = [p for _m, p, _r in hub.requests]
    assert sum(p.startswith("/api/models/") for p in paths) == 1
    assert [m.id for m in installed() if m.source == "downloaded"] == [HUB_MODEL]


def test_download_resumes_after_the_connection_drops(hub, tiny_t5, monkeypatch) -> None:
    monkeypatch.setattr(dl, "CHUNK", 8192)
    size = (tiny_t5 / "model.safetensors").stat().st_size
    hub.drop_after["model.safetensors"] = size // 2
    folder = dl.download(HUB_MODEL, convert=False)
    _same_files(folder, tiny_t5)
    ranges = [r for _m, p, r in hub.requests if p.startswith("/cdn/")]
    assert ranges[0] == ""  # the first request from the start, the second from the cut,
    assert ranges[1] == f"bytes={size // 2}-"  # carried through the hub's redirect


def test_cancel_keeps_the_part_and_a_second_download_resumes(hub, tiny_t5) -> None:
    cancel = {"now": False}

    def on_progress(event) -> None:
        if event.stage == "verified":  # config.json is whole: stop before the next file
            cancel["now"] = True

    with pytest.raises(DownloadCancelled) as info:
        dl.download(HUB_MODEL, on_progress, lambda: cancel["now"], convert=False)
    assert "Download again to resume" in info.value.gui_message
    folder = installed_dir(HUB_MODEL)
    assert (folder / "config.json").is_file() and not (folder / MARKER).exists()
    with pytest.raises(Exception, match="not downloaded"):
        resolve(HUB_MODEL)  # a half download is not a model
    dl.download(HUB_MODEL, convert=False)
    config_gets = [p for _m, p, _r in hub.requests if p.endswith("/config.json")]
    assert len(config_gets) == 1  # what was whole was not fetched again
    _same_files(folder, tiny_t5)


def test_a_file_that_differs_from_its_published_hash_is_discarded(hub, tiny_t5) -> None:
    hub.corrupt.add("model.safetensors")
    with pytest.raises(HashMismatch) as info:
        dl.download(HUB_MODEL, convert=False)
    assert "discarded" in info.value.gui_message
    folder = installed_dir(HUB_MODEL)
    assert not (folder / "model.safetensors").exists()
    assert not (folder / "model.safetensors.part").exists()
    hub.corrupt.clear()
    _same_files(dl.download(HUB_MODEL, convert=False), tiny_t5)


def test_a_repository_that_is_not_seq2seq_is_refused_before_its_weights(hub) -> None:
    with pytest.raises(NotSeq2Seq) as info:
        dl.download(HUB_NOT_SEQ2SEQ)
    assert "GPT2LMHeadModel" in info.value.user_message
    assert "Pick one from the list" in info.value.gui_message
    paths = [p for _m, p, _r in hub.requests]
    assert not any(p.endswith("model.safetensors") for p in paths)
    assert not installed_dir(HUB_NOT_SEQ2SEQ).exists()


def test_unreachable_hub_says_what_to_do_in_the_window(hub, monkeypatch) -> None:
    import huggingface_hub.constants as hub_constants

    monkeypatch.setattr(hub_constants, "ENDPOINT", "http://127.0.0.1:9")
    with pytest.raises(NetworkUnreachable) as info:
        dl.download(HUB_MODEL)
    assert "cannot reach the model hub" in info.value.gui_message
    assert "Add a folder" in info.value.gui_message
    assert "synopsis" not in info.value.gui_message  # no CLI command in the window


def test_free_space_is_checked_before_anything_is_fetched(hub, tmp_path) -> None:
    free = shutil.disk_usage(tmp_path).free
    with pytest.raises(DiskFull) as info:
        dl.download(HUB_MODEL, keep_free=free)
    assert "is free in" in info.value.gui_message and "Delete" in info.value.gui_message
    assert not any("/resolve/" in p for _m, p, _r in hub.requests)


def test_delete_frees_the_download_and_its_conversion(hub) -> None:
    from summarizer.backends.cache import cache_root

    folder = dl.download(HUB_MODEL)
    assert list(cache_root().glob("ctranslate2/*"))
    assert remove(HUB_MODEL) > 0
    assert not folder.exists()
    assert not list(cache_root().glob("ctranslate2/*"))


def test_the_test_hub_speaks_the_hub_clients_protocol_and_cache_copies_delete(
    hub, tiny_t5, tmp_path, monkeypatch
) -> None:
    """huggingface_hub's own snapshot_download fetches from the test hub (so its routes and
    headers are the hub's); a model in the Hugging Face cache is listed, and deleted."""
    import huggingface_hub.constants as hub_constants
    import huggingface_hub.utils._cache_manager as hub_cache
    from huggingface_hub import snapshot_download

    # The cache folder is another setting fixed when the client is imported (HF_HUB_CACHE).
    for module in (hub_constants, hub_cache):
        monkeypatch.setattr(module, "HF_HUB_CACHE", str(tmp_path / "hf"))
    folder = snapshot_download(HUB_MODEL)
    _same_files(tiny_t5, Path(folder))
    assert {m.id: m.source for m in installed()}[HUB_MODEL] == "hf-cache"
    assert remove(HUB_MODEL) > 0
    assert HUB_MODEL not in {m.id for m in installed()}


def test_a_model_the_fast_runtime_cannot_convert_still_downloads_and_runs(hub) -> None:
    """LED (the catalogue's long-input family) has no CTranslate2 converter: the download says
    so and finishes, and backend auto runs it with torch instead of failing."""
    from summarizer.base import LoadOptions
    from summarizer.loading import EngineChoice, load

    events = []
    dl.download(HUB_LED, events.append)
    said = next(e.message for e in events if e.stage == "converted")
    assert "cannot convert" in said and "runs with PyTorch instead" in said
    engine = load(EngineChoice("abstractive", HUB_LED, "auto"), LoadOptions())
    assert engine.runtime == "torch"
