"""The contract every backend passes. Subclass with a ``backend`` fixture."""

from __future__ import annotations

from summarizer.base import Backend
from summarizer.registry import get

INPUTS = [
    "Synopsis reads PDF files and writes short summaries of them for busy readers.",
    "The library is a single file.",
    "A quarterly report covers revenue, costs, staff turnover and the risks ahead.",
]


class BackendContract:
    def test_is_registered_and_available(self, backend: Backend) -> None:
        assert get(backend.name) is type(backend)
        assert type(backend).unavailable_reason() is None

    def test_counts_tokens_per_text(self, backend: Backend) -> None:
        counts = backend.count_tokens(INPUTS)
        assert len(counts) == len(INPUTS)
        assert all(isinstance(n, int) and n > 0 for n in counts)
        assert counts[1] < counts[0]
        assert backend.count_tokens([]) == []

    def test_budget_is_positive(self, backend: Backend) -> None:
        assert backend.input_budget > 0

    def test_generates_one_string_per_input_in_order(self, backend: Backend) -> None:
        settings = backend.settings_for(12, num_beams=1)
        out = backend.generate(INPUTS, settings)
        assert len(out) == len(INPUTS) and all(isinstance(o, str) for o in out)
        reversed_out = backend.generate(INPUTS[::-1], settings)
        assert reversed_out[::-1] == out  # outputs follow their inputs, not their slots

    def test_generation_is_deterministic(self, backend: Backend) -> None:
        settings = backend.settings_for(12, num_beams=1)
        assert backend.generate(INPUTS[:1], settings) == backend.generate(INPUTS[:1], settings)

    def test_describe_names_backend_and_precision(self, backend: Backend) -> None:
        info = backend.describe()
        assert info["backend"] == backend.name
        assert info["precision"] == backend.precision

    def test_placement_is_known_before_loading(self, backend: Backend) -> None:
        # What `summarizer.loading.plan` names (for the summary key) is what loading gave.
        placed = type(backend).placement(backend.options)
        assert placed == (backend.device, backend.precision)
