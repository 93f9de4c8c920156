"""Settings: one frozen dataclass; defaults here, then the TOML file in the user config folder,
then ``SYNOPSIS_*`` environment variables, then command-line flags. Passed in, never global."""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_data_dir

from summarizer.base import LoadOptions, SummaryOptions
from summarizer.models import DEFAULT_MODEL


def default_db() -> Path:
    return Path(user_data_dir("synopsis")) / "library.sqlite"


def config_path() -> Path:
    env = os.environ.get("SYNOPSIS_CONFIG")
    return Path(env) if env else Path(user_config_dir("synopsis")) / "settings.toml"


@dataclass(frozen=True)
class Settings:
    db: Path = field(default_factory=default_db)
    engine: str = "auto"  # auto | abstractive | extractive
    model: str = DEFAULT_MODEL
    backend: str = "auto"  # auto | torch | ctranslate2 | openvino | neuron
    similarity: str = "tfidf"  # extractive engine: tfidf | embeddings (MiniLM)
    length: str = "medium"  # short | medium | long
    num_beams: int | None = None
    precision: str = "auto"
    workers: int = 2  # extraction worker processes
    offline: bool = False
    recursive: bool = True
    include: tuple[str, ...] = ("*.pdf",)
    exclude: tuple[str, ...] = ()
    ocr: str = "auto"  # auto (scanned pages) | always | never
    ocr_lang: str = ""  # Tesseract language pack(s), e.g. "deu" or "rus+eng"; "" detects
    timeout_s: float = 120.0  # per file; with OCR, per page read
    memory_mb: int = 2048  # memory a file's parser may use, above its start
    max_pages: int = 10_000  # longer documents fail as too large
    max_file_mb: int = 1024  # larger files fail as too large
    batch_docs: int = 8  # documents summarized together
    sidecar: bool = False
    tags: tuple[str, ...] = ()  # tags given to every document a run adds or meets (#26)
    force: bool = False  # summarize again even under a summary key already stored
    # Find by meaning (#24): embed passages at summarize time when the embeddings extra is here,
    # adding at most this share of the run's own time; the rest is embedded by `synopsis index`,
    # which a finished run starts in the background (embed_background).
    semantic: bool = True
    embed_budget: float = 0.25
    embed_background: bool = True

    def with_(self, **changes: Any) -> Settings:
        clean = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **_coerce(clean))

    def summary_options(self) -> SummaryOptions:
        """What each summarize call asks of the engine (length, beams)."""
        return SummaryOptions(length=self.length, num_beams=self.num_beams)

    def load_options(self) -> LoadOptions:
        """What loading the engine decides (precision; the device is chosen by the runtime)."""
        return LoadOptions(precision=self.precision)


@dataclass(frozen=True)
class Limit:
    """A numeric limit as the Settings dialog offers it (README, "Settings", lists them)."""

    name: str  # the Settings field
    label: str
    minimum: float
    maximum: float
    unit: str = ""


# Every bound a message may tell a user to raise is a setting, here and in the dialog (#22).
LIMITS = (
    Limit("timeout_s", "Time limit per file (or scanned page)", 1, 86_400, " s"),
    Limit("memory_mb", "Memory per file", 256, 262_144, " MB"),
    Limit("max_pages", "Most pages per document", 1, 10_000_000),
    Limit("max_file_mb", "Largest file", 1, 1_048_576, " MB"),
    Limit("workers", "Extraction workers", 1, 64),
    Limit("batch_docs", "Documents summarized together", 1, 1024),
)


_TYPES = {f.name: f.type for f in fields(Settings)}


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in _TYPES:
            continue
        kind = str(_TYPES[key])
        if key == "db":
            out[key] = Path(value).expanduser()
        elif kind.startswith("tuple"):
            out[key] = tuple(value.split(",") if isinstance(value, str) else value)
        elif kind == "bool":
            out[key] = (
                value
                if isinstance(value, bool)
                else str(value).lower() in ("1", "true", "yes", "on")
            )
        elif kind.startswith("int"):
            out[key] = int(value)
        elif kind == "float":
            out[key] = float(value)
        else:
            out[key] = value
    return out


def load_settings(**overrides: Any) -> Settings:
    """Defaults < TOML file < environment < ``overrides`` (flags; None means not given)."""
    values: dict[str, Any] = {}
    path = config_path()
    if path.is_file():
        try:
            values.update(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            from ingestion.errors import AppError

            raise AppError(
                f"The settings file {path} is not valid TOML ({exc}); fix or delete it."
            ) from exc
    for f in fields(Settings):
        env = os.environ.get(f"SYNOPSIS_{f.name.upper()}")
        if env is not None and env != "":
            values[f.name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings().with_(**values)


def _file_values(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def save_settings(settings: Settings, *, keep_saved: tuple[str, ...] = ()) -> Path:
    """Write the settings that differ from the defaults to the TOML file.

    Names in ``keep_saved`` keep the value the file already has (or stay unset): a library
    opened for one session with ``--db`` must not become the default library (#11).
    """
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    defaults = asdict(Settings())
    saved = _file_values(path)
    values = asdict(settings)
    for key in keep_saved:
        kept = Settings().with_(**{key: saved[key]}) if key in saved else Settings()
        values[key] = getattr(kept, key)
    lines = []
    for key, value in values.items():
        if value == defaults[key] or value is None:
            continue
        lines.append(f"{key} = {_toml(value)}")
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
