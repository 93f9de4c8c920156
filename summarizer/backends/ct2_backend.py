"""CTranslate2: the model converted once (cached per revision and compute type), then run by
a C++ runtime. int8 by default on CPU (the fastest runtime measured here: 2.4x PyTorch greedy,
6.9x with beam search); float16/bfloat16 on CUDA; float32 gives torch's exact greedy output.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from summarizer.backends.cache import convert_once, converted_dir
from summarizer.backends.hf_common import HFBackend
from summarizer.base import GenerationSettings, LoadOptions
from summarizer.errors import BackendUnavailable

COMPUTE = {"fp32": "float32", "int8": "int8", "fp16": "float16", "bf16": "bfloat16"}


class CTranslate2Backend(HFBackend):
    name = "ctranslate2"

    @classmethod
    def unavailable_reason(cls) -> str | None:
        if importlib.util.find_spec("ctranslate2") is None:
            return "ctranslate2 is not installed; install the `ctranslate2` extra."
        if importlib.util.find_spec("transformers") is None:
            return "transformers is not installed; install the `torch` extra."
        return None

    def __init__(self, model: str, options: LoadOptions, path: str | Path | None = None) -> None:
        super().__init__(model, options, path)
        import ctranslate2

        self._device, self._precision = self.placement(options)
        folder = self._converted()
        # On a CPU, one replica per core with one thread each, a batch split among them
        # (bench/profile_ct2.py: 2.5x the throughput of one replica using every core, same
        # tokens); on a GPU, one replica.
        self._replicas = 1 if self._device == "cuda" else (os.cpu_count() or 1)
        self.translator = ctranslate2.Translator(
            str(folder),
            device=self._device,
            compute_type=COMPUTE[self._precision],
            inter_threads=self._replicas,
            intra_threads=0 if self._device == "cuda" else 1,
        )

    @classmethod
    def placement(cls, options: LoadOptions) -> tuple[str, str]:
        import ctranslate2

        cuda = ctranslate2.get_cuda_device_count() > 0
        if options.device == "cuda" and not cuda:
            raise BackendUnavailable(cls.name, "no CUDA GPU is visible to CTranslate2.")
        device = "cuda" if cuda and options.device in ("auto", "cuda") else "cpu"
        wanted = options.precision
        supported = ctranslate2.get_supported_compute_types(device)
        if wanted != "auto":
            if COMPUTE.get(wanted) not in supported:
                raise BackendUnavailable(
                    cls.name,
                    f"{wanted} is not supported on {device} here "
                    f"(supported: {', '.join(sorted(supported))}).",
                )
            return device, wanted
        if device == "cuda":
            return device, "bf16" if "bfloat16" in supported else "fp16"
        return device, "int8" if "int8" in supported else "fp32"

    def _converted(self) -> Path:
        try:
            return convert_model(self.path, self._precision)
        except (NotImplementedError, ValueError, KeyError) as exc:  # an architecture it lacks
            model_type = getattr(self.config, "model_type", "this")
            raise BackendUnavailable(
                self.name, f"it cannot convert {model_type} models ({exc}); use --backend torch."
            ) from exc

    def generate(self, batch: Sequence[str], settings: GenerationSettings) -> list[str]:
        tok = self.tokenizer
        ids = tok(self.with_prefix(batch), truncation=False, verbose=False)["input_ids"]
        source = [tok.convert_ids_to_tokens(x) for x in ids]
        results = self.translator.translate_batch(
            source,
            beam_size=settings.num_beams,
            max_decoding_length=settings.max_new_tokens,
            min_decoding_length=settings.min_new_tokens,
            length_penalty=settings.length_penalty,
            no_repeat_ngram_size=settings.no_repeat_ngram_size,
            max_batch_size=-(-len(source) // self._replicas),  # the engine caps len(source)
        )
        out = []
        for result in results:
            tokens = result.hypotheses[0]
            out.append(tok.decode(tok.convert_tokens_to_ids(tokens), skip_special_tokens=True))
        return out


STEPS = ("reading the weights", "quantizing to {}", "writing the converted model")


def convert_model(
    path: str | Path, precision: str, on_step: Callable[[int, int, str], None] | None = None
) -> Path:
    """The model at ``path`` converted at ``precision`` (int8, fp32, …), converting it once;
    later runs (and other processes) reuse the folder. The Models window runs this right
    after a download, so the first summary does not wait for it; ``on_step(n, of, what)``
    hears each of the converter's three steps."""
    target = converted_dir(CTranslate2Backend.name, path, precision)
    step = on_step or (lambda _n, _of, _what: None)

    def write(folder: Path) -> None:
        import ctranslate2

        converter = ctranslate2.converters.TransformersConverter(str(path))
        quantization = COMPUTE[precision]  # weights stored at the compute type
        load = getattr(converter, "_load", None)
        if load is None:  # a converter without its steps: one call, no steps to show
            converter.convert(str(folder), quantization=quantization, force=True)
            return
        # Converter.convert's own three steps, done here one by one so each can be shown.
        step(1, 3, STEPS[0])
        spec = load()
        if spec is None:
            raise NotImplementedError("CTranslate2 cannot convert this model")
        spec.validate()
        step(2, 3, STEPS[1].format(quantization))
        spec.optimize(quantization=quantization)
        step(3, 3, STEPS[2])
        folder.mkdir(parents=True, exist_ok=True)
        spec.save(str(folder))

    return convert_once(target, "model.bin", write)
