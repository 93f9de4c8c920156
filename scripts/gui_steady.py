"""Run the GUI tests many times in a row beside a CPU hog and print the tally (#23).

    .venv/bin/python scripts/gui_steady.py [--runs 20] [--until HH:MM] [-- PYTEST ARGS...]

Each run is a fresh `pytest tests/gui` process (offscreen Qt); one busy loop per hog keeps
a core spinning for the whole time, so a test that waits on time rather than on a signal or a
state shows up as a failure. Stops early at --until (UTC, when given), printing how many runs
were done; exits 1 if any run failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--hogs", type=int, default=1, help="busy loops beside the tests")
    parser.add_argument("--until", help="UTC HH:MM after which no new run starts")
    parser.add_argument("pytest_args", nargs="*", default=["tests/gui"])
    args = parser.parse_args()
    deadline = None
    if args.until:
        hour, minute = map(int, args.until.split(":"))
        now = dt.datetime.now(dt.UTC)
        deadline = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.hogs)]
    results: list[tuple[int, float, str]] = []
    try:
        for run in range(1, args.runs + 1):
            if deadline and dt.datetime.now(dt.UTC) >= deadline:
                print(f"stopped at --until {args.until}: {run - 1} of {args.runs} runs done")
                break
            start = time.monotonic()
            proc = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args.pytest_args],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            lines = (proc.stdout or proc.stderr).strip().splitlines()
            last = lines[-1] if lines else "(no output)"
            results.append((proc.returncode, time.monotonic() - start, last))
            print(f"run {run:2d}: {'passed' if proc.returncode == 0 else 'FAILED'}  {last}")
            if proc.returncode:
                print("\n".join(lines[-40:]))
            sys.stdout.flush()
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    passed = sum(code == 0 for code, _, _ in results)
    in_a_row = next((i for i, (code, _, _) in enumerate(results) if code), len(results))
    print(
        f"tally: {passed} of {len(results)} runs passed ({in_a_row} in a row from the first), "
        f"beside {args.hogs} CPU hog(s); {sum(s for _, s, _ in results) / 60:.1f} min of runs"
    )
    return 0 if results and passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
