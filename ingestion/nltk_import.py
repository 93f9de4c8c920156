"""NLTK without the scientific stack it imports for features Synopsis never uses (#23).

`import nltk` runs the package's ``__init__``, which imports its metrics, classifiers and
collocations, and those import SciPy and scikit-learn wherever they are installed (the
`embeddings` and `eval` extras bring them): about 2 s of every command that splits sentences,
against 0.4 s without them. NLTK treats both as optional (each import is guarded), so while
NLTK imports, a finder refuses them to NLTK's own modules only: any other module (another
thread, a library checking what is installed) finds them as usual, then and afterwards. The
Punkt tokenizer and the Porter stemmer, all Synopsis reads from NLTK, use neither. Where NLTK is
already imported, or SciPy is, nothing changes.
"""

from __future__ import annotations

import functools
import importlib
import importlib.abc
import sys
import threading
from collections.abc import Sequence
from types import ModuleType
from typing import Any

OPTIONAL = frozenset({"scipy", "sklearn", "matplotlib", "pandas"})  # NLTK's guarded imports


class _RefusedToNltk(importlib.abc.MetaPathFinder):
    """Refuses OPTIONAL's packages when the import statement runs in one of NLTK's modules."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: Any = None) -> None:
        if fullname.partition(".")[0] in OPTIONAL and _importer().partition(".")[0] == "nltk":
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


@functools.cache
def _nltk() -> ModuleType:
    with _LOCK:
        finder = _RefusedToNltk()
        sys.meta_path.insert(0, finder)
        try:
            return importlib.import_module("nltk")
        finally:
            sys.meta_path.remove(finder)


def nltk_module(name: str) -> ModuleType:
    """NLTK's submodule ``name`` ("nltk.tokenize.punkt"), NLTK imported as above."""
    _nltk()
    return importlib.import_module(name)
