"""A tiny T5 built on the spot: random weights, a tokenizer trained on the fly.

Tests and benchmarks use it so every backend's real load/convert/generate path runs without
downloading weights. Its output text is meaningless; its machinery is real.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SPECIAL = ["<pad>", "</s>", "<unk>"]

_TEXT = """Synopsis reads PDF files and writes summaries of them. Every summary keeps the pages it
came from. The library is a single SQLite file and can be searched. Researchers, analysts,
lawyers and students use it to read piles of documents quickly. The model is small and fast.
A report covers revenue, costs, staff, risks and plans for the next quarter of the year."""


def build_tiny_t5(
    folder: str | Path,
    *,
    corpus: Iterable[str] = (),
    vocab_size: int = 400,
    d_model: int = 32,
    layers: int = 2,
    heads: int = 4,
    d_ff: int = 64,
    max_input: int = 128,
    seed: int = 0,
) -> Path:
    """Save a T5ForConditionalGeneration + T5TokenizerFast to ``folder`` and return it.

    Pass t5-small-like sizes (d_model=512, layers=6, heads=8, d_ff=2048, vocab_size=32128)
    for a speed benchmark with real shapes.
    """
    import torch
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
    from transformers import T5Config, T5ForConditionalGeneration, T5TokenizerFast

    folder = Path(folder)
    tok = Tokenizer(models.Unigram())
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    trainer = trainers.UnigramTrainer(
        vocab_size=vocab_size, special_tokens=SPECIAL, unk_token="<unk>", show_progress=False
    )
    lines = [*list(corpus), *(_TEXT.split("\n") * 4)]
    tok.train_from_iterator(lines, trainer=trainer)
    hf_tok = T5TokenizerFast(
        tokenizer_object=tok,
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        extra_ids=0,
        model_max_length=max_input,
    )
    from tokenizers import processors

    eos = tok.token_to_id("</s>")
    hf_tok.backend_tokenizer.post_processor = processors.TemplateProcessing(
        single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", eos)]
    )
    config = T5Config(
        vocab_size=max(vocab_size, tok.get_vocab_size()),
        d_model=d_model,
        d_kv=d_model // heads,
        d_ff=d_ff,
        num_layers=layers,
        num_decoder_layers=layers,
        num_heads=heads,
        pad_token_id=tok.token_to_id("<pad>"),
        eos_token_id=eos,
        decoder_start_token_id=tok.token_to_id("<pad>"),
        task_specific_params={
            "summarization": {
                "prefix": "summarize: ",
                "num_beams": 4,
                "length_penalty": 2.0,
                "no_repeat_ngram_size": 3,
                "min_length": 4,
                "max_length": 64,
                "early_stopping": True,
            }
        },
    )
    torch.manual_seed(seed)
    model = T5ForConditionalGeneration(config).eval()
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    hf_tok.save_pretrained(folder)
    return folder
