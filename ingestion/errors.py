"""One error tree for everything a user can be told about.

    AppError                      what happened + what to do (``user_message``)
    ├── PdfError                  a PDF could not be read (``kind`` is stable, for JSON/DB)
    │   ├── EncryptedPdf          "encrypted"  no or wrong password
    │   ├── NoTextLayer           "no-text"    scanned / image-only, needs OCR
    │   ├── MalformedPdf          "malformed"  structurally broken, parser failed
    │   ├── PdfTooLarge           "too-large"  over the size, page or memory bound
    │   ├── ExtractionTimeout     "timeout"    parser ran past the per-file limit
    │   ├── WorkerKilled          "killed"     the reader was killed by a signal, twice
    │   └── NotAPdf               "not-pdf"    not a PDF at all
    └── (summarizer.errors, app errors subclass AppError too)

Foreign exceptions are translated where they enter, keeping the cause
(``raise MalformedPdf(path, str(exc)) from exc``), so nobody ever sees a raw traceback.

Across a process boundary (the extraction worker, Ray actors) an error travels as its wire
form, ``(code, user_message, attributes)``: ``code`` is a stable name unique to its class
(its ``kind`` unless two classes share one; its full name where it sets neither), and
`from_wire` rebuilds the real class. Pickling
an `AppError` goes through the same pair, so a pickled error is rebuilt the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

Wire = tuple[str, str, dict[str, Any]]
BY_CODE: dict[str, type[AppError]] = {}  # every AppError class by its code


class AppError(Exception):
    """An error with a message a person can act on."""

    kind = "error"
    code: ClassVar[str] = "error"  # stable and unique per class; defaults to ``kind``

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # A class naming neither is known by its full name (stable while it is not moved).
        code = cls.__dict__.get("code") or cls.__dict__.get("kind") or _qualified(cls)
        taken = BY_CODE.get(code)
        if taken is not None and _qualified(taken) != _qualified(cls):
            raise TypeError(f"{cls.__qualname__} needs a code of its own ({code!r}); set ``code``.")
        cls.code = code
        BY_CODE[code] = cls  # a module imported again replaces its own classes

    def to_wire(self) -> Wire:
        """The error as plain values: its class's code, its message, its other attributes."""
        extra = {k: v for k, v in vars(self).items() if k != "user_message"}
        return (self.code, self.user_message, extra)

    def __reduce__(self) -> tuple[object, ...]:
        return (from_wire, (self.to_wire(),))


BY_CODE[AppError.code] = AppError


def _qualified(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def from_wire(wire: Wire) -> AppError:
    """The error `AppError.to_wire` described, of its real class (the class's module must be
    imported here; an unknown code gives a plain `AppError` of that kind)."""
    code, message, extra = wire
    cls = BY_CODE.get(code, AppError)
    err = cls.__new__(cls)
    AppError.__init__(err, message)
    if cls is AppError and code != AppError.code:
        err.kind = code
    vars(err).update(extra)
    return err


class PdfError(AppError):
    """A PDF could not be turned into text."""

    kind = "pdf-error"


def _name(path: str | Path) -> str:
    return Path(path).name


class EncryptedPdf(PdfError):
    kind = "encrypted"

    def __init__(self, path: str | Path, wrong_password: bool = False) -> None:
        if wrong_password:
            msg = (
                f"{_name(path)} is encrypted and the password given is wrong; "
                "try again with the right password (--password)."
            )
        else:
            msg = (
                f"{_name(path)} is encrypted and needs a password; give it with --password, "
                "or save an unlocked copy and try again."
            )
        super().__init__(msg)


class NoTextLayer(PdfError):
    kind = "no-text"

    def __init__(self, path: str | Path, pages: int, advice: str = "") -> None:
        """``advice`` says what to do, given why OCR gave no text (off, missing, found none)."""
        advice = advice or "run OCR on it first (e.g. `ocrmypdf in.pdf out.pdf`) and add the result"
        super().__init__(
            f"{_name(path)} has no text layer on any of its {pages} page(s) (it looks scanned "
            f"or image-only); {advice}."
        )


class MalformedPdf(PdfError):
    kind = "malformed"

    def __init__(self, path: str | Path, detail: str) -> None:
        super().__init__(
            f"{_name(path)} is damaged and could not be read ({detail}); "
            "re-download or re-export it, or repair it (e.g. `qpdf in.pdf out.pdf`)."
        )


def setting_advice(setting: str) -> str:
    """How a user changes one limit: every limit is a setting (#22)."""
    return (
        f"raise the {setting} setting (the desktop app's Settings, `{setting} = ...` in "
        f"settings.toml, or SYNOPSIS_{setting.upper()})"
    )


class PdfTooLarge(PdfError):
    kind = "too-large"

    def __init__(self, path: str | Path, detail: str, setting: str) -> None:
        """``setting`` names the limit that was met (max_pages, max_file_mb, memory_mb)."""
        super().__init__(
            f"{_name(path)} is too large to process ({detail}); split it into smaller files "
            f"or {setting_advice(setting)}."
        )


# A file that exhausts this many times its own size in memory is not large but broken: an
# absurd page size or stream length, or a file built to exhaust memory (#22).
BROKEN_MEMORY_RATIO = 1024


def out_of_memory(path: str | Path, memory_mb: int) -> PdfError:
    """The error for a parse that ran out of its ``memory_mb`` bound: broken when the file is
    tiny beside the bound, too large otherwise."""
    try:
        size = Path(path).stat().st_size
    except OSError:
        size = 0
    if size * BROKEN_MEMORY_RATIO < memory_mb * 1024 * 1024:
        return MalformedPdf(
            path,
            f"its {size:,} bytes asked for more than {memory_mb} MB of memory: a damaged page "
            "size or stream, or a file built to exhaust memory",
        )
    return PdfTooLarge(path, f"it needed more than {memory_mb} MB of memory", "memory_mb")


class ExtractionTimeout(PdfError):
    kind = "timeout"

    def __init__(self, path: str | Path, seconds: float) -> None:
        super().__init__(
            f"Reading {_name(path)} took longer than {seconds:g} s and was stopped; the file may "
            f"be damaged or unusually complex. Repair it (e.g. `qpdf in.pdf out.pdf`) or "
            f"{setting_advice('timeout_s')}."
        )


class NotAPdf(PdfError):
    kind = "not-pdf"

    def __init__(self, path: str | Path) -> None:
        super().__init__(
            f"{_name(path)} is not a PDF (no %PDF header); check the file or convert it to PDF."
        )


class WorkerKilled(PdfError):
    """The extraction worker was killed by a signal (the user, the OOM killer), not by its
    memory bound; the file itself may be fine (#21)."""

    kind = "killed"

    def __init__(self, path: str | Path, signal_name: str, retried: bool = True) -> None:
        again = " twice (it was tried again once)" if retried else ""
        super().__init__(
            f"Reading {_name(path)} was stopped: the extraction worker was killed by "
            f"{signal_name}{again}, by someone or by the system when memory ran short, not "
            "because of the file; try again with `synopsis retry` when fewer programs are "
            "running."
        )
