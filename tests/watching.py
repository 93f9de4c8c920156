"""`watch_folder` run in a thread for a test, with the watcher's own looks to wait on (#23):
a test waits until the watcher has looked late enough, never for a guessed time."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class Watched(list[Any]):
    """The events a watcher yielded, and the time (time.monotonic()) of its latest look."""

    def __init__(self) -> None:
        super().__init__()
        self.last_look = float("-inf")
        self._looked = threading.Condition()

    def note_look(self, now: float) -> None:
        with self._looked:
            self.last_look = now
            self._looked.notify_all()

    def looked_since(self, when: float, timeout: float = 60.0) -> None:
        """Wait until the watcher has looked for settled files at ``when`` or later."""
        with self._looked:
            assert self._looked.wait_for(lambda: self.last_look >= when, timeout), (
                f"the watcher did not look within {timeout} s"
            )

    def started(self, timeout: float = 60.0) -> None:
        """Wait until the watcher observes the folder (its first look comes after that)."""
        with self._looked:
            assert self._looked.wait_for(lambda: self.last_look > float("-inf"), timeout), (
                f"the watcher did not start within {timeout} s"
            )

    def quiet_for(self, seconds: float, timeout: float = 60.0) -> None:
        """Wait until the watcher has kept looking for ``seconds`` of its own time from now."""
        self.looked_since(time.monotonic() + seconds, timeout)


@contextlib.contextmanager
def watching(folder: Path, settings: Any, debounce: float, poll: float) -> Iterator[Watched]:
    """Run `watch_folder` in a thread; yields the list its events land in; stops on exit."""
    from app.store import Store
    from app.watch import watch_folder

    stop = threading.Event()
    events = Watched()

    def consume() -> None:
        with Store(settings.db) as store:
            for e in watch_folder(
                folder,
                settings,
                store,
                debounce=debounce,
                poll=poll,
                stop=stop.is_set,
                looked=events.note_look,
            ):
                events.append(e)

    thread = threading.Thread(target=consume)
    thread.start()
    try:
        yield events
    finally:
        stop.set()
        thread.join(30)
