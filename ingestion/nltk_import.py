"""NLTK without the scientific stack it imports for features Synopsis never uses (#23).

`import nltk` runs the package's ``__init__``, which imports its metrics, classifiers and
collocations, and those import SciPy and scikit-learn wherever they are installed (the
`embeddings` and `eval` extras bring them): about 2 s of every command that splits sentences,
against 0.4 s without them. NLTK treats both as optional (each import is guarded), so they are
hidden while NLTK imports and visible again right after; the Punkt tokenizer and the Porter
stemmer, all Synopsis reads from NLTK, use neither. Where NLTK or SciPy is already imported,
nothing changes.
"""

from __future__ import annotations

import functools
import importlib
import sys
from types import ModuleType

OPTIONAL = ("scipy", "sklearn", "matplotlib", "pandas")  # NLTK's guarded heavy imports


@functools.cache
def _nltk() -> ModuleType:
    hidden = [name for name in OPTIONAL if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import name" raises ImportError
    try:
        return importlib.import_module("nltk")
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def nltk_module(name: str) -> ModuleType:
    """NLTK's submodule ``name`` ("nltk.tokenize.punkt"), NLTK imported as above."""
    _nltk()
    return importlib.import_module(name)
