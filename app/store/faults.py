"""What can go wrong with the library file itself, said in words a person can act on (#21).

    LibraryError          "library"    the library cannot be used as asked
    ├── LibraryFull       "disk-full"  the disk holding it is full
    ├── LibraryReadOnly   "read-only"  read-only file or media: reads work, writes cannot
    └── LibraryDamaged    "damaged"    SQLite reports corruption: check, recover or restore

`Connection` is the sqlite3 connection every `Store` uses: it turns SQLite's full, read-only
and corruption errors into these classes where they happen (keeping the cause), and makes
every string it writes encodable (a lone surrogate from a PDF or a non-UTF-8 file name
becomes U+FFFD instead of a UnicodeEncodeError).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from app.text import safe_text
from ingestion.errors import AppError

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


def _named(path: str | Path) -> str:
    return f" {path}" if str(path) else ""


class LibraryError(AppError):
    kind = "library"


class LibraryFull(LibraryError):
    kind = "disk-full"

    def __init__(self, path: str | Path = "") -> None:
        super().__init__(
            f"The disk holding the library{_named(path)} is full; free some space there (or "
            "move the library elsewhere and point --db at it) and run the command again: what "
            "was saved is kept and a rerun resumes the rest."
        )


class LibraryReadOnly(LibraryError):
    kind = "read-only"

    def __init__(self, path: str | Path = "", detail: str = "its file or disk is read-only"):
        super().__init__(
            f"The library{_named(path)} is read-only ({detail}): it can be read and searched "
            "but not changed. To add to it, make it writable or copy it to a writable folder "
            "and use --db."
        )


class LibraryDamaged(LibraryError):
    kind = "damaged"

    def __init__(self, path: str | Path = "", detail: str = "SQLite reports corruption") -> None:
        super().__init__(
            f"The library{_named(path)} is damaged ({detail}). Run `synopsis library recover` to "
            "rebuild it from everything still readable (PDFs still on disk are read again), "
            "or `synopsis library restore` to go back to a backup."
        )


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def translate(exc: BaseException, path: str | Path) -> LibraryError | None:
    """The categorized library error for a SQLite error, or None when it is none of them."""
    if isinstance(exc, LibraryError):
        return exc
    if not isinstance(exc, sqlite3.Error):
        return None
    code = _primary_code(exc)
    text = str(exc).lower()
    if code == SQLITE_FULL or "disk is full" in text:
        return LibraryFull(path)
    if code == SQLITE_READONLY or "readonly database" in text:
        return LibraryReadOnly(path, "SQLite reports: " + str(exc))
    if (
        code in (SQLITE_CORRUPT, SQLITE_NOTADB)
        or "disk image is malformed" in text
        or ("not a database" in text)
    ):
        return LibraryDamaged(path, str(exc))
    return None


def _clean(params: Any) -> Any:
    if isinstance(params, str):
        return safe_text(params)
    if isinstance(params, Mapping):
        return {k: _clean(v) for k, v in params.items()}
    if isinstance(params, list | tuple):
        return [_clean(v) for v in params]
    return params


def _raise_categorized(exc: sqlite3.Error, path: str | Path) -> None:
    err = translate(exc, path)
    if err is not None:
        raise err from exc


class Cursor(sqlite3.Cursor):
    """Rows read after the first one can meet damage too: those errors are categorized."""

    def _path(self) -> str | Path:
        return getattr(self.connection, "library_path", "")

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.Error as exc:
            _raise_categorized(exc, self._path())
            raise

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.Error as exc:
            _raise_categorized(exc, self._path())
            raise

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        try:
            return super().fetchmany(size if size is not None else self.arraysize)
        except sqlite3.Error as exc:
            _raise_categorized(exc, self._path())
            raise

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.Error as exc:
            _raise_categorized(exc, self._path())
            raise


class Connection(sqlite3.Connection):
    """sqlite3's connection with categorized errors and encodable text (see the module doc)."""

    library_path: str | Path = ""

    def cursor(self, factory: Any = Cursor) -> Any:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        cursor: sqlite3.Cursor = self.cursor()  # sqlite3's own execute() would bypass it
        try:
            return cursor.execute(safe_text(sql), _clean(parameters))
        except sqlite3.Error as exc:
            _raise_categorized(exc, self.library_path)
            raise

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        cursor: sqlite3.Cursor = self.cursor()
        try:
            return cursor.executemany(safe_text(sql), (_clean(p) for p in parameters))
        except sqlite3.Error as exc:
            _raise_categorized(exc, self.library_path)
            raise
