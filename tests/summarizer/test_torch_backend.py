import pytest

from summarizer.backends.torch_backend import TorchBackend
from summarizer.base import LoadOptions
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
    backend = TorchBackend("tiny", LoadOptions(), tiny_t5)
    s = backend.settings_for(32)
    assert (s.num_beams, s.length_penalty, s.no_repeat_ngram_size) == (4, 2.0, 3)
    assert backend.settings_for(32, num_beams=2).num_beams == 2  # the user's choice wins


def test_precision_is_fp32_unless_cpu_has_fast_bf16(torch_backend) -> None:
    assert torch_backend.device == "cpu"
    assert torch_backend.precision == ("bf16" if has_fast_bf16() else "fp32")


def test_beam_search_runs(torch_backend) -> None:
    from summarizer.base import GenerationSettings

    out = torch_backend.generate(["Synopsis reads PDF files."], GenerationSettings(8, num_beams=3))
    assert len(out) == 1


@pytest.mark.parametrize("family", ["bart", "pegasus"])
def test_other_seq2seq_families_run_without_the_t5_prefix(family, tiny_t5, tmp_path) -> None:
    import shutil

    import torch
    from transformers import (
        BartConfig,
        BartForConditionalGeneration,
        PegasusConfig,
        PegasusForConditionalGeneration,
    )

    folder = tmp_path / family
    folder.mkdir()
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copy(tiny_t5 / name, folder / name)
    sizes = dict(
        vocab_size=400,
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=96,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
    )
    cls, config = {
        "bart": (BartForConditionalGeneration, BartConfig(bos_token_id=1, **sizes)),
        "pegasus": (PegasusForConditionalGeneration, PegasusConfig(**sizes)),
    }[family]
    torch.manual_seed(0)
    cls(config).save_pretrained(folder)
    backend = TorchBackend(family, LoadOptions(), folder)
    assert backend.prefix == ""
    assert backend.input_budget == 96  # the model's position limit, below the tokenizer's 128
    out = backend.generate(
        ["Synopsis reads PDF files and writes summaries."], backend.settings_for(8)
    )
    assert len(out) == 1 and isinstance(out[0], str)
