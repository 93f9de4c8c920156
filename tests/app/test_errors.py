"""Errors crossing a process boundary (#23): each class has a stable code, and its wire form
(code, message, attributes) rebuilds the real class, here and in another process."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from app.discover import MissingPaths
from app.ray_batch import RayUnavailable
from app.store.faults import LibraryDamaged, LibraryError, LibraryFull, LibraryReadOnly
from app.store.library import NoLibrary
from app.store.manage import InvalidCorrection, UnknownDocuments
from app.store.search import InvalidQuery, NoWords
from ingestion import errors
from ingestion.errors import (
    AppError,
    EncryptedPdf,
    ExtractionTimeout,
    MalformedPdf,
    NotAPdf,
    NoTextLayer,
    PdfError,
    PdfTooLarge,
    WorkerKilled,
    from_wire,
)
from summarizer.errors import (
    BackendUnavailable,
    Cancelled,
    DiskFull,
    DownloadCancelled,
    DownloadFailed,
    GenerationFailed,
    HashMismatch,
    ModelNotAvailable,
    NetworkUnreachable,
    NothingToSummarize,
    NotSeq2Seq,
    SummarizerError,
    UnknownBackend,
)
from summarizer.evaluate import BadPairs

EXAMPLES: list[AppError] = [
    AppError("Something happened; do this."),
    PdfError("a.pdf could not be read."),
    EncryptedPdf("a.pdf", wrong_password=True),
    NoTextLayer("a.pdf", 3),
    MalformedPdf("a.pdf", "no xref table"),
    PdfTooLarge("a.pdf", "20000 pages", "max_pages"),
    ExtractionTimeout("a.pdf", 5),
    NotAPdf("a.pdf"),
    WorkerKilled("a.pdf", "SIGKILL"),
    SummarizerError("The summarizer failed."),
    UnknownBackend("tpu", ["torch", "ctranslate2"]),
    BackendUnavailable("torch", "torch is not installed."),
    ModelNotAvailable("t5-small", offline=True, detail="no such folder"),
    NetworkUnreachable("t5-small"),
    NothingToSummarize(),
    GenerationFailed("out of memory"),
    Cancelled(),
    DownloadFailed("The download stopped.", "Pull again.", "Press Download again."),
    DiskFull("t5-small", 300_000_000, 1_000_000, "/models"),
    HashMismatch("t5-small", "model.safetensors"),
    NotSeq2Seq("gpt2", "model_type gpt2"),
    DownloadCancelled("t5-small"),
    BadPairs(Path("pairs.jsonl"), 7, 'no "id"'),
    MissingPaths(["nowhere.pdf"]),
    InvalidQuery("a AND", "syntax error"),
    NoWords("!!!"),
    LibraryError("The library failed."),
    LibraryFull("/data/library.sqlite"),
    LibraryReadOnly("/data/library.sqlite"),
    LibraryDamaged("/data/library.sqlite"),
    UnknownDocuments([4, 5]),
    InvalidCorrection("A date must look like 2024-05-01."),
    NoLibrary(Path("/data/library.sqlite")),
    RayUnavailable("Ray is not installed."),
]


def _same(a: AppError, b: AppError) -> None:
    assert type(b) is type(a)
    assert (b.kind, b.code, b.user_message, str(b)) == (a.kind, a.code, a.user_message, str(a))
    assert vars(b) == vars(a)


def test_every_error_class_has_a_code_of_its_own_and_an_example_here() -> None:
    codes = [cls.code for cls in errors.BY_CODE.values()]
    assert len(codes) == len(set(codes))
    assert {type(e) for e in EXAMPLES} == set(errors.BY_CODE.values())


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: type(e).__name__)
def test_an_error_round_trips_by_its_wire_form_and_by_pickle(error: AppError) -> None:
    _same(error, from_wire(error.to_wire()))
    _same(error, pickle.loads(pickle.dumps(error)))


def test_errors_cross_a_real_process_boundary_as_their_own_classes() -> None:
    # The other process rebuilds each error from its code and sends it back pickled again.
    script = (
        "import pickle, sys\n"
        "import app.discover, app.ray_batch, app.store, app.store.manage, summarizer.evaluate\n"
        "errors = pickle.loads(sys.stdin.buffer.read())\n"
        "assert all(type(e).__name__ != 'AppError' or e.code == 'error' for e in errors)\n"
        "sys.stdout.buffer.write(pickle.dumps(errors))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], input=pickle.dumps(EXAMPLES), capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    back = pickle.loads(done.stdout)
    for sent, received in zip(EXAMPLES, back, strict=True):
        _same(sent, received)


def test_a_class_taking_another_class_s_code_is_refused() -> None:
    with pytest.raises(TypeError, match="code of its own"):

        class Again(AppError):
            kind = "encrypted"  # EncryptedPdf's

    assert errors.BY_CODE["encrypted"] is EncryptedPdf
    assert NoWords.kind == InvalidQuery.kind and NoWords.code != InvalidQuery.code


def test_an_unknown_code_gives_a_plain_error_of_that_kind() -> None:
    err = from_wire(("from-a-newer-version", "Something new happened.", {}))
    assert type(err) is AppError and err.kind == "from-a-newer-version"
    assert err.user_message == "Something new happened."
