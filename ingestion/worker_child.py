"""The extraction worker's side of the pipe (``python -m ingestion.worker_child``).

It reads one request at a time from `ingestion.worker`'s parent side, caps its own address
space, and answers a `Document`, page progress, or the `AppError` a file earned. Kept apart
from the parent side so `ingestion.reader` (which hands files to workers) and this module
(which calls the reader) import each other in one direction only.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import IO

from ingestion.errors import AppError, MalformedPdf, out_of_memory
from ingestion.reader import count_pages, extract_document
from ingestion.worker import PARENT_ENV, MiB, _read, _write


def _end_with_parent(poll_s: float = 0.5) -> None:
    """Exit as soon as the process that started this worker is gone (killed, crashed): a
    worker busy with a long file would otherwise outlive it (#21)."""
    parent = int(os.environ.get(PARENT_ENV) or os.getppid())

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_s)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _bound_memory(extra_mb: int) -> None:
    try:
        import resource  # POSIX only; elsewhere only the time limit applies
    except ImportError:
        return
    try:
        with open("/proc/self/statm") as fh:
            current = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        current = 0
    limit = current + extra_mb * MiB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The worker's loop: read (op, path, password, limits, sha256), answer a Document or an
    AppError."""
    bounded = False
    while True:
        try:
            op, path, password, limits, sha256 = _read(stdin)
        except EOFError:
            return
        if not bounded:
            _bound_memory(limits.memory_mb)
            bounded = True
        try:
            if op == "pages":
                result: object = count_pages(Path(path), password)
            else:
                result = extract_document(
                    Path(path),
                    password,
                    limits,
                    lambda done, total: _write(stdout, (done, total)),
                    sha256,
                )
        except AppError as exc:
            result = exc
        except MemoryError:
            result = out_of_memory(path, limits.memory_mb)
        except RecursionError:
            result = MalformedPdf(path, "its structure nests too deeply")
        except Exception as exc:  # anything else from a parser means a damaged file to a user
            result = MalformedPdf(path, f"{type(exc).__name__}: {exc}")
        _write(stdout, result)


def main() -> None:
    _end_with_parent()
    # Our protocol owns the real stdout; stray prints from parsers go to stderr.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    serve(sys.stdin.buffer, out)


if __name__ == "__main__":
    main()
