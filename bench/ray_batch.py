"""Documents/min: the local pipeline against `--ray` with 1 and 2 workers, on the same files.

Each variant summarizes the same freshly made PDFs into its own fresh library, in one script
run, in the order local, ray-1, ray-2, local again (the repeat shows the machine's drift). The
Ray rows include starting a local cluster, as a user's `summarize --ray` run does; `--cluster`
starts one cluster first and joins it, which shows the per-run cost without the start.
Usage: python bench/ray_batch.py [--docs 200] [--engine extractive] [--cluster]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from batch import make_pdfs


def summarize(folder: Path, db: Path, engine: str, workers: int, ray: str | None) -> float:
    cmd = [sys.executable, "-m", "app.cli", "summarize", str(folder), "--db", str(db)]
    cmd += ["--json", "--engine", engine, "--workers", str(workers)]
    if ray is not None:
        cmd += ["--ray", ray]
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t
    done = json.loads(proc.stdout.strip().splitlines()[-1])
    if done.get("kind") != "done" or done.get("failed"):
        raise SystemExit(f"run failed: {proc.stderr[-2000:]}")
    return done["summarized"] / seconds * 60


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--engine", default="extractive")
    ap.add_argument("--cluster", action="store_true", help="start one cluster, join it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        make_pdfs(folder, args.docs, random.Random(5))
        address = "local"
        if args.cluster:
            subprocess.run(
                [
                    str(Path(sys.executable).parent / "ray"),
                    "start",
                    "--head",
                    "--disable-usage-stats",
                ],
                check=True,
            )
            address = "auto"
        variants = [
            ("local pipeline, 2 workers", 2, None),
            ("ray, 1 worker", 1, address),
            ("ray, 2 workers", 2, address),
            ("local pipeline again", 2, None),
        ]
        rows = []
        try:
            for i, (name, workers, ray) in enumerate(variants):
                db = Path(tmp) / f"lib-{i}.sqlite"
                rate = summarize(folder, db, args.engine, workers, ray)
                rows.append((name, rate))
                print(f"{name:28} {rate:7.0f} docs/min", flush=True)
        finally:
            if args.cluster:
                subprocess.run([str(Path(sys.executable).parent / "ray"), "stop"], check=False)
    base = rows[0][1]
    print(f"\n{args.docs} documents, {args.engine} engine")
    print("| variant | docs/min | vs local |")
    print("|---|---:|---:|")
    for name, rate in rows:
        print(f"| {name} | {rate:.0f} | {rate / base:.2f}x |")


if __name__ == "__main__":
    main()
