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
        self.gui_message = (
            f"{model} could not be downloaded: this computer cannot reach the model hub. "
            "Check the network connection and press Download again (it resumes where it "
            "stopped), or copy a model folder here from another computer and use "
            "the Add a folder… button."
        )
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


class DownloadFailed(SummarizerError):
    """A model download that stopped; ``gui_message`` says it the way the Models window acts."""

    kind = "download-failed"

    def __init__(self, what: str, cli_todo: str, gui_todo: str | None = None) -> None:
        super().__init__(f"{what} {cli_todo}")
        self.gui_message = f"{what} {gui_todo or cli_todo}"


class DiskFull(DownloadFailed):
    kind = "disk-full"
    code = "download-disk-full"  # the library's LibraryFull is "disk-full" too

    def __init__(self, model: str, needed: int, free: int, folder: str) -> None:
        what = f"{model} needs {megabytes(needed)} but only {megabytes(free)} is free in {folder}."
        super().__init__(
            what,
            "Free some space (`synopsis models delete ID` removes a model) and pull again.",
            "Free some space (Delete removes a model you no longer use) and press Download again.",
        )


class HashMismatch(DownloadFailed):
    kind = "hash-mismatch"

    def __init__(self, model: str, filename: str) -> None:
        super().__init__(
            f"{filename} of {model} arrived damaged (its hash differs from the one the hub "
            "publishes), so it was discarded.",
            "Pull again; if it happens again, a proxy or mirror is altering the download.",
            "Press Download again; if it happens again, a proxy or mirror is altering the "
            "download.",
        )


class NotSeq2Seq(DownloadFailed):
    kind = "not-seq2seq"

    def __init__(self, model: str, detail: str) -> None:
        super().__init__(
            f"{model} is not a seq2seq summarizer ({detail}); Synopsis needs an "
            "encoder-decoder model such as T5, BART, Pegasus or LED, so nothing was "
            "downloaded.",
            "Pick one from `synopsis models list`.",
            "Pick one from the list.",
        )


class DownloadCancelled(DownloadFailed):
    kind = "cancelled"
    code = "download-cancelled"  # Cancelled (a batch) is "cancelled" too

    def __init__(self, model: str) -> None:
        super().__init__(
            f"The download of {model} was cancelled; the part already fetched is kept.",
            "Pull again to resume it.",
            "Press Download again to resume it.",
        )


def megabytes(n: float) -> str:
    """Bytes as people read them: '242 MB', '2.3 GB'."""
    if n >= 1e9:
        return f"{n / 1e9:.1f} GB"
    if n >= 1e6:
        return f"{n / 1e6:.0f} MB"
    return f"{n / 1e3:.0f} kB"
