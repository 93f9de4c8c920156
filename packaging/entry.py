"""Entry point of the bundled `synopsis` executable (CLI, GUI and extraction worker)."""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    if len(sys.argv) == 1 and getattr(sys, "frozen", False) and sys.stdin is None:
        sys.argv.append("gui")  # started from a desktop launcher without a terminal
    main()
