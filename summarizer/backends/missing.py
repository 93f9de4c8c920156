"""A stand-in class for a backend whose module cannot even be imported here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from summarizer.base import Backend, GenerationSettings, LoadOptions
from summarizer.errors import BackendUnavailable


def missing_backend(name: str, error: ImportError) -> type[Backend]:
    reason = f"its packages are not installed ({error}); install the `{name}` extra."

    class Missing(Backend):
        @classmethod
        def unavailable_reason(cls) -> str | None:
            return reason

        def __init__(
            self, model: str, options: LoadOptions, path: str | Path | None = None
        ) -> None:
            raise BackendUnavailable(name, reason)

        @property
        def input_budget(self) -> int:  # pragma: no cover - never constructed
            return 0

        def count_tokens(self, texts: Sequence[str]) -> list[int]:  # pragma: no cover
            return []

        def generate(self, batch: Sequence[str], settings: GenerationSettings) -> list[str]:
            return []  # pragma: no cover

    Missing.name = name
    return Missing
