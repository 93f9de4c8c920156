"""Shared fixtures: PDFs built at test time, the shared corpus, an offline environment."""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

# No test may reach the network: the Hugging Face hub is unreachable here anyway.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["SYNOPSIS_OFFLINE"] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))

from pdfmaker import paginate, text_pdf, wrap, write_pdf  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    """Build a text PDF: ``make_pdf("name.pdf", paragraphs, title=..., header=...)``."""

    def build(name: str, paragraphs: Sequence[str], **kwargs: object) -> Path:
        return text_pdf(tmp_path / name, paragraphs, **kwargs)

    return build


@pytest.fixture
def make_pages_pdf(tmp_path: Path) -> Callable[..., Path]:
    """Build a PDF from explicit pages of lines."""

    def build(name: str, pages: Sequence[Sequence[str]], **kwargs: object) -> Path:
        return write_pdf(tmp_path / name, pages, **kwargs)  # type: ignore[arg-type]

    return build


def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is absent ({CORPUS}); it is present in CI")
    return CORPUS


@pytest.fixture
def corpus() -> Path:
    return corpus_dir()


def manifest_rows() -> list[dict[str, str]]:
    path = CORPUS / "pdfs" / "MANIFEST.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


__all__ = ["paginate", "wrap"]
