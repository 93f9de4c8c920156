"""Extraction in a separate interpreter, reused across files.

`ExtractionWorker` starts ``python -m ingestion.worker_child`` once and sends it one request
per file over a pipe (length-prefixed pickles, both ends ours). The worker caps its own
address space, so a decompression bomb fails there; the parent enforces the time limit and
restarts the worker after a timeout or crash. `WorkerPool` hands out N workers to N threads.

A worker that dies by SIGABRT hit its memory bound (a failed allocation in C aborts); one
killed from outside (SIGKILL from the user or the OOM killer, SIGTERM…) is no fault of the
file: the request is sent once more to a fresh worker, and a second kill is `WorkerKilled`
(#21); any other death is a parser crash on a damaged file. Workers end
with their parent (see `ingestion.worker_child`).
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ingestion.document import Document
from ingestion.errors import (
    AppError,
    ExtractionTimeout,
    MalformedPdf,
    WorkerKilled,
    out_of_memory,
)

log = logging.getLogger(__name__)
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


# Signals that come from outside (the user, the OOM killer, a closing session); a parser's own
# crash (SIGSEGV, SIGBUS, SIGFPE) is the file's doing and stays "malformed".
KILLED_BY = frozenset({signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
PARENT_ENV = "SYNOPSIS_WORKER_PARENT"  # the parent's pid: a worker ends when it is gone


class _Killed(Exception):
    """The worker died by a signal other than SIGABRT."""

    def __init__(self, number: int) -> None:
        try:
            self.name = signal.Signals(number).name
        except ValueError:
            self.name = f"signal {number}"
        super().__init__(self.name)


class ExtractionWorker:
    """One worker process; not thread-safe (a pool gives one to each thread)."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._served = 0
        self._stopped = False  # closed for good: a killed request is not sent again

    @property
    def pid(self) -> int | None:
        """The worker process's id while one runs."""
        return self._proc.pid if self._proc is not None else None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None or self._served >= RECYCLE_AFTER:
            self.close()
            self._proc = subprocess.Popen(
                worker_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                env={**os.environ, PARENT_ENV: str(os.getpid())},
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
        each such page restarts the time limit, so a long scan is bounded per page. A worker
        killed by a signal gets the request once more (a fresh worker)."""
        try:
            return self._call_once(op, path, password, limits, on_page, sha256)
        except _Killed as first:
            if self._stopped:
                raise WorkerKilled(path, first.name, retried=False) from first
            log.warning("extraction worker killed by %s; reading %s again", first.name, path)
            try:
                return self._call_once(op, path, password, limits, on_page, sha256)
            except _Killed as second:
                raise WorkerKilled(path, second.name) from second

    def _call_once(
        self,
        op: str,
        path: Path,
        password: str | None,
        limits: Any,
        on_page: Callable[[int, int], None] | None,
        sha256: str | None,
    ) -> object:
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            _write(proc.stdin, (op, str(path), password, limits, sha256))
        except BrokenPipeError as exc:
            code = proc.wait(5)
            self.close()
            if code is not None and -code in KILLED_BY:
                raise _Killed(-code) from exc
            raise MalformedPdf(path, "the extraction worker stopped unexpectedly") from exc
        while True:
            ready, _, _ = select.select([proc.stdout], [], [], limits.timeout_s)
            if not ready:
                self.close()
                raise ExtractionTimeout(path, limits.timeout_s)
            try:
                result = _read(proc.stdout)
            except (EOFError, ValueError, OSError) as exc:  # ValueError: closed by close()
                code = proc.wait(5)
                self.close()
                if code == -signal.SIGABRT:
                    raise out_of_memory(path, limits.memory_mb) from exc
                if -code in KILLED_BY:
                    raise _Killed(-code) from exc
                raise MalformedPdf(path, f"the parser crashed (exit code {code})") from exc
            if not isinstance(result, tuple):
                break
            if on_page is not None:
                on_page(*result)
        self._served += 1
        if isinstance(result, BaseException):
            raise result
        return result

    def stop(self) -> None:
        """Close for good: a request in flight ends now and is not sent again."""
        self._stopped = True
        self.close()

    def close(self) -> None:
        proc, self._proc = self._proc, None  # a pool may stop it from another thread
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    stream.close()


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
            w.stop()

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
