import pytest

from summarizer.backends.torch_backend import TorchBackend
from summarizer.base import Options
from summarizer.hardware import has_fast_bf16
from tests.summarizer.contract import BackendContract


class TestTorchContract(BackendContract):
    @pytest.fixture
    def backend(self, torch_backend):
        return torch_backend


def test_t5_gets_task_prefix_and_budget_from_tokenizer(torch_backend) -> None:
    assert torch_backend.prefix == "summarize: "
    assert torch_backend.input_budget == 128  # model_max_length saved with the tokenizer


def test_generation_defaults_come_from_model_config(tiny_t5) -> None:
    backend = TorchBackend("tiny", Options(), tiny_t5)
    s = backend.settings_for(32)
    assert (s.num_beams, s.length_penalty, s.no_repeat_ngram_size) == (4, 2.0, 3)
    assert TorchBackend("tiny", Options(num_beams=2), tiny_t5).settings_for(32).num_beams == 2


def test_precision_is_fp32_unless_cpu_has_fast_bf16(torch_backend) -> None:
    assert torch_backend.device == "cpu"
    assert torch_backend.precision == ("bf16" if has_fast_bf16() else "fp32")


def test_beam_search_runs(torch_backend) -> None:
    from summarizer.base import GenerationSettings

    out = torch_backend.generate(["Synopsis reads PDF files."], GenerationSettings(8, num_beams=3))
    assert len(out) == 1
