"""Shared fixtures: PDFs built at test time, the shared corpus, an offline environment."""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

# No test may reach the network: the Hugging Face hub is unreachable here anyway.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["SYNOPSIS_OFFLINE"] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# One thread per math library in each test process (#23): `make test` runs one process per
# core, and torch's default of one thread per core in each made the tiny T5's generation
# about twice as slow beside other work (threads waiting on each other). Tests and the
# processes they start inherit it; set it yourself to measure otherwise.
for _threads in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_threads, "1")
# Converted models and bench results go to a throwaway folder, never the user's cache.
os.environ["SYNOPSIS_CACHE"] = tempfile.mkdtemp(prefix="synopsis-test-cache-")
os.environ["SYNOPSIS_BENCH_FILE"] = os.path.join(os.environ["SYNOPSIS_CACHE"], "bench.json")
os.environ["SYNOPSIS_MODELS"] = os.path.join(os.environ["SYNOPSIS_CACHE"], "models")
# A summarize run starts no background `synopsis index` unless a test asks for one (#24).
os.environ["SYNOPSIS_EMBED_BACKGROUND"] = "0"

# A suite started in the background by a shell without job control inherits SIGINT ignored,
# and so would every CLI the tests start and interrupt (a process launched with SIGINT ignored
# keeps ignoring it, as it should). Catching it here makes the children start with the
# default disposition again (a caught signal is reset on exec).
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))

from pdfmaker import paginate, text_pdf, wrap, write_pdf  # noqa: E402

# Beside the checkout, or where SYNOPSIS_TEST_CORPUS says (a git worktree kept elsewhere).
CORPUS = Path(os.environ.get("SYNOPSIS_TEST_CORPUS") or ROOT.parent / "shared" / "corpus")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regenerate-golden",
        action="store_true",
        help="Rewrite the golden structure files under tests/data/structure from this code.",
    )


# How `make test` spreads the suite over its workers (#23; `--dist loadgroup
# --no-loadscope-reorder`): a test file whose fixtures live a module or class long (the Ray
# cluster, converted models) is one unit, so they are built once and never twice at a time;
# every other test is a unit of its own, so the parametrized corpus files split over both
# workers. Units go out in collection order, the tests known to run longest first, so no
# worker is left with a long test at the end while the other idles.
LONGEST_FIRST = (  # from `--durations` of the whole suite, longest first
    # The two longest units first, one per worker: the first builds the tiny T5 while the
    # Ray file starts its cluster and runs its extractive batch, so no worker waits on the
    # other's build (#23); then, alternating, tests that need the tiny T5 and tests that do not.
    "tests/summarizer/test_fast_backends.py",
    "tests/app/test_ray.py",
    "tests/app/test_faults.py::test_batch_on_a_real_full_filesystem_ends_with_a_disk_full_event",
    "tests/app/test_shared_library.py::test_soak_several_writers_and_readers",
    "tests/app/test_crash_and_concurrency.py::test_sigkill_midway_then_rerun_loses_and_duplicates_nothing",
    "tests/ingestion/test_corpus.py::test_corpus_file_ends_as_manifest_says[pdfjs_issue7229.pdf]",
    "tests/app/test_shared_library.py::test_gui_batches_while_cli_processes_use_the_same_library",
    "tests/app/test_cli_library.py::test_corpus_batch_fails_only_where_the_manifest_expects",
    "tests/app/test_meaning.py::test_backfill_killed_midway_resumes_without_duplicates",
    "tests/summarizer/test_abstractive.py::TestAbstractiveContract::test_options_travel_with_each_call",
    "tests/app/test_interrupts.py::test_sigterm_and_sigint_close_the_run_with_its_real_counts",
    "tests/summarizer/test_abstractive.py::test_batches_stay_under_the_token_budget",
    "tests/gui/test_meaning_gui.py::test_a_batch_embeds_what_it_left_in_the_background_with_progress",
    "tests/app/test_shared_library.py::test_list_and_show_end_quietly_when_the_reader_goes_away",
    "tests/ingestion/test_ocr.py::test_pages_in_all_four_orientations_are_each_read_upright",
    "tests/app/test_text_safety.py::test_non_utf8_argument_and_file_name_are_replaced_with_a_note",
    "tests/summarizer/test_eval_corpus.py::test_extractive_engine_beats_baselines_on_rouge_l",
    "tests/ingestion/test_titles_corpus.py::test_corpus_title_is_the_documents_own[doctor_vector-pdf.pdf]",
    "tests/app/test_meaning.py::test_summarize_embeds_what_it_left_in_the_background",
    "tests/summarizer/test_abstractive.py::test_reduce_terminates_and_keeps_page_provenance",
    "tests/ingestion/test_corpus.py::test_corpus_file_ends_as_manifest_says[pdfjs_freeculture.pdf]",
    "tests/app/test_corpus_golden.py::test_stored_ocr_text_is_what_ocr_reads_now",
    "tests/app/test_fuzz.py::test_mutated_pdfs_end_as_documents_or_named_errors",
    "tests/app/test_faults.py::test_damaged_library_is_named_by_every_command_and_recovered",
    "tests/app/test_corpus_golden.py::test_a_real_document_of_each_kind_matches_its_golden_file[book]",
    "tests/app/test_ocr_batch.py::test_scanned_pdf_is_ocrd_stored_shown_exported_and_found",
    "tests/app/test_interrupts.py::test_kill_9_leaves_a_run_that_is_marked_interrupted_and_workers_that_end",
    "tests/app/test_pipeline.py::test_abstractive_pipeline_checkpoints_chunks",
    "tests/app/test_meaning.py::test_installed_seq2seq_model_answers_from_the_passages",
)
SHARED_SCOPES = {"module", "class", "package"}


def _unit(item: pytest.Item) -> str:
    """The xdist group of ``item``: its file where a fixture outlives one test, else itself."""
    file = item.nodeid.split("::")[0]
    defs = getattr(item, "_fixtureinfo", None)
    for name in getattr(item, "fixturenames", ()):
        chain = defs.name2fixturedefs.get(name, ()) if defs else ()
        if chain and chain[-1].scope in SHARED_SCOPES:
            return file
    return item.nodeid.replace("@", "_")


def _rank(item: pytest.Item) -> int:
    for i, prefix in enumerate(LONGEST_FIRST):
        if item.nodeid.startswith(prefix):
            return i
    return len(LONGEST_FIRST)


# xdist 3.8 names a unit by a suffix it puts on `item._nodeid`, which pytest 9 no longer reads
# (nodeid comes from `item._id`), so `--dist loadgroup` had made every test a unit of its own:
# a file's module fixtures (converted models, the Ray cluster) were built on both workers
# (#23). Each worker writes the units it computed under UNITS; the scheduler below reads them.
UNITS = "SYNOPSIS_TEST_UNITS"


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the controller; its workers inherit the variable
        os.environ[UNITS] = tempfile.mkdtemp(prefix="synopsis-test-units-")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput") and os.environ.get(UNITS):
        shutil.rmtree(os.environ.pop(UNITS), ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    grouped = config.pluginmanager.hasplugin("xdist")  # `-p no:xdist`: no xdist_group marker
    for item in items:
        if grouped and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(_unit(item)))
    items.sort(key=_rank)  # stable: tests keep their order within a file
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and os.environ.get(UNITS):
        marks = {i.nodeid: i.get_closest_marker("xdist_group") for i in items}
        units = {nodeid: str(m.args[0]) for nodeid, m in marks.items() if m and m.args}
        Path(os.environ[UNITS], f"{worker}.json").write_text(json.dumps(units))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist loadgroup` with the units the workers computed (see UNITS)."""
    if config.getoption("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    units: dict[str, str] = {}

    class Units(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if not units:  # read once every worker has collected
                for found in Path(os.environ[UNITS]).glob("*.json"):
                    units.update(json.loads(found.read_text()))
            return units.get(nodeid, nodeid)

    return Units(config, log)


def memo_folder(folder: Path, n: int, tag: str = "memo", repeat: int = 12) -> Path:
    """``n`` small distinct PDFs (two sentences repeated) in ``folder``, titled "TAG memo i"."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text_pdf(
            folder / f"{tag}{i:02d}.pdf",
            [
                f"Memo {tag} {i} describes the harbour works of quarter {i} for the readers.",
                f"The board approved {i + 3} repairs of the {tag} pier and a budget of {i} crowns.",
            ]
            * repeat,
            title=f"{tag} memo {i}",
        )
    return folder


def needs_tesseract() -> None:
    """OCR tests run wherever Tesseract is; `make test` installs it and requires them."""
    from ingestion import ocr

    why = ocr.unavailable()
    if why and os.environ.get("SYNOPSIS_TEST_OCR") != "required":
        pytest.skip(f"{why}; `make test` installs it (as root) and runs these tests")
    assert not why, why


def scanned_pdf(path: Path, paragraphs: Sequence[str], dpi: int = 200, **kwargs: object) -> Path:
    """An image-only PDF: ``paragraphs`` typeset, rendered to pictures, the text layer gone."""
    import pypdfium2 as pdfium

    source = text_pdf(path.with_name(path.stem + "-source.pdf"), paragraphs, **kwargs)
    pdf = pdfium.PdfDocument(str(source))
    try:
        images = [page.render(scale=dpi / 72, grayscale=True).to_pil() for page in pdf]
    finally:
        pdf.close()
    source.unlink()
    images[0].save(path, save_all=True, append_images=images[1:], resolution=dpi)
    return path


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


def corpus_document(folder: str, name: str) -> Any:
    """``read_pdf`` of a corpus file with default limits, read once per test process: the
    `Document` is frozen, so tests that read the same file share it."""
    return _read_corpus_pdf(str(corpus_dir() / folder / name))


# A folder every xdist worker of this run shares (this session's own where there are none):
# what one worker made, the others read instead of making it again (#23).
_RUN_FOLDER: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def _run_folder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if hasattr(request.config, "workerinput") else base) / "shared-by-workers"
    folder.mkdir(exist_ok=True)
    _RUN_FOLDER[:] = [folder]
    return folder


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (made if absent) across processes."""
    import fcntl

    with path.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


@functools.lru_cache(maxsize=64)
def _read_corpus_pdf(path: str) -> Any:
    import hashlib
    import pickle

    from ingestion import read_pdf

    if not _RUN_FOLDER:
        return read_pdf(Path(path))
    stored = _RUN_FOLDER[0] / f"document-{hashlib.sha256(path.encode()).hexdigest()[:16]}"
    with locked(stored.with_suffix(".lock")):
        if stored.is_file():
            return pickle.loads(stored.read_bytes())
        doc = read_pdf(Path(path))
        stored.write_bytes(pickle.dumps(doc))
        return doc


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


def _built_once(
    request: pytest.FixtureRequest,
    name: str,
    key: str,
    build: Callable[[Path], object],
    copy: bool = True,
) -> Path:
    """``build(folder)`` once per ``key``, shared by the xdist workers of this run and, where
    pytest's cache is on, by later runs: a folder under the cache (or this run's temporary
    root) named by a hash of ``key``, built under a file lock. Each session gets its own
    copy, so no test can change another's; ``copy=False`` gives the folder itself, for
    readers only."""
    import hashlib
    import shutil

    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    cache = getattr(request.config, "cache", None)
    if cache is not None:
        root = Path(cache.mkdir(f"{name}-{digest}"))
    else:
        root = request.getfixturevalue("_run_folder") / f"{name}-{digest}"
        root.mkdir(exist_ok=True)
    built = root / "built"
    with locked(root / ".lock"):
        if not (root / "done").is_file():
            shutil.rmtree(built, ignore_errors=True)
            build(built)
            (root / "done").touch()
    if not copy:
        return built
    copied = request.getfixturevalue("tmp_path_factory").mktemp(name) / "model"
    shutil.copytree(built, copied)
    return copied


def _tiny_t5(request: pytest.FixtureRequest, copy: bool) -> Path:
    import tokenizers
    import transformers
    from tiny_t5 import build_tiny_t5

    builder = (ROOT / "samples" / "tiny_t5.py").read_text(encoding="utf-8")
    key = repr((builder, TINY_CORPUS, transformers.__version__, tokenizers.__version__))
    return _built_once(
        request,
        "tiny-t5",
        key,
        lambda folder: build_tiny_t5(folder, corpus=TINY_CORPUS * 3),
        copy=copy,
    )


@pytest.fixture(scope="session")
def tiny_t5(request: pytest.FixtureRequest) -> Path:
    """A tiny T5 saved with save_pretrained: random weights, tokenizer trained on the fly;
    built once per version of its builder, then copied (#23)."""
    return _tiny_t5(request, copy=True)


@pytest.fixture(scope="session")
def tiny_t5_kept(request: pytest.FixtureRequest) -> Path:
    """The tiny T5's built folder itself (read it, never write it): the same path and file
    times in every run, so what is derived from it can be kept between runs too."""
    return _tiny_t5(request, copy=False)


@pytest.fixture(scope="session")
def tiny_led(tiny_t5: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny LED (the long-input family CTranslate2 cannot convert) with the tiny T5's
    tokenizer: random weights, real save_pretrained layout."""
    import shutil

    from transformers import AutoTokenizer, LEDConfig, LEDForConditionalGeneration

    folder = tmp_path_factory.mktemp("tiny-led")
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copy(tiny_t5 / name, folder / name)
    tok = AutoTokenizer.from_pretrained(folder)
    config = LEDConfig(
        vocab_size=len(tok),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_encoder_position_embeddings=256,
        max_decoder_position_embeddings=64,
        attention_window=[16],
        pad_token_id=tok.pad_token_id,
        eos_token_id=tok.eos_token_id,
        bos_token_id=tok.pad_token_id,
        decoder_start_token_id=tok.pad_token_id,
    )
    LEDForConditionalGeneration(config).save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def torch_backend(tiny_t5: Path):  # type: ignore[no-untyped-def]
    from summarizer.backends.torch_backend import TorchBackend
    from summarizer.base import LoadOptions

    return TorchBackend("tiny-t5", LoadOptions(), tiny_t5)


__all__ = ["paginate", "wrap"]


HUB_MODEL = "test-org/tiny-t5"
HUB_NOT_SEQ2SEQ = "test-org/tiny-gpt"
HUB_LED = "test-org/tiny-led"


@pytest.fixture
def hub(
    tiny_t5: Path, tiny_led: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """A hub on 127.0.0.1 serving the tiny T5 (and a decoder-only repository), pointed to by
    the hub client's endpoint setting; downloads and conversions go to ``tmp_path``."""
    import json

    import huggingface_hub.constants as hub_constants
    from huggingface_hub.utils import reset_sessions

    from tests.summarizer.hub_server import serve

    gpt = tmp_path / "tiny-gpt"
    gpt.mkdir()
    (gpt / "config.json").write_text(
        json.dumps({"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"]})
    )
    (gpt / "tokenizer.json").write_text("{}")
    (gpt / "model.safetensors").write_bytes(b"\0" * 4096)
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "SYNOPSIS_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SYNOPSIS_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("SYNOPSIS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(hub_constants, "HF_HUB_OFFLINE", False)
    reset_sessions()  # a session made while offline refuses every request
    with serve({HUB_MODEL: tiny_t5, HUB_NOT_SEQ2SEQ: gpt, HUB_LED: tiny_led}) as server:
        monkeypatch.setattr(hub_constants, "ENDPOINT", server.url)
        # The hub client builds file URLs from this template, fixed when it is imported
        # (from HF_ENDPOINT); both copies point here, so no test ever reaches the real hub.
        import huggingface_hub.file_download as hub_files

        template = server.url + "/{repo_id}/resolve/{revision}/{filename}"
        monkeypatch.setattr(hub_constants, "HUGGINGFACE_CO_URL_TEMPLATE", template)
        monkeypatch.setattr(hub_files, "HUGGINGFACE_CO_URL_TEMPLATE", template)
        yield server
    reset_sessions()
