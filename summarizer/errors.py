"""Summarizer errors; all are `AppError`s with a message naming the fix (see ingestion.errors)."""

from __future__ import annotations

from ingestion.errors import AppError


class SummarizerError(AppError):
    kind = "summarizer"


class UnknownBackend(SummarizerError):
    kind = "unknown-backend"

    def __init__(self, name: str, choices: list[str]) -> None:
        super().__init__(f"Unknown backend {name!r}; choose one of: {', '.join(choices)}.")


class BackendUnavailable(SummarizerError):
    kind = "backend-unavailable"

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"The {name} backend is not available here: {reason}")
        self.reason = reason


class ModelNotAvailable(SummarizerError):
    kind = "model-unavailable"

    def __init__(self, model: str, offline: bool, detail: str = "") -> None:
        where = "offline mode allows only local files" if offline else "it is not downloaded"
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"Model {model!r} is not available: {where}{extra}. Download it with "
            f"`synopsis models pull {model}` (needs a network), or pass a local folder "
            "with --model (in the desktop app: File → Settings → Model)."
        )


class NetworkUnreachable(SummarizerError):
    kind = "network-unreachable"

    def __init__(self, model: str) -> None:
        super().__init__(
            f"Model {model!r} could not be downloaded: the network is unreachable from this "
            "computer. On a computer with a network, download the model folder (it holds "
            "config.json and the weights), copy it here, and pass it with --model DIR (or set "
            "it as the model in Settings). Until then the built-in extractive engine is used."
        )


class NothingToSummarize(SummarizerError):
    kind = "empty"

    def __init__(self, what: str = "The document") -> None:
        super().__init__(f"{what} has no sentences to summarize; check that it contains text.")


class GenerationFailed(SummarizerError):
    kind = "generation-failed"

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"The model failed to summarize this document ({detail}); try again, or use "
            "--engine extractive."
        )


class Cancelled(SummarizerError):
    kind = "cancelled"

    def __init__(self) -> None:
        super().__init__("Cancelled; finished documents are saved and a rerun resumes.")
