"""Backends by name, imported only when chosen (so `import summarizer` stays instant).

Outside packages can add backends through the ``synopsis.backends`` entry-point group.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from summarizer.base import Backend
from summarizer.errors import UnknownBackend

BUILTIN: dict[str, str] = {
    "torch": "summarizer.backends.torch_backend:TorchBackend",
    "ctranslate2": "summarizer.backends.ct2_backend:CTranslate2Backend",
    "openvino": "summarizer.backends.openvino_backend:OpenVINOBackend",
    "neuron": "summarizer.backends.neuron_backend:NeuronBackend",
}

# Static preference for `--backend auto` before `synopsis bench` has measured this machine.
STATIC_ORDER = ("ctranslate2", "openvino", "torch")


def available_names() -> dict[str, str]:
    names = dict(BUILTIN)
    for ep in entry_points(group="synopsis.backends"):
        names.setdefault(ep.name, ep.value)
    return names


def get(name: str) -> type[Backend]:
    """The backend class called ``name``; raises `UnknownBackend` naming valid choices."""
    names = available_names()
    if name not in names:
        raise UnknownBackend(name, sorted(names))
    module_name, _, attr = names[name].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        return _missing(name, exc)
    cls = getattr(module, attr)
    assert isinstance(cls, type) and issubclass(cls, Backend)
    return cls


def _missing(name: str, exc: ImportError) -> type[Backend]:
    from summarizer.backends.missing import missing_backend

    return missing_backend(name, exc)
