"""Import a library without the optional packages it would import for features Synopsis never
uses (#23): NLTK's metrics pull SciPy and scikit-learn (`ingestion.nltk_import`), sqlite-utils
pulls pandas for one column type (about 1 s of every command that opens the library).

Each guards those imports (a missing package is fine), so while the library imports, a finder
refuses them to the library's own modules only: any other module (another thread, a library
checking what is installed) finds them as usual, then and afterwards. Where the library is
already imported, nothing changes.
"""

from __future__ import annotations

import importlib
import importlib.abc
import sys
import threading
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import Any


class RefusedTo(importlib.abc.MetaPathFinder):
    """Refuses ``optional``'s packages when the import statement runs in ``package``'s modules."""

    def __init__(self, package: str, optional: Iterable[str]) -> None:
        self.package, self.optional = package, frozenset(optional)

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: Any = None) -> None:
        if (
            fullname.partition(".")[0] in self.optional
            and _importer().partition(".")[0] == self.package
        ):
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None  # everyone else: the usual finders


def _importer() -> str:
    """The module whose code asked for the import: the first frame outside the import system."""
    frame = sys._getframe(2)
    while frame is not None:
        name = str(frame.f_globals.get("__name__", ""))
        if not (name.startswith("importlib") or frame.f_code.co_filename.startswith("<frozen")):
            return name
        frame = frame.f_back  # type: ignore[assignment]
    return ""


_LOCK = threading.Lock()


def import_refusing(package: str, optional: Iterable[str]) -> ModuleType:
    """``import package`` with ``optional``'s packages refused to it (see above)."""
    if package in sys.modules:
        return sys.modules[package]
    with _LOCK:
        finder = RefusedTo(package, optional)
        sys.meta_path.insert(0, finder)
        try:
            return importlib.import_module(package)
        finally:
            sys.meta_path.remove(finder)
