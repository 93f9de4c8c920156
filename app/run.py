"""One batch run's state: its counts, its events, and what every executor shares.

The local pipeline (`app.pipeline`) and the Ray executor (`app.ray_batch`) are peers: both hold
a `Run` and neither imports the other. The rules for what is skipped, what counts as a
duplicate, how a failure is recorded, how a summary is saved, how the run is recorded and
closed (`recorded`) and the per-file limits (`limits_for`) live here once, so both keep the
same skip/dedup/resume behaviour. Which engine a run uses comes from `app.loading`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.meaning import Indexer
from app.settings import Settings
from app.store import LibraryError, Store
from app.store.manage import clean_tag
from app.text import plural
from ingestion import Document, Limits, sha256_file
from ingestion.errors import AppError
from summarizer.base import Summary
from summarizer.engines import EngineSpec
from summarizer.errors import Cancelled

log = logging.getLogger(__name__)

__all__ = ["Counts", "Progress", "Run", "Todo", "limits_for"]

# (sha256, every path holding those bytes): copies and renames are one document.
Todo = list[tuple[str, list[Path]]]


@dataclass(frozen=True)
class Progress:
    """One thing that happened. ``kind`` is one of: start, engine, skipped, queued (a file that
    will be read), estimate, index (documents left unembedded for `synopsis index`), ocr (a
    scanned page read: ``pages_done``/``pages_total`` of that file in ``message``), extracted,
    chunks, summarized, failed, cancelled, done, stopped (the library cannot be written,
    ``error_kind`` disk-full or read-only: the batch ends)."""

    kind: str
    path: str = ""
    message: str = ""
    title: str = ""
    document_id: int | None = None
    error_kind: str = ""
    docs_done: int = 0
    docs_total: int = 0
    pages_done: int = 0
    pages_total: int = 0
    chunks_done: int = 0
    chunks_total: int = 0
    summarized: int = 0
    skipped: int = 0
    failed: int = 0
    elapsed: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in ("", None)}


@dataclass
class Counts:
    summarized: int = 0
    skipped: int = 0
    failed: int = 0
    docs_total: int = 0
    pages_done: int = 0
    pages_total: int = 0
    chunks_done: int = 0
    chunks_total: int = 0


def limits_for(settings: Settings) -> Limits:
    """The per-file bounds of extraction, from the settings."""
    return Limits(
        timeout_s=settings.timeout_s,
        memory_mb=settings.memory_mb,
        max_pages=settings.max_pages,
        max_file_mb=settings.max_file_mb,
        ocr=settings.ocr,
        ocr_lang=settings.ocr_lang,
    )


@dataclass
class Run:
    """A batch in progress: ``event()`` stamps the counts and elapsed time on each event."""

    store: Store
    settings: Settings
    run_id: int = 0
    counts: Counts = field(default_factory=Counts)
    started: float = field(default_factory=time.perf_counter)
    indexer: Indexer | None = None  # embeds each saved document's passages (#24)

    def __post_init__(self) -> None:
        for tag in self.settings.tags:  # from the settings file or SYNOPSIS_TAGS, unchecked
            clean_tag(tag)

    def event(self, kind: str, **kw: Any) -> Progress:
        c = self.counts
        return Progress(
            kind,
            docs_done=c.summarized + c.failed,
            elapsed=round(time.perf_counter() - self.started, 3),
            **asdict(c),
            **kw,
        )

    def engine_event(self, spec: EngineSpec) -> Progress:
        """Which engine the run uses, or why ``auto`` fell back to the extractive method."""
        return self.event(
            "engine",
            error_kind="fallback" if spec.fallback_reason else "",
            message=spec.fallback_reason or spec.describe(),
        )

    @contextmanager
    def recorded(self, paths: Sequence[str | Path]) -> Iterator[list[Progress]]:
        """Open the run's record in the store and close it however the run ends; the list it
        yields receives the closing event (done, cancelled or stopped) for the caller to pass on.

        Cancel, Ctrl+C and SIGTERM (KeyboardInterrupt) close the run as ``cancelled`` with its real
        counts; a library that cannot be written (a full disk) stops the batch cleanly with a
        ``stopped`` event saying what was saved (#21).
        """
        store, settings, c = self.store, self.settings, self.counts
        self.run_id = store.start_run({"paths": [str(p) for p in paths], **asdict(settings)})
        outcome: list[Progress] = []
        status = "crashed"
        try:
            yield outcome
            status = "done"
            outcome.append(
                self.event(
                    "done",
                    message=f"{c.summarized} summarized, {c.skipped} skipped, {c.failed} failed",
                )
            )
        except Cancelled:
            status = "cancelled"
            outcome.append(
                self.event("cancelled", message="Cancelled; finished documents are saved.")
            )
        except (GeneratorExit, KeyboardInterrupt):  # the caller stopped reading; Ctrl+C; SIGTERM
            status = "cancelled"
            raise
        except LibraryError as exc:
            status = "stopped"
            saved = plural(c.summarized, "document")
            outcome.append(
                self.event(
                    "stopped",
                    error_kind=exc.kind,
                    message=f"{exc.user_message} Stopped after {saved} saved in this run.",
                )
            )
        finally:
            try:
                store.finish_run(self.run_id, c.summarized, c.skipped, c.failed, status)
            except LibraryError as exc:  # the disk may still be full: the next open closes it
                log.warning("could not close run %s: %s", self.run_id, exc)

    def fail(self, path: Path | str, kind: str, message: str, sha: str | None = None) -> Progress:
        """Record a failure in the store (a later run retries it) and say so."""
        self.counts.failed += 1
        self.store.record_failure(str(path), kind, message, self.run_id, sha)
        return self.event("failed", path=str(path), error_kind=kind, message=message)

    def fail_with(self, path: Path | str, error: AppError, sha: str | None = None) -> Progress:
        """Record ``error`` as the failure of ``path`` (see `fail`)."""
        return self.fail(path, error.kind, error.user_message, sha)

    def dedup_and_skip(self, files: list[Path], key: str) -> Generator[Progress, None, Todo]:
        """Group ``files`` by content; skip those already summarized under ``key``."""
        groups: dict[str, list[Path]] = {}
        for path in files:
            try:
                sha = sha256_file(path)
            except OSError as exc:
                message = f"{path.name} cannot be read ({exc.strerror or exc}); check the path."
                yield self.fail(path, "unreadable", message)
                continue
            groups.setdefault(sha, []).append(path)
        todo: Todo = []
        for sha, group in groups.items():
            if not self.settings.force and self.store.has_summary(sha, key):
                for p in group:
                    self.store.note_path(sha, str(p), self.settings.tags)
                self.counts.skipped += 1
                written = self.sidecars(self.store.document_id(sha), group)
                message = "already summarized" + ("; sidecar written" if written else "")
                yield self.event("skipped", path=str(group[0]), message=message)
            else:
                todo.append((sha, group))
        self.counts.docs_total = len(todo)
        for _sha, group in todo:
            yield self.event("queued", path=str(group[0]))
        return todo

    def extracted(self, doc: Document, path: Path) -> Progress:
        self.counts.pages_done += doc.page_count
        ocr_note = f", {plural(len(doc.ocr_pages), 'page')} by OCR" if doc.ocr_pages else ""
        return self.event(
            "extracted",
            path=str(path),
            title=doc.title,
            message=plural(doc.page_count, "page") + ocr_note,
        )

    def save(self, doc: Document, result: Summary, group: list[Path]) -> Progress:
        """Store one summarized document (one transaction) under all its paths."""
        doc_id = self.store.save(doc, result, str(group[0]), self.settings.tags)
        if self.indexer is not None:
            self.indexer = self.indexer.index_document(self.store, doc_id, doc)
        for extra in group[1:]:
            self.store.note_path(doc.sha256, str(extra))
        self.counts.summarized += 1
        self.sidecars(doc_id, group)
        return self.event(
            "summarized",
            path=str(group[0]),
            title=doc.title,
            document_id=doc_id,
            message=f"{result.runtime or result.method}, {plural(result.chunks, 'chunk')}, "
            f"{result.seconds:.1f} s",
        )

    def sidecars(self, doc_id: int | None, group: list[Path]) -> int:
        """With the sidecar setting, write NAME.pdf.md beside every path of the document, also
        when it was summarized before (#22); the number written."""
        if not self.settings.sidecar or doc_id is None:
            return 0
        from app.export import write_sidecar

        return sum(write_sidecar(self.store, doc_id, p) is not None for p in group)
