import pytest

from summarizer.base import LoadOptions, SummaryOptions
from summarizer.errors import (
    BackendUnavailable,
    ModelNotAvailable,
    SummarizerError,
    UnknownBackend,
)
from summarizer.loading import EngineChoice, describe, load, plan
from summarizer.models import list_local, pull, resolve
from summarizer.registry import get


def test_auto_falls_back_to_extractive_and_says_why(tmp_path) -> None:
    engine = load(EngineChoice("auto", "no-such-org/no-such-model"), LoadOptions())
    why = engine.fallback_reason or ""
    assert (engine.method, engine.runtime) == ("extractive", "")
    assert "synopsis models pull no-such-org/no-such-model" in why
    assert "extractive engine instead" in why


def test_abstractive_refuses_when_the_model_is_missing() -> None:
    with pytest.raises(ModelNotAvailable, match="models pull"):
        load(EngineChoice("abstractive", "no-such-org/no-such-model"), LoadOptions())


def test_abstractive_loads_a_local_folder(tiny_t5) -> None:
    engine = load(EngineChoice("abstractive", str(tiny_t5), "torch"), LoadOptions())
    assert (engine.method, engine.runtime, engine.fallback_reason) == ("abstractive", "torch", None)


def test_plan_names_what_load_gives_without_loading_a_model(tiny_t5, monkeypatch) -> None:
    from summarizer.backends.torch_backend import TorchBackend
    from summarizer.extractive import ExtractiveEngine

    choices = [
        EngineChoice("extractive"),
        EngineChoice("auto", "no-such-org/no-such-model"),  # falls back, saying why
        EngineChoice("abstractive", str(tiny_t5), "torch"),
        EngineChoice("auto", str(tiny_t5), "torch"),
    ]
    loaded = [load(choice, LoadOptions()) for choice in choices]

    def no_loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("plan loaded an engine")

    monkeypatch.setattr(TorchBackend, "__init__", no_loading)
    monkeypatch.setattr(ExtractiveEngine, "__init__", no_loading)
    for choice, engine in zip(choices, loaded, strict=True):
        spec = plan(choice, LoadOptions())
        assert spec == engine.spec
        for length in ("short", "long"):
            assert spec.key(SummaryOptions(length)) == engine.key(SummaryOptions(length))
    assert [e.method for e in loaded] == ["extractive", "extractive", "abstractive", "abstractive"]
    with pytest.raises(ModelNotAvailable):
        plan(EngineChoice("abstractive", "no-such-org/no-such-model"), LoadOptions())


def test_unavailable_backend_is_refused_with_reason(tiny_t5) -> None:
    with pytest.raises(BackendUnavailable, match="neuron"):
        load(EngineChoice("abstractive", str(tiny_t5), "neuron"), LoadOptions())


def test_unknown_backend_names_the_choices() -> None:
    with pytest.raises(UnknownBackend, match="ctranslate2, neuron, openvino, torch"):
        get("nope")


def test_describe_lists_every_backend_with_a_reason_or_none() -> None:
    rows = {r["name"]: r for r in describe()}
    assert {"extractive", "torch", "ctranslate2", "openvino", "neuron"} <= set(rows)
    assert rows["extractive"]["unavailable"] is None
    assert rows["torch"]["unavailable"] is None


def test_offline_resolution_and_pull_never_touch_the_network(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(ModelNotAvailable, match="offline mode allows only local files"):
        resolve("google-t5/t5-small", offline=True)
    with pytest.raises(SummarizerError, match="offline mode is on") as info:
        pull("google-t5/t5-small")
    assert "--model DIR" in info.value.user_message
    assert list_local() == []


def test_folder_without_config_is_not_a_model(tmp_path) -> None:
    with pytest.raises(ModelNotAvailable, match=r"no config\.json"):
        resolve(str(tmp_path))


def test_one_rule_gives_t5_models_their_task_prefix() -> None:
    from summarizer.base import task_prefix

    assert task_prefix("t5") == task_prefix("mt5") == "summarize: "
    assert task_prefix("bart") == task_prefix("pegasus") == ""
    assert task_prefix("", "google/flan-t5-base") == "summarize: "  # no config: the id
    assert task_prefix("", "facebook/bart-large-cnn") == ""
    assert task_prefix("bart", "someone/t5-named-bart") == ""  # the config wins
