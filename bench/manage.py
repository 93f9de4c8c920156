"""Managing a large library (#26): what the tag filter costs search and the list, and how long
removing documents and compacting take. Synthetic summaries as in bench/search.py; every
10th document tagged.
Usage: python bench/manage.py [--size 20000] [--queries 120] [--remove 1000]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import fill, queries, vocabulary

from app.store import Store


def timed(fn: Callable[[], object], repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, default=20000)
    ap.add_argument("--queries", type=int, default=120)
    ap.add_argument("--remove", type=int, default=1000)
    args = ap.parse_args()
    rng = random.Random(7)
    vocab = vocabulary(20000, rng)
    weights = list(itertools.accumulate(1 / (r + 1) for r in range(len(vocab))))
    qs = queries(vocab, args.queries, rng)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.sqlite") as store:
        fill(store, 0, args.size, vocab, weights, rng)
        tagged = list(range(1, args.size + 1, 10))
        tag_ms = timed(lambda: store.tag(tagged, "project"))[0]
        store.search(qs[0])  # warm the page cache
        rows = []
        for label, tag in (("search, whole library", None), ("search --tag project", "project")):
            times = [t for q in qs for t in timed(lambda q=q, tag=tag: store.search(q, tag=tag))]
            times.sort()
            rows.append((label, statistics.median(times), times[int(len(times) * 0.95) - 1]))
        for label, tag in (("list 2000, whole library", None), ("list --tag project", "project")):
            times = timed(lambda tag=tag: store.recent(limit=2000, tag=tag), repeat=10)
            rows.append((label, statistics.median(times), times[-1]))
        gone = rng.sample(range(1, args.size + 1), args.remove)
        rm_ms = timed(lambda: store.remove(gone))[0]
        left = store.count_documents()
        sizes = [(0, 0)]

        def compact() -> None:
            sizes[0] = store.compact()

        compact_ms = timed(compact)
        before, after = sizes[0]
    print(f"{args.size} documents, {len(tagged)} tagged 'project' ({tag_ms:.0f} ms to tag)")
    print(f"{'':28} {'p50 ms':>8} {'p95/max ms':>11} {'p50 vs whole':>13}")
    for i, (label, p50, p95) in enumerate(rows):
        base = rows[i - i % 2][1]
        print(f"{label:28} {p50:8.2f} {p95:11.2f} {p50 / base:12.2f}x")
    print(
        f"rm {args.remove} documents in one transaction: {rm_ms:.0f} ms "
        f"({rm_ms / args.remove:.2f} ms each); {left} left"
    )
    print(
        f"library compact: {compact_ms[0]:.0f} ms, {before / 2**20:.1f} MiB -> "
        f"{after / 2**20:.1f} MiB ({(before - after) / 2**20:.1f} MiB freed)"
    )


if __name__ == "__main__":
    main()
