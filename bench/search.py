"""Search latency (p50/p95) at 10k, 100k and 1M stored summaries, one process run.

Synthetic summaries (Zipf-distributed words, 40-80 per summary) go straight into a fresh
library; the queries mix rare and common words, two-word AND, OR, phrases and prefixes, each
run through `Store.search` (bm25 ranking, snippets, top 20).
Usage: python bench/search.py [--sizes 10000,100000,1000000] [--queries 200]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's code

from app.store import Store

SYLLABLES = "ka lo mi su re ta no vi da pe zu ri mo la ne so ti ga bu fe".split()


def vocabulary(n: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def fill(
    store: Store, start: int, count: int, vocab: list[str], weights: list[float], rng: random.Random
) -> None:
    conn = store.conn
    conn.execute("PRAGMA synchronous=OFF")  # bulk load of synthetic rows only
    conn.execute("BEGIN")
    for base in range(start, start + count, 5000):
        n = min(5000, start + count - base)
        docs, sums, index = [], [], []
        for i in range(base, base + n):
            text = " ".join(rng.choices(vocab, cum_weights=weights, k=rng.randint(40, 80)))
            title = " ".join(rng.choices(vocab, cum_weights=weights, k=4)).title()
            docs.append((i + 1, f"{i:064x}", title, 3, 3, "2026-01-01", "2026-01-01"))
            sums.append((i + 1, "extractive|textrank|extractive|fp32|medium|1", text))
            index += [(title, None, i + 1, "title"), (None, text, i + 1, "summary")]
        conn.executemany(
            "INSERT INTO documents (id, sha256, title, page_count, pages_with_text, added_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            docs,
        )
        conn.executemany(
            "INSERT INTO summaries (document_id, summary_key, engine, model, backend, precision,"
            " length, engine_version, text, parts, pages, coverage, chunks, levels, seconds, "
            "created_at) VALUES (?, ?, 'extractive', 'textrank', 'extractive', 'fp32', "
            "'medium', '1', ?, '[]', '[]', 1, 1, 1, 0, '2026-01-01')",
            sums,
        )
        conn.executemany(
            "INSERT INTO search_index (title, summary, document_id, kind) VALUES (?, ?, ?, ?)",
            index,
        )
    conn.execute("COMMIT")


def queries(vocab: list[str], n: int, rng: random.Random) -> list[str]:
    common, rare = vocab[:30], vocab[-2000:]
    kinds = [
        lambda: rng.choice(rare),
        lambda: rng.choice(common),
        lambda: f"{rng.choice(common)} {rng.choice(rare)}",
        lambda: f"{rng.choice(rare)} OR {rng.choice(rare)}",
        lambda: f'"{rng.choice(common)} {rng.choice(common)}"',
        lambda: rng.choice(rare)[:4] + "*",
    ]
    return [kinds[i % len(kinds)]() for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    rng = random.Random(7)
    vocab = vocabulary(20000, rng)
    # Zipf: vocab[0] is the most common word (cumulative weights make sampling fast).
    weights = list(itertools.accumulate(1 / (r + 1) for r in range(len(vocab))))
    sizes = [int(s) for s in args.sizes.split(",")]
    qs = queries(vocab, args.queries, rng)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.sqlite") as store:
        have = 0
        for size in sizes:
            t0 = time.perf_counter()
            fill(store, have, size - have, vocab, weights, rng)
            have = size
            load_s = time.perf_counter() - t0
            store.search(qs[0])  # warm the page cache
            times, hits = [], []
            for q in qs:
                t = time.perf_counter()
                hits.append(len(store.search(q, limit=20)))
                times.append((time.perf_counter() - t) * 1000)
            times.sort()
            p50 = statistics.median(times)
            p95 = times[int(len(times) * 0.95) - 1]
            rows.append((size, p50, p95, max(times), statistics.mean(hits), load_s))
            print(
                f"{size:>9} summaries: p50 {p50:6.2f} ms  p95 {p95:7.2f} ms  "
                f"max {max(times):7.1f} ms  (loaded in {load_s:.0f} s)",
                flush=True,
            )
    print("\n| stored summaries | p50 ms | p95 ms | max ms | p95 vs 10k |")
    print("|---:|---:|---:|---:|---:|")
    for size, p50, p95, worst, _, _ in rows:
        print(f"| {size:,} | {p50:.2f} | {p95:.2f} | {worst:.1f} | {p95 / rows[0][2]:.1f}x |")


if __name__ == "__main__":
    main()
