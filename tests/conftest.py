"""Shared fixtures: PDFs built at test time, the shared corpus, an offline environment."""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

# No test may reach the network: the Hugging Face hub is unreachable here anyway.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["SYNOPSIS_OFFLINE"] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Converted models and bench results go to a throwaway folder, never the user's cache.
os.environ["SYNOPSIS_CACHE"] = tempfile.mkdtemp(prefix="synopsis-test-cache-")
os.environ["SYNOPSIS_BENCH_FILE"] = os.path.join(os.environ["SYNOPSIS_CACHE"], "bench.json")

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


TINY_CORPUS = [
    "Synopsis reads PDF files and writes short summaries that keep their page numbers.",
    "The library is one SQLite file that can be searched by title, summary and page text.",
    "A quarterly report covers revenue, costs, staff turnover, risks and plans.",
]


@pytest.fixture(scope="session")
def tiny_t5(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny T5 saved with save_pretrained: random weights, tokenizer trained on the fly."""
    from summarizer.backends.tiny import build_tiny_t5

    return build_tiny_t5(tmp_path_factory.mktemp("tiny-t5"), corpus=TINY_CORPUS * 3)


@pytest.fixture(scope="session")
def torch_backend(tiny_t5: Path):  # type: ignore[no-untyped-def]
    from summarizer.backends.torch_backend import TorchBackend
    from summarizer.base import Options

    return TorchBackend("tiny-t5", Options(num_beams=1), tiny_t5)


__all__ = ["paginate", "wrap"]
