"""The `synopsis` command line. Each command group lives in its own module."""

from __future__ import annotations

import sys

from app.cli import batch as _batch  # noqa: F401
from app.cli import bench as _bench  # noqa: F401
from app.cli import extract as _extract  # noqa: F401  (registers commands)
from app.cli import gui as _gui  # noqa: F401
from app.cli import library as _library  # noqa: F401
from app.cli import library_file as _library_file  # noqa: F401
from app.cli import manage as _manage  # noqa: F401  (after library_file: it adds to its group)
from app.cli import meaning as _meaning  # noqa: F401
from app.cli import models as _models  # noqa: F401
from app.cli import summarize as _summarize  # noqa: F401
from app.cli.base import cli, quiet_broken_pipe


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--extraction-worker"]:  # inside a frozen bundle (see ingestion.worker_child)
        from ingestion.worker_child import main as worker_main

        worker_main()
        return
    for stream in (sys.stdout, sys.stderr):  # text that cannot be encoded prints as "?"
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        try:
            cli.main(args=args, prog_name="synopsis")
        finally:
            sys.stdout.flush()  # a closed pipe shows here for output that was still buffered
    except BrokenPipeError:
        quiet_broken_pipe()
