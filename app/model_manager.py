"""The one model manager behind `synopsis models` and the Models window (#25).

Rows join the catalogue, the models on this computer and the speed each model showed in this
library; "use" makes a model the default in the settings file. Downloads, deletes and added
folders are `summarizer.download` and `summarizer.installed`; nothing here touches Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.settings import Settings, save_settings
from app.store import Store
from summarizer.catalogue import CATALOGUE
from summarizer.installed import installed

STATES = {
    "downloaded": "downloaded",
    "added": "added by hand",
    "hf-cache": "in the Hugging Face cache",
    "": "not downloaded",
}


@dataclass(frozen=True)
class ModelRow:
    id: str
    name: str
    size_bytes: int
    languages: str
    licence: str
    note: str
    source: str  # downloaded | added | hf-cache | "" (not on this computer)
    path: str
    in_use: bool
    seconds_per_chunk: float | None  # measured in this library, None until it has run

    @property
    def state(self) -> str:
        return STATES[self.source] + (", in use" if self.in_use else "")

    @property
    def local(self) -> bool:
        return bool(self.source)


def model_rows(settings: Settings, store: Store | None = None) -> list[ModelRow]:
    """The catalogue, then every other model on this computer."""
    speeds = store.speed_by_model() if store is not None else {}
    here = {m.id: m for m in installed()}
    rows = []
    for e in CATALOGUE:
        have = here.pop(e.id, None)
        rows.append(
            ModelRow(
                e.id,
                e.name,
                have.size_bytes if have else e.size_bytes,
                e.languages,
                e.licence,
                e.note,
                have.source if have else "",
                have.path if have else "",
                settings.model == e.id,
                speeds.get(e.id),
            )
        )
    for m in here.values():
        name = Path(m.id).name if m.source == "added" else m.id
        in_use = settings.model in (m.id, m.path)
        rows.append(
            ModelRow(
                m.id, name, m.size_bytes, "", "", "", m.source, m.path, in_use, speeds.get(m.id)
            )
        )
    return rows


def with_model(settings: Settings, model: str) -> Settings:
    """``settings`` using ``model``; the engine turns to auto when it was extractive, so the
    model is actually used."""
    engine = "auto" if settings.engine == "extractive" else settings.engine
    return settings.with_(model=model, engine=engine)


def use_model(settings: Settings, model: str) -> Settings:
    """Make ``model`` the default, saved in the settings file."""
    chosen = with_model(settings, model)
    save_settings(chosen, keep_saved=("db",))
    return chosen
