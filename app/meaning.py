"""Finding by meaning (#24): passages embedded at summarize time or by a backfill, searched
by words, meaning or both, similar documents, and questions answered from the library.

The embedder is the packaged all-MiniLM-L6-v2 (`summarizer.backends.minilm`, the
`embeddings` extra, weights hash-checked; nothing is downloaded). Without it, or for a query
in a script it does not read, search falls back to words and says so.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.settings import Settings
from app.store import Store
from app.store.hybrid import MODES, Found, find, similar
from ingestion.document import Document, Section
from ingestion.errors import AppError
from summarizer.backends import minilm
from summarizer.passages import covered, embedding_text, make_passages

__all__ = ["MODEL", "MODES", "IndexProgress", "Indexer", "Searched", "search", "similar"]

log = logging.getLogger(__name__)
FIRST_GUESS_S = 0.1  # seconds per passage before any was measured (MiniLM, 2 idle CPU cores)
BATCH = 32  # passages embedded at a time
MODEL = f"all-MiniLM-L6-v2@{minilm.WEIGHTS_SHA256[:12]}"
NOT_READ = (
    "{what} is written in a script the meaning index does not read (it reads Latin, Greek "
    "and Cyrillic letters)"
)


def unavailable_reason() -> str | None:
    """None when passages can be embedded here, else what to install."""
    return minilm.unavailable_reason()


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalized MiniLM vectors of ``texts`` (rows); raises `BackendUnavailable`."""
    return minilm.load_minilm()(texts)


@dataclass(frozen=True)
class IndexProgress:
    """One document embedded by a backfill: ``done`` of ``total``."""

    done: int
    total: int
    document_id: int
    passages: int


class Indexer:
    """Embeds a document's passages into the library (one transaction per document).

    With a ``budget`` (a summarize run), a document is embedded only while the time spent
    embedding stays within that share of the run's other time; the rest is counted in
    ``deferred`` and left for `synopsis index`.
    """

    def __init__(
        self,
        embedder: Callable[[Sequence[str]], np.ndarray] = embed,
        budget: float | None = None,
    ) -> None:
        self.embed = embedder
        self.budget = budget
        self.started = time.perf_counter()
        self.spent = 0.0  # seconds embedding and storing, the model's loading included
        self.embedded = 0  # passages
        self.deferred = 0  # documents left for `synopsis index`

    def _affordable(self, passages: int, busy_since: float | None = None, done: int = 0) -> bool:
        """Whether ``passages`` more fit the budget; ``busy_since``/``done``: the document
        being embedded, when it started and how many of its passages are done."""
        if self.budget is None:
            return True
        now = time.perf_counter()
        spent = self.spent + (now - busy_since if busy_since is not None else 0.0)
        other = now - self.started - spent
        embedded = self.embedded + done
        per_passage = spent / embedded if embedded else FIRST_GUESS_S
        return spent + per_passage * passages <= self.budget * other

    def index(
        self,
        store: Store,
        doc_id: int,
        pages: Sequence[tuple[int, str]],
        language: str,
        outline: Sequence[Section] = (),
    ) -> int:
        """Embed and store the passages of one document's usable pages; return how many
        (-1: left for later, over the budget)."""
        passages = make_passages(pages, language, outline)
        if not self._affordable(len(passages)):
            self.deferred += 1
            return -1
        t0 = time.perf_counter()
        texts = [embedding_text(p) for p in passages]
        parts = [np.zeros((0, 384), dtype=np.float32)]
        for i in range(0, len(texts), BATCH):
            # A long document is checked between batches: the first guess of the embedder's
            # speed can be far off (a loaded machine), and one document may be a whole book.
            if i and not self._affordable(len(texts) - i, t0, i):
                self.spent += time.perf_counter() - t0
                self.deferred += 1
                return -1
            parts.append(self.embed(texts[i : i + BATCH]))
        vectors = np.concatenate(parts)
        skipped = "" if passages else _why_empty(pages)
        rows = [(p.page, p.section, p.text) for p in passages]
        store.save_passages(doc_id, MODEL, rows, vectors, skipped)
        self.spent += time.perf_counter() - t0
        self.embedded += len(passages)
        return len(passages)

    def index_document(self, store: Store, doc_id: int, doc: Document) -> Indexer | None:
        """Embed a just-saved document unless its passages are already stored; on failure log
        why and return None (the run goes on without embedding; `synopsis index` fills the
        gap later)."""
        if store.is_indexed(doc_id, MODEL):
            return self
        pages = [(p.number, p.text) for p in doc.usable_pages]
        try:
            self.index(store, doc_id, pages, doc.language, doc.outline)
        except AppError as exc:
            log.warning("Passages are not embedded from here on: %s", exc.user_message)
            return None
        return self

    def index_stored(self, store: Store, doc_id: int) -> int:
        language, pages = store.usable_pages(doc_id)
        outline = [Section(**s) for s in store.outline_of(doc_id)]  # type: ignore[arg-type]
        return self.index(store, doc_id, pages, language, outline)

    def backfill(
        self, store: Store, should_cancel: Callable[[], bool] = lambda: False
    ) -> Iterator[IndexProgress]:
        """Embed every document not yet indexed with this model. Each document commits on its
        own, so a killed backfill resumes where it stopped and a rerun does nothing twice."""
        todo = store.unindexed(MODEL)
        for i, doc_id in enumerate(todo, start=1):
            if should_cancel():
                return
            yield IndexProgress(i, len(todo), doc_id, self.index_stored(store, doc_id))


def passage_indexer(settings: Settings) -> Indexer | None:
    """An indexer for a summarize run when the setting is on and the embedder is here."""
    if not settings.semantic or unavailable_reason() is not None:
        return None
    return Indexer(budget=settings.embed_budget)


def deferred_note(indexer: Indexer | None) -> str:
    """What a summarize run left unembedded, for its report ("" when nothing)."""
    if indexer is None or not indexer.deferred:
        return ""
    return (
        f"{indexer.deferred} document(s) left for `synopsis index`: embedding passages may add "
        f"at most {indexer.budget:.0%} to a run's time (setting embed_budget)."
    )


def background_note(pid: int) -> str:
    return (
        f"Embedding them now in the background at low priority (`synopsis index`, process "
        f"{pid}); until then they are found by words. If it is stopped, `synopsis index` "
        "resumes it."
    )


# Started indexers, kept so that Python neither warns about them nor reaps them early; the
# process outlives the summarize run that started it (its own session).
BACKGROUND: list[subprocess.Popen[bytes]] = []


def background_index_command(db: Path, as_json: bool = False) -> tuple[list[str], Path]:
    """The command line (and its working folder) of the low-priority `synopsis index` that
    embeds what a run left over its budget: the CLI starts it detached, the desktop app as a
    child whose ``--json`` lines it shows as progress (#24)."""
    own = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "app.cli"]
    args = [*own, "index", "--db", str(Path(db).resolve()), "--background"]
    return [*args, "--json"] if as_json else args, Path(__file__).resolve().parents[1]


def index_in_background(db: Path) -> int:
    """Start `synopsis index` on ``db`` as a detached low-priority process that outlives this
    one (what a summarize run leaves over its embedding budget, #24); its process id."""
    args, cwd = background_index_command(db)
    child = subprocess.Popen(  # our own CLI, no shell
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # Ctrl+C in the terminal stops the run, not this
        cwd=cwd,
    )
    BACKGROUND.append(child)
    return child.pid


@contextmanager
def index_lock(db: Path) -> Iterator[bool]:
    """Hold the library's index lock while embedding: True when this process has it, False
    when another `synopsis index` (a background one) is embedding the same library."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock; two backfills only repeat work (each document
        yield True  # replaces its passages in one transaction)
        return
    with open(f"{db}.index-lock", "a+b") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _why_empty(pages: Sequence[tuple[int, str]]) -> str:
    text = " ".join(t for _, t in pages)
    if not text.strip():
        return "no usable text"
    if not covered(text):
        return NOT_READ.format(what="its text")
    return "no passage of four words or more"


@dataclass(frozen=True)
class Searched:
    """Search results, the mode that found them and a note when it is not the one asked."""

    hits: list[Found]
    mode: str
    note: str = ""


def default_mode(store: Store) -> str:
    """Hybrid once the library has embedded passages and the embedder is here; else keyword."""
    return "hybrid" if store.passage_count() and unavailable_reason() is None else "keyword"


def search(
    store: Store, query: str, mode: str | None = None, limit: int = 10, tag: str | None = None
) -> Searched:
    """Documents for ``query`` by ``mode`` (None: `default_mode`), only those with ``tag`` when
    given, falling back to keyword search, with a note saying why, where meaning cannot be
    used."""
    chosen = mode or default_mode(store)
    note = ""
    if chosen != "keyword":
        reason = unavailable_reason()
        if not covered(query):
            note = NOT_READ.format(what=f"{query.strip()!r}") + "; searched by words instead."
        elif reason:
            note = f"Searched by words only: {reason}"
        elif not store.passage_count():
            note = "No passages are embedded yet (run `synopsis index`); searched by words."
        if note:
            chosen = "keyword"
    vector = embed([query])[0] if chosen != "keyword" else None
    return Searched(find(store, query, vector, chosen, limit, tag), chosen, note)
