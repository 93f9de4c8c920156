"""Watching a folder: new and changed PDFs are summarized once they stop changing."""

from __future__ import annotations

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


def watch_folder(
    folder: Path,
    settings: Settings,
    store: Store,
    *,
    debounce: float = 2.0,
    poll: float = 0.25,
    stop: Callable[[], bool] | None = None,
) -> Generator[pipeline.Progress, None, None]:
    """Summarize what is in ``folder`` now, then each new or changed PDF when it settles."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    stop = stop or (lambda: False)
    engine = load_engine(settings)
    failed: dict[Path, str] = {}  # path -> sha256 of the bytes that failed; one entry per path

    def run(paths: list[Path]) -> Iterator[pipeline.Progress]:
        if paths != [folder]:  # files may go between settling and reading: not a failure
            paths = [p for p in paths if p.exists()]
            if not paths:
                return
        for event in pipeline.run(paths, settings, store, engine=engine):
            if event.kind == "failed":
                _remember_failure(Path(event.path), failed)
            elif event.kind == "summarized":
                failed.pop(Path(event.path).resolve(), None)
            yield event

    yield from run([folder])
    changed: dict[Path, float] = {}
    lock = threading.Lock()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory or event.event_type not in CHANGE_EVENTS:
                return
            raw = getattr(event, "dest_path", "") or event.src_path
            target = Path(raw if isinstance(raw, str) else raw.decode())
            with lock:
                changed[target] = time.monotonic()

    observer = Observer()
    observer.schedule(Handler(), str(folder), recursive=settings.recursive)
    observer.start()
    sizes: dict[Path, tuple[int, float]] = {}
    try:
        while not stop():
            time.sleep(poll)
            now = time.monotonic()
            ready = []
            with lock:
                for path, last in list(changed.items()):
                    if now - last < debounce:
                        continue
                    if path.name.endswith(PARTIAL_SUFFIXES) or not path.exists():
                        del changed[path]
                        continue
                    st = path.stat()
                    sig = (st.st_size, st.st_mtime)
                    if sizes.get(path) != sig or not _complete(path):
                        sizes[path] = sig  # still changing: look again after the debounce
                        changed[path] = now
                        continue
                    del changed[path]
                    sizes.pop(path, None)
                    ready.append(path)
            files = [
                p
                for p in ready
                if p.exists()
                and discover([p], include=settings.include, exclude=settings.exclude)
                and wanted(p.name, _relative(p, folder), settings.include, settings.exclude)
                and not _failed_before(p, failed)
            ]
            if files:
                yield from run(files)
    finally:
        observer.stop()
        observer.join()


def _failed_before(path: Path, failed: dict[Path, str]) -> bool:
    """True when ``path`` still holds the very bytes that failed: it is retried only if they
    change."""
    key = path.resolve()
    if key not in failed:
        return False
    try:
        return sha256_file(path) == failed[key]
    except OSError:
        return False


def _remember_failure(path: Path, failed: dict[Path, str]) -> None:
    try:
        failed[path.resolve()] = sha256_file(path)
    except OSError:
        failed.pop(path.resolve(), None)


def _relative(path: Path, folder: Path) -> str:
    try:
        return str(path.resolve().relative_to(folder.resolve()))
    except ValueError:
        return path.name
