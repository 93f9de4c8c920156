"""Extraction in a separate interpreter, reused across files.

`ExtractionWorker` starts ``python -m ingestion.worker_child`` once and sends it one request
per file over a pipe (length-prefixed pickles, both ends ours). The worker caps its own
address space, so a decompression bomb fails there; the parent enforces the time limit and
restarts the worker after a timeout or crash. `WorkerPool` hands out N workers to N threads.
"""

from __future__ import annotations

import pickle
import queue
import select
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ingestion.document import Document
from ingestion.errors import AppError, ExtractionTimeout, MalformedPdf, out_of_memory

MiB = 1024 * 1024
_HEADER = struct.Struct("!Q")
RECYCLE_AFTER = 200  # files per worker before a fresh one (bounds slow leaks in parsers)


def _write(stream: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:  # an unbuffered pipe may take part of it
        view = view[stream.write(view) or 0 :]
    stream.flush()


def _read_exact(stream: IO[bytes], size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read(stream: IO[bytes]) -> Any:
    (size,) = _HEADER.unpack(_read_exact(stream, _HEADER.size))
    return pickle.loads(_read_exact(stream, size))


def worker_command() -> list[str]:
    """How to start a worker: a module run normally, a hidden flag inside a frozen bundle."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--extraction-worker"]
    return [sys.executable, "-m", "ingestion.worker_child"]


class ExtractionWorker:
    """One worker process; not thread-safe (a pool gives one to each thread)."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._served = 0

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None or self._served >= RECYCLE_AFTER:
            self.close()
            self._proc = subprocess.Popen(
                worker_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                # Unbuffered: select() watches the pipe itself, so no answer (a result after
                # page progress) may wait unseen in a Python-side read buffer.
                bufsize=0,
            )
            self._served = 0
        return self._proc

    def extract(
        self,
        path: Path,
        password: str | None,
        limits: Any,
        on_page: Callable[[int, int], None] | None = None,
        sha256: str | None = None,
    ) -> Document:
        """Extract one file; ``on_page(done, total)`` hears each page OCR reads; ``sha256``,
        when the caller has hashed the file already, saves hashing it again."""
        result = self._call("extract", path, password, limits, on_page, sha256)
        assert isinstance(result, Document)
        return result

    def count_pages(self, path: Path, password: str | None, limits: Any) -> int:
        """Page count without extracting text (0 when the file cannot be opened)."""
        try:
            result = self._call("pages", path, password, limits)
        except AppError:
            return 0
        return int(result) if isinstance(result, int) else 0

    def _call(
        self,
        op: str,
        path: Path,
        password: str | None,
        limits: Any,
        on_page: Callable[[int, int], None] | None = None,
        sha256: str | None = None,
    ) -> object:
        """One request. The worker may answer (done, total) page progress before its result;
        each such page restarts the time limit, so a long scan is bounded per page."""
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            _write(proc.stdin, (op, str(path), password, limits, sha256))
        except BrokenPipeError as exc:
            self.close()
            raise MalformedPdf(path, "the extraction worker stopped unexpectedly") from exc
        while True:
            ready, _, _ = select.select([proc.stdout], [], [], limits.timeout_s)
            if not ready:
                self.close()
                raise ExtractionTimeout(path, limits.timeout_s)
            try:
                result = _read(proc.stdout)
            except EOFError as exc:
                code = proc.wait(5)
                self.close()
                if code in (-6, -9):
                    raise out_of_memory(path, limits.memory_mb) from exc
                raise MalformedPdf(path, f"the parser crashed (exit code {code})") from exc
            if not isinstance(result, tuple):
                break
            if on_page is not None:
                on_page(*result)
        self._served += 1
        if isinstance(result, BaseException):
            raise result
        return result

    def close(self) -> None:
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.kill()
            self._proc.wait()
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream is not None:
                    stream.close()
            self._proc = None


class WorkerPool:
    """N reusable workers for N concurrent extractions."""

    def __init__(self, size: int = 1) -> None:
        self._free: queue.Queue[ExtractionWorker] = queue.Queue()
        self._all = [ExtractionWorker() for _ in range(max(1, size))]
        for w in self._all:
            self._free.put(w)

    @contextmanager
    def worker(self) -> Iterator[ExtractionWorker]:
        w = self._free.get()
        try:
            yield w
        finally:
            self._free.put(w)

    def close(self) -> None:
        for w in self._all:
            w.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_default_pool: WorkerPool | None = None
_default_lock = threading.Lock()


def default_pool() -> WorkerPool:
    global _default_pool
    with _default_lock:
        if _default_pool is None:
            _default_pool = WorkerPool(1)
            import atexit

            atexit.register(_default_pool.close)
        return _default_pool
