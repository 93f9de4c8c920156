"""PDF fuzzing at scale (#21): thousands of seeded mutations of valid PDFs, each read as
`synopsis extract --json` reads it, in the extraction worker with its time and memory bounds.

Prints the files tried, the outcomes by kind, how many damaged files were caught by the
worker's last-resort handler (a parser exception turned into "malformed"), the slowest file,
and the unhandled count (the goal: 0). The CI test (tests/app/test_fuzz.py) runs 300.
Usage: python bench/fuzz.py [--files 2000] [--seed 21] [--timeout 20] [--memory-mb 1024]
       [--keep DIR]  (keeps the files whose outcome was unhandled or a timeout)
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))
sys.path.insert(0, str(ROOT))

from pdffuzz import mutate, seed_pdfs, try_file  # noqa: E402

from ingestion.reader import Limits  # noqa: E402
from ingestion.worker import WorkerPool  # noqa: E402

CAUGHT = re.compile(r"\(\w+(?:Error|Exception|Warning)\b")  # "…could not be read (KeyError: …"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--memory-mb", type=int, default=1024)
    ap.add_argument("--keep", type=Path, help="Copy unhandled and timed-out files here.")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    limits = Limits(timeout_s=args.timeout, memory_mb=args.memory_mb)
    outcomes: Counter[str] = Counter()
    caught = 0
    slowest = (0.0, "")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, WorkerPool(1) as pool:
        seeds = seed_pdfs(Path(tmp) / "seeds", ROOT / "samples")
        for i in range(args.files):
            path = Path(tmp) / f"fuzz{args.seed}-{i:05d}.pdf"
            path.write_bytes(mutate(seeds, rng))
            outcome, seconds, message = try_file(path, limits, pool)
            outcomes[outcome] += 1
            caught += outcome == "malformed" and bool(CAUGHT.search(message))
            slowest = max(slowest, (seconds, path.name))
            if args.keep and (outcome.startswith("unhandled") or outcome == "timeout"):
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, args.keep / path.name)
                print(f"  {path.name}: {outcome}: {message[:160]}")
            path.unlink()
    wall = time.perf_counter() - started
    unhandled = sum(n for k, n in outcomes.items() if k.startswith("unhandled"))
    print(f"files tried: {args.files} (seed {args.seed}, {len(seeds)} seed PDFs), {wall:.0f} s")
    print(f"{'outcome':28} {'files':>6} {'share':>7}")
    for kind, n in outcomes.most_common():
        print(f"{kind:28} {n:6d} {n / args.files:7.1%}")
    print(f"malformed via the worker's last-resort handler: {caught}")
    print(f"hangs stopped by the time limit: {outcomes['timeout']}")
    print(f"slowest file: {slowest[1]} {slowest[0]:.2f} s")
    print(f"unhandled: {unhandled}")
    sys.exit(1 if unhandled else 0)


if __name__ == "__main__":
    main()
