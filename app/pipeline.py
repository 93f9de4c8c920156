"""The one loop: paths in, summaries stored. A generator of `Progress` events.

discover -> hash and dedup (copies and renames are one document) -> skip what is already
summarized with the same summary key -> extract in worker processes with per-file limits ->
summarize in batches across documents -> save each document in one transaction.
The CLI renders the events as a progress bar; the GUI worker forwards them as Qt signals.
Memory stays flat: only a bounded number of extracted documents is held at any time.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from app.discover import discover
from app.live import live_summaries
from app.settings import Settings
from app.store import Store
from app.text import plural
from ingestion import Document, Limits, Sentence, read_pdf, sentences, sha256_file
from ingestion.errors import AppError
from ingestion.worker import WorkerPool
from summarizer.base import Backend, Options, Summary
from summarizer.engine import EngineChoice, load
from summarizer.errors import Cancelled
from summarizer.service import DocInput, Summarizer
from summarizer.service import Progress as ChunkProgress

TOKENS_PER_PAGE = 600  # for the estimate, before a model has measured anything


@dataclass(frozen=True)
class Progress:
    """One thing that happened. ``kind`` is one of: start, engine, skipped, queued (a file that
    will be read), estimate, ocr (a scanned page read: ``pages_done``/``pages_total`` of that
    file in ``message``), extracted, chunks, summarized, failed, cancelled, done."""

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
class _Counts:
    summarized: int = 0
    skipped: int = 0
    failed: int = 0
    docs_total: int = 0
    pages_done: int = 0
    pages_total: int = 0
    chunks_done: int = 0
    chunks_total: int = 0


def limits_for(settings: Settings) -> Limits:
    return Limits(
        timeout_s=settings.timeout_s,
        memory_mb=settings.memory_mb,
        ocr=settings.ocr,
        ocr_lang=settings.ocr_lang,
    )


def load_backend(settings: Settings) -> tuple[Backend, str | None]:
    options = Options(
        length=settings.length, num_beams=settings.num_beams, precision=settings.precision
    )
    choice = EngineChoice(
        settings.engine, settings.model, settings.backend, settings.offline, settings.similarity
    )
    return load(choice, options)


def run(
    paths: Sequence[str | Path],
    settings: Settings,
    store: Store,
    *,
    password: str | None = None,
    should_cancel: Callable[[], bool] | None = None,
    backend: tuple[Backend, str | None] | None = None,
) -> Iterator[Progress]:
    """Summarize ``paths`` into ``store``, yielding progress events as work happens."""
    cancel = should_cancel or (lambda: False)
    start = time.perf_counter()
    c = _Counts()

    def ev(kind: str, **kw: Any) -> Progress:
        return Progress(
            kind,
            docs_done=c.summarized + c.failed,
            elapsed=round(time.perf_counter() - start, 3),
            **asdict(c),
            **kw,
        )

    files = discover(
        paths, recursive=settings.recursive, include=settings.include, exclude=settings.exclude
    )
    yield ev("start", message=f"{len(files)} file(s) found")
    engine, fallback = backend or load_backend(settings)
    summarizer = Summarizer(engine, should_cancel=cancel, fallback_reason=fallback)
    yield ev(
        "engine",
        error_kind="fallback" if fallback else "",
        message=fallback
        or f"{engine.kind} engine: {engine.name} "
        f"({engine.model_id}, {engine.precision} on {engine.device})",
    )
    run_id = store.start_run({"paths": [str(p) for p in paths], **asdict(settings)})
    status = "done"
    try:
        todo = yield from _dedup_and_skip(files, store, summarizer.key, c, ev, run_id)
        limits = limits_for(settings)
        with WorkerPool(settings.workers) as pool:
            yield from _estimate(todo, pool, store, summarizer, limits, password, c, ev)
            yield from _extract_and_summarize(
                todo, pool, store, summarizer, limits, password, settings, cancel, c, ev, run_id
            )
    except Cancelled:
        status = "cancelled"
        yield ev("cancelled", message="Cancelled; finished documents are saved.")
    finally:
        store.finish_run(run_id, c.summarized, c.skipped, c.failed, status)
    if status == "done":
        yield ev(
            "done", message=f"{c.summarized} summarized, {c.skipped} skipped, {c.failed} failed"
        )


Todo = list[tuple[str, list[Path]]]


def _dedup_and_skip(
    files: list[Path], store: Store, key: str, c: _Counts, ev: Callable[..., Progress], run_id: int
) -> Generator[Progress, None, Todo]:
    groups: dict[str, list[Path]] = {}
    for path in files:
        try:
            sha = sha256_file(path)
        except OSError as exc:
            c.failed += 1
            message = f"{path.name} cannot be read ({exc.strerror or exc}); check the path."
            store.record_failure(str(path), "unreadable", message, run_id)
            yield ev("failed", path=str(path), error_kind="unreadable", message=message)
            continue
        groups.setdefault(sha, []).append(path)
    todo: list[tuple[str, list[Path]]] = []
    for sha, group in groups.items():
        if store.has_summary(sha, key):
            for p in group:
                store.note_path(sha, str(p))
            c.skipped += 1
            yield ev("skipped", path=str(group[0]), message="already summarized")
        else:
            todo.append((sha, group))
    c.docs_total = len(todo)
    for _sha, group in todo:
        yield ev("queued", path=str(group[0]))
    return todo


def _estimate(
    todo: list[tuple[str, list[Path]]],
    pool: WorkerPool,
    store: Store,
    summarizer: Summarizer,
    limits: Limits,
    password: str | None,
    c: _Counts,
    ev: Callable[..., Progress],
) -> Iterator[Progress]:
    with pool.worker() as worker:
        c.pages_total = sum(worker.count_pages(g[0], password, limits) for _, g in todo)
    backend = summarizer.backend
    if backend.kind == "extractive":
        c.chunks_total = len(todo)
    else:
        c.chunks_total = max(len(todo), c.pages_total * TOKENS_PER_PAGE // summarizer.budget)
    per_chunk = store.seconds_per_chunk(summarizer.key)
    when = (
        f"about {_duration(per_chunk * c.chunks_total)} at the speed measured here"
        if per_chunk is not None
        else "time: measured after the first batch"
    )
    yield ev(
        "estimate",
        message=f"{len(todo)} document(s) to summarize, {c.pages_total} pages, "
        f"~{c.chunks_total} chunk(s); {when}",
    )


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _extract_and_summarize(
    todo: list[tuple[str, list[Path]]],
    pool: WorkerPool,
    store: Store,
    summarizer: Summarizer,
    limits: Limits,
    password: str | None,
    settings: Settings,
    cancel: Callable[[], bool],
    c: _Counts,
    ev: Callable[..., Progress],
    run_id: int,
) -> Iterator[Progress]:
    batch: list[tuple[Document, list[Path]]] = []
    ahead = max(2, settings.workers * 2)  # bounded look-ahead keeps memory flat

    scanned: queue.Queue[tuple[Path, int, int]] = queue.Queue()  # OCR pages read, per file

    def extract(path: Path) -> Document:
        def on_page(done: int, total: int) -> None:
            scanned.put((path, done, total))

        return read_pdf(path, password=password, limits=limits, pool=pool, on_page=on_page)

    def ocr_events(future: Future[Document]) -> Iterator[Progress]:
        while True:
            finished = future.done() or bool(wait([future], timeout=0.2).done)
            while not scanned.empty():
                path, done, total = scanned.get()
                yield ev("ocr", path=str(path), message=f"OCR: page {done} of {total}")
            if finished:
                return

    with ThreadPoolExecutor(max_workers=settings.workers) as ex:
        pending: list[tuple[Future[Document], str, list[Path]]] = []
        items = iter(todo)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < ahead:
                nxt = next(items, None)
                if nxt is None:
                    exhausted = True
                    break
                sha, group = nxt
                pending.append((ex.submit(extract, group[0]), sha, group))
            if not pending:
                break
            future, sha, group = pending.pop(0)
            if cancel():
                for f, _, _ in pending:
                    f.cancel()
                raise Cancelled()
            yield from ocr_events(future)
            try:
                doc = future.result()
            except AppError as exc:
                c.failed += 1
                store.record_failure(str(group[0]), exc.kind, exc.user_message, run_id, sha)
                yield ev(
                    "failed", path=str(group[0]), error_kind=exc.kind, message=exc.user_message
                )
                continue
            c.pages_done += doc.page_count
            ocr_note = f", {plural(len(doc.ocr_pages), 'page')} by OCR" if doc.ocr_pages else ""
            yield ev(
                "extracted",
                path=str(group[0]),
                title=doc.title,
                message=plural(doc.page_count, "page") + ocr_note,
            )
            batch.append((doc, group))
            if len(batch) >= settings.batch_docs:
                yield from _summarize_batch(batch, store, summarizer, c, ev, run_id, settings)
                batch = []
    if batch:
        yield from _summarize_batch(batch, store, summarizer, c, ev, run_id, settings)


def _summarize_batch(
    batch: list[tuple[Document, list[Path]]],
    store: Store,
    summarizer: Summarizer,
    c: _Counts,
    ev: Callable[..., Progress],
    run_id: int,
    settings: Settings,
) -> Iterator[Progress]:
    inputs = [
        DocInput(d.sha256, without_abstract(d), len(d.usable_pages), d.outline) for d, _ in batch
    ]
    base_done = c.chunks_done
    results: list[Summary | AppError] = []
    for item in live_summaries(summarizer, inputs, store.path):
        if isinstance(item, ChunkProgress):
            c.chunks_done = base_done + item.done
            yield ev("chunks")
        else:
            results = item
    c.chunks_done = max(c.chunks_done, base_done + len(batch))
    for (doc, group), result in zip(batch, results, strict=True):
        if isinstance(result, AppError):
            c.failed += 1
            store.record_failure(
                str(group[0]), result.kind, result.user_message, run_id, doc.sha256
            )
            yield ev(
                "failed", path=str(group[0]), error_kind=result.kind, message=result.user_message
            )
            continue
        doc_id = store.save(doc, result, str(group[0]))
        for extra in group[1:]:
            store.note_path(doc.sha256, str(extra))
        c.summarized += 1
        if settings.sidecar:
            from app.export import write_sidecar

            write_sidecar(store, doc_id, group[0])
        yield ev(
            "summarized",
            path=str(group[0]),
            title=doc.title,
            document_id=doc_id,
            message=f"{result.backend}, {plural(result.chunks, 'chunk')}, {result.seconds:.1f} s",
        )


def without_abstract(doc: Document) -> tuple[Sentence, ...]:
    """The document's sentences less those of the author's abstract: it is stored and shown as
    the author's, never copied into the generated summary (#10)."""
    sents = tuple(sentences(doc))
    if not doc.abstract:
        return sents
    abstract = " ".join(doc.abstract.split())

    def in_abstract(s: Sentence) -> bool:
        text = " ".join(s.text.split())
        if "Abstract" in text:  # the marker, and a title glued before it, are not the abstract
            text = text.split("Abstract", 1)[1].lstrip(" —–:.-")
        return s.page <= 2 and bool(text) and text in abstract

    kept = tuple(s for s in sents if not in_abstract(s))
    return kept or sents
