"""OpenVINO through optimum-intel: exported once (cached per revision and precision).

fp32 (explicit f32 inference, so greedy output matches torch) by default; "int8" compresses the
weights to 8 bits; on CPUs with AMX the bf16 inference hint is used (precision "bf16", or
"auto" there).
"""

from __future__ import annotations

import importlib.util
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from summarizer.backends.cache import convert_once, converted_dir
from summarizer.backends.hf_common import HFBackend, hf_generate
from summarizer.base import GenerationSettings, LoadOptions
from summarizer.errors import BackendUnavailable
from summarizer.hardware import has_fast_bf16


def without_telemetry() -> None:
    """Keep OpenVINO from sending usage events (no network at run time, #23).

    Importing ``openvino`` imports its converter, which sends events to Google Analytics unless
    a consent file (``~/intel/openvino_telemetry``, written by ``opt_in_out --opt_out``) says no.
    Each sender (openvino.tools.ovc, nncf) falls back to a silent stub when
    ``openvino_telemetry`` cannot be imported, so this process makes it unimportable: the user
    is not asked, and their consent file is neither read nor written. Done before ``openvino``
    is first imported (here, on importing this module)."""
    if "openvino_telemetry" not in sys.modules:
        sys.modules["openvino_telemetry"] = None  # type: ignore[assignment]


without_telemetry()


class OpenVINOBackend(HFBackend):
    name = "openvino"

    @classmethod
    def unavailable_reason(cls) -> str | None:
        for pkg, extra in (
            ("openvino", "openvino"),
            ("optimum", "openvino"),
            ("transformers", "torch"),
        ):
            if importlib.util.find_spec(pkg) is None:
                return f"{pkg} is not installed; install the `{extra}` extra."
        if importlib.util.find_spec("optimum.intel") is None:
            return "optimum-intel is not installed; install the `openvino` extra."
        return None

    @classmethod
    def placement(cls, options: LoadOptions) -> tuple[str, str]:
        if options.device == "cuda":
            raise BackendUnavailable(
                cls.name, "OpenVINO runs on the CPU here; use torch or ctranslate2 for CUDA."
            )
        wanted = options.precision
        if wanted not in ("auto", "fp32", "int8", "bf16"):
            raise BackendUnavailable(
                cls.name, f"precision {wanted} is not offered (use fp32, int8 or bf16)."
            )
        return "cpu", ("bf16" if has_fast_bf16() else "fp32") if wanted == "auto" else wanted

    def __init__(self, model: str, options: LoadOptions, path: str | Path | None = None) -> None:
        super().__init__(model, options, path)
        self._device, self._precision = self.placement(options)
        import logging

        without_telemetry()
        from optimum.intel import OVModelForSeq2SeqLM

        # optimum logs hub look-ups that cannot apply to a local folder; nothing to act on.
        logging.getLogger("optimum").setLevel(logging.ERROR)

        weights = "int8" if self._precision == "int8" else "fp32"
        hint = "bf16" if self._precision == "bf16" else "f32"
        folder = self._exported(OVModelForSeq2SeqLM, weights)
        self.model = OVModelForSeq2SeqLM.from_pretrained(
            str(folder),
            ov_config={"INFERENCE_PRECISION_HINT": hint, "CACHE_DIR": ""},
            compile=True,
            local_files_only=True,
            export=False,
        )

    def _exported(self, cls: type, weights: str) -> Path:
        target = converted_dir(self.name, self.path, weights)

        def write(folder: Path) -> None:
            kwargs = {}
            if weights == "int8":
                from optimum.intel import OVWeightQuantizationConfig

                kwargs["quantization_config"] = OVWeightQuantizationConfig(bits=8)
            else:
                kwargs["load_in_8bit"] = False  # keep fp32 weights even for larger models
            # Tracing emits TracerWarnings by design; they say nothing a user can act on.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exported = cls.from_pretrained(  # type: ignore[attr-defined]
                    self.path, export=True, compile=False, local_files_only=True, **kwargs
                )
            exported.save_pretrained(folder)
            self.tokenizer.save_pretrained(folder)

        # The encoder's graph is written last of the files that make a whole export.
        return convert_once(target, "openvino_encoder_model.xml", write)

    def generate(self, batch: Sequence[str], settings: GenerationSettings) -> list[str]:
        return hf_generate(self.model, self.tokenizer, self.with_prefix(batch), settings, None)
