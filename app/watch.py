"""Watching a folder: new and changed PDFs are summarized once they stop changing."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

from app import pipeline
from app.discover import discover, wanted
from app.engine_choice import load_engine
from app.settings import Settings
from app.store import Store
from ingestion import sha256_file

PARTIAL_SUFFIXES = (".part", ".crdownload", ".tmp", ".download", "~")
# Events that mean a file's bytes may have changed. Reading a file (as the pipeline does) also
# raises "opened" and "closed_no_write" events; reacting to those retried failing files forever.
CHANGE_EVENTS = frozenset({"created", "modified", "moved", "closed"})


def watch_folder(
    folder: Path,
    settings: Settings,
    store: Store,
    *,
    debounce: float = 2.0,
    poll: float = 0.25,
    stop: Callable[[], bool] | None = None,
    looked: Callable[[float], None] | None = None,
) -> Generator[pipeline.Progress, None, None]:
    """Summarize what is in ``folder`` now, then each new or changed PDF when it settles.
    ``looked(now)`` is told each time the watcher has looked for settled files (its clock,
    time.monotonic()), from the first look after it started observing: what a caller waits on
    instead of sleeping (#23)."""
    stop = stop or (lambda: False)
    engine = load_engine(settings)
    failures = Failures()

    def run(paths: list[Path]) -> Iterator[pipeline.Progress]:
        if paths != [folder]:  # files may go between settling and reading: not a failure
            paths = [p for p in paths if p.exists()]
            if not paths:
                return
        for event in pipeline.run(paths, settings, store, engine=engine):
            failures.note(event)
            yield event

    yield from run([folder])
    changes = Changes(debounce)
    with observing(folder, settings.recursive, changes):
        while not stop():
            time.sleep(poll)
            now = time.monotonic()
            settled = changes.settled(now)
            if looked is not None:
                looked(now)
            files = [p for p in settled if _wanted(p, folder, settings) and not failures.same(p)]
            if files:
                yield from run(files)


class Changes:
    """The paths seen changing and when; a path settles once it has kept its size and mtime
    for ``debounce`` seconds and ends with %%EOF."""

    def __init__(self, debounce: float) -> None:
        self.debounce = debounce
        self._last: dict[Path, float] = {}  # path -> when it last changed
        self._seen: dict[Path, tuple[int, float]] = {}  # path -> (size, mtime) last looked at
        self._lock = threading.Lock()  # note() runs on the observer's thread

    def note(self, path: Path, now: float) -> None:
        with self._lock:
            self._last[path] = now

    def settled(self, now: float) -> list[Path]:
        """The paths that stopped changing, each given once; partial downloads and vanished
        files are dropped."""
        ready = []
        with self._lock:
            for path, last in list(self._last.items()):
                if now - last < self.debounce:
                    continue
                if path.name.endswith(PARTIAL_SUFFIXES) or not path.exists():
                    del self._last[path]
                    continue
                st = path.stat()
                sig = (st.st_size, st.st_mtime)
                if self._seen.get(path) != sig or not _complete(path):
                    self._seen[path] = sig  # still changing: look again after the debounce
                    self._last[path] = now
                    continue
                del self._last[path]
                self._seen.pop(path, None)
                ready.append(path)
        return ready


@contextlib.contextmanager
def observing(folder: Path, recursive: bool, changes: Changes) -> Iterator[None]:
    """A watchdog observer noting every file change under ``folder`` into ``changes``."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory or event.event_type not in CHANGE_EVENTS:
                return
            raw = getattr(event, "dest_path", "") or event.src_path
            changes.note(Path(raw if isinstance(raw, str) else raw.decode()), time.monotonic())

    observer = Observer()
    observer.schedule(Handler(), str(folder), recursive=recursive)
    observer.start()
    try:
        yield
    finally:
        observer.stop()
        observer.join()


class Failures:
    """The bytes (sha256) each path failed with, one entry per path: a failed file is tried
    again only when its bytes change, so a watch left running keeps its memory bounded."""

    def __init__(self) -> None:
        self._sha: dict[Path, str] = {}

    def note(self, event: pipeline.Progress) -> None:
        if event.kind not in ("failed", "summarized"):
            return
        key = Path(event.path).resolve()
        if event.kind == "summarized":
            self._sha.pop(key, None)
            return
        try:
            self._sha[key] = sha256_file(Path(event.path))
        except OSError:
            self._sha.pop(key, None)

    def same(self, path: Path) -> bool:
        """True when ``path`` still holds the very bytes that failed."""
        key = path.resolve()
        if key not in self._sha:
            return False
        try:
            return sha256_file(path) == self._sha[key]
        except OSError:
            return False


def _wanted(path: Path, folder: Path, settings: Settings) -> bool:
    """A settled path the folder's settings take (PDF, include and exclude globs)."""
    return (
        path.exists()
        and bool(discover([path], include=settings.include, exclude=settings.exclude))
        and wanted(path.name, _relative(path, folder), settings.include, settings.exclude)
    )


def _complete(path: Path) -> bool:
    """A PDF being written has no %%EOF at its end yet."""
    try:
        with path.open("rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - 2048))
            return size > 0 and b"%%EOF" in fh.read()
    except OSError:
        return False


def _relative(path: Path, folder: Path) -> str:
    try:
        return str(path.resolve().relative_to(folder.resolve()))
    except ValueError:
        return path.name
