"""Options shared by the commands that summarize, and turning them into loaded engines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from app.settings import Settings, load_settings
from app.store import Store
from app.store.manage import clean_tag
from ingestion.errors import AppError
from ingestion.ocr import OCR_MODES
from summarizer.base import LENGTHS
from summarizer.engines import Engine
from summarizer.loading import METHODS
from summarizer.models import enforce_offline, is_offline

F = Callable[..., Any]


def engine_options(fn: F) -> F:
    """--engine --model --backend --length --beams --precision --similarity --offline --db."""
    opts = [
        click.option("--db", type=click.Path(dir_okay=False), help="Library file (SYNOPSIS_DB)."),
        click.option("--engine", type=click.Choice(METHODS), help="auto falls back to extractive."),
        click.option("--model", help="Hugging Face id or local folder of a seq2seq model."),
        click.option("--backend", help="auto, torch, ctranslate2, openvino or neuron."),
        click.option("--length", type=click.Choice(list(LENGTHS)), help="Summary length."),
        click.option("--beams", "num_beams", type=int, help="Beam width (default: model's)."),
        click.option("--precision", type=click.Choice(["auto", "fp32", "bf16", "fp16", "int8"])),
        click.option(
            "--similarity",
            type=click.Choice(["tfidf", "embeddings"]),
            help="Extractive engine: TF-IDF, or MiniLM sentence embeddings.",
        ),
        click.option(
            "--offline",
            is_flag=True,
            default=None,
            help="Never use the network (also SYNOPSIS_OFFLINE=1).",
        ),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def ocr_options(fn: F) -> F:
    """--ocr --ocr-lang, for the commands that read PDFs."""
    fn = click.option(
        "--ocr-lang",
        help="Tesseract language pack(s) for scanned pages, e.g. deu or rus+eng "
        "(default: detected from the script).",
    )(fn)
    return click.option(
        "--ocr",
        type=click.Choice(OCR_MODES),
        help="Read pages without a text layer with Tesseract: auto (default), always (also "
        "pages with text), never.",
    )(fn)


def settings_from(params: dict[str, Any]) -> Settings:
    keys = (
        "db",
        "engine",
        "model",
        "backend",
        "length",
        "num_beams",
        "precision",
        "offline",
        "workers",
        "similarity",
        "ocr",
        "ocr_lang",
    )
    settings = load_settings(**{k: params.get(k) for k in keys})
    if is_offline(settings.offline):
        enforce_offline()
    return settings


def load_engine(settings: Settings, announce: bool = True) -> Engine:
    """Load the configured engine; print the fallback reason when auto fell back."""
    from app.engine_choice import load_engine as load

    engine = load(settings)
    if engine.fallback_reason and announce:
        click.echo(f"Note: {engine.fallback_reason}", err=True)
    return engine


def tag_option(fn: F) -> F:
    """--tag NAME (repeatable): tag every document the run adds or meets."""
    return click.option(
        "--tag",
        "tags",
        multiple=True,
        metavar="NAME",
        help="Tag every document this run adds or meets (repeatable).",
        callback=lambda _ctx, _param, names: tuple(clean_tag(n) for n in names),
    )(fn)


def known_tag(store: Store, tag: str | None) -> None:
    """A filter by a tag no document has is almost always a typo: say so, with the tags."""
    if tag is None or store.tag_exists(tag):
        return
    names = ", ".join(name for name, _ in store.tags()) or "none yet"
    raise AppError(f"No document has the tag {tag!r} (tags: {names}); see `synopsis tags`.")
