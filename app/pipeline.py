"""The local executor: paths in, summaries stored. A generator of `Progress` events.

discover -> hash and dedup (copies and renames are one document) -> skip what is already
summarized with the same summary key -> extract in worker processes with per-file limits ->
summarize in batches across documents -> save each document in one transaction.
The CLI renders the events as a progress bar; the GUI worker forwards them as Qt signals.
Memory stays flat: only a bounded number of extracted documents is held at any time.
"""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path

from app.discover import discover
from app.engine_choice import load_engine
from app.meaning import deferred_note, passage_indexer
from app.run import Progress, Run, Todo, limits_for
from app.settings import Settings
from app.store import Store
from ingestion import Document, Limits, read_pdf
from ingestion.errors import AppError
from ingestion.worker import WorkerPool
from summarizer.engines import Done, Engine, input_for
from summarizer.errors import Cancelled

__all__ = ["Progress", "run"]


def run(
    paths: Sequence[str | Path],
    settings: Settings,
    store: Store,
    *,
    password: str | None = None,
    should_cancel: Callable[[], bool] | None = None,
    engine: Engine | None = None,
) -> Iterator[Progress]:
    """Summarize ``paths`` into ``store``, yielding progress events as work happens."""
    cancel = should_cancel or (lambda: False)
    state = Run(store, settings, indexer=passage_indexer(settings))
    files = discover(
        paths, recursive=settings.recursive, include=settings.include, exclude=settings.exclude
    )
    yield state.event("start", message=f"{len(files)} file(s) found")
    engine = engine or load_engine(settings)
    yield state.engine_event(engine.spec)
    with state.recorded(paths) as outcome:
        todo = yield from state.dedup_and_skip(files, engine.key(settings.summary_options()))
        if todo:  # with everything skipped or failed: no estimate, no progress bar
            limits = limits_for(settings)
            with WorkerPool(settings.workers) as pool:
                yield from _estimate(todo, pool, engine, limits, password, state)
                yield from _extract_and_summarize(
                    todo, pool, engine, limits, password, cancel, state
                )
        if note := deferred_note(state.indexer):
            yield state.event("index", message=note)
    yield from outcome


def _estimate(
    todo: Todo,
    pool: WorkerPool,
    engine: Engine,
    limits: Limits,
    password: str | None,
    state: Run,
) -> Iterator[Progress]:
    c = state.counts
    with pool.worker() as worker:
        c.pages_total = sum(worker.count_pages(g[0], password, limits) for _, g in todo)
    c.chunks_total = engine.estimate_chunks(len(todo), c.pages_total)
    settings = state.settings
    per_doc = state.store.seconds_per_document(settings.engine, settings.model)
    # Whole earlier runs measure the rate (reading included); with none, no guess is shown.
    when = f"; about {_duration(per_doc * len(todo))} at the rate measured here" if per_doc else ""
    yield state.event(
        "estimate",
        message=f"{len(todo)} document(s) to summarize, {c.pages_total} pages, "
        f"~{c.chunks_total} chunk(s){when}",
    )


def _duration(seconds: float) -> str:
    if seconds < 10:
        return "a few seconds"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _extract_and_summarize(
    todo: Todo,
    pool: WorkerPool,
    engine: Engine,
    limits: Limits,
    password: str | None,
    cancel: Callable[[], bool],
    state: Run,
) -> Iterator[Progress]:
    settings = state.settings
    batch: list[tuple[Document, list[Path]]] = []
    ahead = max(2, settings.workers * 2)  # bounded look-ahead keeps memory flat

    scanned: queue.Queue[tuple[Path, int, int]] = queue.Queue()  # OCR pages read, per file

    def extract(path: Path, sha: str) -> Document:
        def on_page(done: int, total: int) -> None:
            scanned.put((path, done, total))

        return read_pdf(
            path, password=password, limits=limits, pool=pool, on_page=on_page, sha256=sha
        )

    def ocr_events(future: Future[Document]) -> Iterator[Progress]:
        while True:
            finished = future.done() or bool(wait([future], timeout=0.2).done)
            while not scanned.empty():
                path, done, total = scanned.get()
                yield state.event("ocr", path=str(path), message=f"OCR: page {done} of {total}")
            if finished:
                return

    with ThreadPoolExecutor(max_workers=settings.workers) as ex:
        pending: list[tuple[Future[Document], str, list[Path]]] = []
        try:
            items = iter(todo)
            exhausted = False
            while pending or not exhausted:
                while not exhausted and len(pending) < ahead:
                    nxt = next(items, None)
                    if nxt is None:
                        exhausted = True
                        break
                    sha, group = nxt
                    pending.append((ex.submit(extract, group[0], sha), sha, group))
                if not pending:
                    break
                future, sha, group = pending.pop(0)
                if cancel():
                    raise Cancelled()
                yield from ocr_events(future)
                try:
                    doc = future.result()
                except AppError as exc:
                    yield state.fail_with(group[0], exc, sha)
                    continue
                yield state.extracted(doc, group[0])
                batch.append((doc, group))
                if len(batch) >= settings.batch_docs:
                    yield from _summarize_batch(batch, engine, cancel, state)
                    batch = []
        except BaseException:  # cancelled, interrupted, or the library cannot be written
            for f, _, _ in pending:
                f.cancel()
            pool.close()  # extractions in flight end now, not after their time limit
            raise
    if batch:
        yield from _summarize_batch(batch, engine, cancel, state)


def _summarize_batch(
    batch: list[tuple[Document, list[Path]]],
    engine: Engine,
    cancel: Callable[[], bool],
    state: Run,
) -> Iterator[Progress]:
    """Summarize one batch, saving each document as soon as the engine finishes it. Finished
    chunks are checkpointed in the library, so a killed run resumes them."""
    c = state.counts
    base_done = c.chunks_done
    steps = engine.summarize(
        [input_for(d) for d, _ in batch],
        state.settings.summary_options(),
        cache=state.store,
        should_cancel=cancel,
    )
    for step in steps:
        if not isinstance(step, Done):
            c.chunks_done = base_done + step.done
            yield state.event("chunks")
            continue
        doc, group = batch[step.index]
        if isinstance(step.result, AppError):
            yield state.fail_with(group[0], step.result, doc.sha256)
        else:
            yield state.save(doc, step.result, group)
    c.chunks_done = max(c.chunks_done, base_done + len(batch))
