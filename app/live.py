"""Summarizing a batch in a helper thread while the pipeline's generator yields its progress."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.store import Store
from ingestion.errors import AppError
from summarizer.base import Summary
from summarizer.service import DocInput, Summarizer
from summarizer.service import Progress as ChunkProgress


def live_summaries(
    summarizer: Summarizer, inputs: list[DocInput], db: Path
) -> Iterator[ChunkProgress | list[Summary | AppError]]:
    """Run summarize_many in a helper thread, yielding its chunk progress as it happens.

    The helper checkpoints chunks through a connection of its own (connections are confined
    to their thread), and it has always ended before this generator does, also when the
    consumer stops early, so nothing writes to the library behind the caller's back.
    """
    q: queue.Queue[tuple[str, Any]] = queue.Queue()
    summarizer.on_progress = lambda p: q.put(("progress", p))
    stop = threading.Event()
    previous_cancel = summarizer.should_cancel

    def work() -> None:
        try:
            with Store(db) as cache:
                summarizer.cache = cache
                q.put(("result", summarizer.summarize_many(inputs)))
        except BaseException as exc:  # delivered to the generator's thread
            q.put(("error", exc))
        finally:
            summarizer.cache = None

    summarizer.should_cancel = lambda: stop.is_set() or previous_cancel()
    thread = threading.Thread(target=work, name="summarize", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = q.get()
            if kind == "progress":
                yield value
            elif kind == "result":
                yield value
                return
            else:
                raise value
    finally:
        stop.set()  # the consumer stopped early: the helper ends at its next check
        thread.join()
        summarizer.should_cancel = previous_cancel
