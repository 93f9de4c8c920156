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
from types import ModuleType

from ingestion.lean_import import RefusedTo, import_refusing

OPTIONAL = frozenset({"scipy", "sklearn", "matplotlib", "pandas"})  # NLTK's guarded imports


class _RefusedToNltk(RefusedTo):
    """Refuses OPTIONAL's packages when the import statement runs in one of NLTK's modules."""

    def __init__(self) -> None:
        super().__init__("nltk", OPTIONAL)


@functools.cache
def _nltk() -> ModuleType:
    return import_refusing("nltk", OPTIONAL)


def nltk_module(name: str) -> ModuleType:
    """NLTK's submodule ``name`` ("nltk.tokenize.punkt"), NLTK imported as above."""
    _nltk()
    return importlib.import_module(name)
