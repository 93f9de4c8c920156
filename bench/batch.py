"""End-to-end batch throughput and peak memory: 100 vs 1,000 documents, one script run.

Each size runs `synopsis summarize` in its own process over freshly made 1-3 page PDFs into a
fresh library, so peak memory (max RSS of the batch process and of its extraction workers) is
measured per size. Memory must stay flat as the document count grows.
Usage: python bench/batch.py [--sizes 100,1000] [--engine extractive] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))

from pdfmaker import text_pdf  # noqa: E402

TOPICS = "budget harbour railway school library river hospital bridge market council".split()


def make_pdfs(folder: Path, n: int, rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        topic = rng.choice(TOPICS)
        paras = [
            f"Report {i} describes the {topic} project of district {rng.randint(1, 99)}. "
            f"The committee met {rng.randint(2, 12)} times and approved {rng.randint(1, 9)} "
            f"actions. Costs rose by {rng.randint(1, 30)} percent while the {topic} served "
            f"{rng.randint(100, 9000)} residents. The next review is planned for the spring."
            for _ in range(rng.randint(4, 14))
        ]
        text_pdf(folder / f"report-{i:05d}.pdf", paras, title=f"{topic.title()} report {i}")


CHILD = """
import json, resource, sys, time
from app.cli import main
t = time.perf_counter()
try:
    main(sys.argv[1:])
except SystemExit:
    pass
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": time.perf_counter() - t, "rss_mb": own, "worker_rss_mb": kids}),
      file=sys.stderr)
"""


def run(folder: Path, db: Path, engine: str, workers: int) -> dict[str, float]:
    cmd = [
        sys.executable,
        "-c",
        CHILD,
        "summarize",
        str(folder),
        "--db",
        str(db),
        "--json",
        "--engine",
        engine,
        "--workers",
        str(workers),
    ]
    env = {**os.environ, "SYNOPSIS_OFFLINE": "1"}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    stats = json.loads(proc.stderr.strip().splitlines()[-1])
    done = json.loads(proc.stdout.strip().splitlines()[-1])
    stats["summarized"] = done.get("summarized", 0)
    stats["failed"] = done.get("failed", 0)
    return stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--engine", default="extractive")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(3)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp) / f"docs-{n}"
            t = time.perf_counter()
            make_pdfs(folder, n, rng)
            print(f"made {n} PDFs in {time.perf_counter() - t:.0f} s", flush=True)
            stats = run(folder, Path(tmp) / f"lib-{n}.sqlite", args.engine, args.workers)
            rate = stats["summarized"] / stats["seconds"] * 60
            rows.append((n, rate, stats))
            print(
                f"{n:>6} documents: {rate:7.0f} docs/min, peak RSS {stats['rss_mb']:.0f} MB "
                f"(workers {stats['worker_rss_mb']:.0f} MB), failed {stats['failed']}",
                flush=True,
            )
    base = rows[0]
    print(
        f"\n| documents | docs/min | ratio | peak RSS MB | worker peak RSS MB | "
        f"memory vs {base[0]} |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for n, rate, s in rows:
        print(
            f"| {n:,} | {rate:.0f} | {rate / base[1]:.2f}x | {s['rss_mb']:.0f} | "
            f"{s['worker_rss_mb']:.0f} | {s['rss_mb'] / base[2]['rss_mb']:.2f}x |"
        )
    _ = resource  # rusage is read in the child


if __name__ == "__main__":
    main()
