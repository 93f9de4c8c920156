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
"""

from __future__ import annotations

from pathlib import Path


class AppError(Exception):
    """An error with a message a person can act on."""

    kind = "error"

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message

    def __reduce__(self) -> tuple[object, ...]:
        # Survives pickling across the extraction worker's pipe with its exact class.
        return (_rebuild, (type(self), self.user_message))


def _rebuild(cls: type[AppError], message: str) -> AppError:
    err = cls.__new__(cls)
    AppError.__init__(err, message)
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


class PdfTooLarge(PdfError):
    kind = "too-large"

    def __init__(self, path: str | Path, detail: str) -> None:
        super().__init__(
            f"{_name(path)} is too large to process ({detail}); split it into smaller files "
            "or raise the limit in the settings."
        )


class ExtractionTimeout(PdfError):
    kind = "timeout"

    def __init__(self, path: str | Path, seconds: float) -> None:
        super().__init__(
            f"Reading {_name(path)} took longer than {seconds:g} s and was stopped; the file may "
            "be damaged or unusually complex. Raise the time limit or repair the file."
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
