"""Watching a folder: new and changed PDFs are summarized once they stop changing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from app import pipeline
from app.discover import discover
from app.settings import Settings
from app.store import Store

PARTIAL_SUFFIXES = (".part", ".crdownload", ".tmp", ".download", "~")


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
) -> Iterator[pipeline.Progress]:
    """Summarize what is in ``folder`` now, then each new or changed PDF when it settles."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    stop = stop or (lambda: False)
    backend = pipeline.load_backend(settings)
    yield from pipeline.run([folder], settings, store, backend=backend)
    changed: dict[Path, float] = {}
    lock = threading.Lock()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory:
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
                    ready.append(path)
            files = [
                p
                for p in ready
                if discover([p], include=settings.include, exclude=settings.exclude)
                and _wanted(p, settings)
            ]
            if files:
                yield from pipeline.run(files, settings, store, backend=backend)
    finally:
        observer.stop()
        observer.join()


def _wanted(path: Path, settings: Settings) -> bool:
    import fnmatch

    name = path.name.lower()
    return any(fnmatch.fnmatch(name, p.lower()) for p in settings.include) and not any(
        fnmatch.fnmatch(name, p.lower()) for p in settings.exclude
    )
