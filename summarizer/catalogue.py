"""A short catalogue of recommended seq2seq summarizers on the Hugging Face hub (#25).

Sizes are the weights Synopsis downloads (one format: safetensors when the repository has
them, else PyTorch's .bin), as published on each model's page; speed comes from this
machine's own library once a model has summarized something (`Store.speed_by_model`).
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.models import DEFAULT_MODEL


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    name: str
    size_bytes: int  # the weights downloaded, about
    languages: str
    licence: str
    note: str


CATALOGUE: tuple[CatalogueEntry, ...] = (
    CatalogueEntry(
        DEFAULT_MODEL,
        "T5 small",
        242_000_000,
        "English",
        "Apache-2.0",
        "The default: small and quick, trained on news summaries.",
    ),
    CatalogueEntry(
        "google-t5/t5-base",
        "T5 base",
        892_000_000,
        "English",
        "Apache-2.0",
        "Better English summaries, about 3x slower than T5 small.",
    ),
    CatalogueEntry(
        "google/flan-t5-base",
        "FLAN-T5 base",
        990_000_000,
        "English",
        "Apache-2.0",
        "Instruction-tuned T5: steadier on reports and papers.",
    ),
    CatalogueEntry(
        "csebuetnlp/mT5_multilingual_XLSum",
        "mT5 XL-Sum (multilingual)",
        2_330_000_000,
        "45 languages",
        "CC-BY-NC-SA-4.0 (non-commercial)",
        "News summaries in 45 languages, from Arabic to Chinese.",
    ),
    CatalogueEntry(
        "pszemraj/led-base-book-summary",
        "LED base, book summary (long input)",
        648_000_000,
        "English",
        "Apache-2.0 and BSD-3-Clause",
        "Reads up to 16,384 tokens at once: long chapters and reports.",
    ),
)


def entry(model_id: str) -> CatalogueEntry | None:
    """The catalogue's entry for ``model_id`` (also under its short legacy id), or None."""
    for e in CATALOGUE:
        if model_id in (e.id, e.id.split("/", 1)[1]):
            return e
    return None
