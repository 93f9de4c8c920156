"""Where passage vectors live (#24): float32 BLOBs + numpy brute force against sqlite-vec.

Python's sqlite3 here is built without `enable_load_extension`, so a vec0 table needs a
second SQLite driver that loads extensions (sqlean-py) beside the stdlib one. This measures
both at the same size: insert time and top-10 query latency (p50/p95), one process run.
The sqlite-vec half runs only where `sqlean` and `sqlite_vec` import (not the project's
.venv: run it with an environment that has them, e.g. `pip install sqlean-py sqlite-vec`).
Usage: python bench/vector_store.py [--passages 100000] [--queries 100]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

DIM = 384


def p95(ms: list[float]) -> float:
    return sorted(ms)[max(0, int(len(ms) * 0.95) - 1)]


def numpy_blobs(
    db: Path, vectors: np.ndarray, queries: np.ndarray
) -> tuple[float, float, list[float]]:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE passages (id INTEGER PRIMARY KEY, vector BLOB NOT NULL)")
    t0 = time.perf_counter()
    with conn:
        conn.executemany(
            "INSERT INTO passages (vector) VALUES (?)",
            [(v.astype("<f4").tobytes(),) for v in vectors],
        )
    insert_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    rows = conn.execute("SELECT id, vector FROM passages ORDER BY id").fetchall()
    matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype="<f4").reshape(len(rows), DIM)
    load_s = time.perf_counter() - t0
    ms = []
    for q in queries:
        t = time.perf_counter()
        scores = matrix @ q
        top = np.argpartition(-scores, 9)[:10]
        top[np.argsort(-scores[top])]
        ms.append((time.perf_counter() - t) * 1000)
    return insert_s, load_s, ms


def sqlite_vec(
    db: Path, vectors: np.ndarray, queries: np.ndarray
) -> tuple[float, list[float]] | None:
    try:
        import sqlean
        import sqlite_vec as vec
    except ImportError:
        return None
    conn = sqlean.connect(str(db))
    conn.enable_load_extension(True)
    vec.load(conn)
    conn.execute(f"CREATE VIRTUAL TABLE passages_vec USING vec0(embedding float[{DIM}])")
    t0 = time.perf_counter()
    with conn:
        conn.executemany(
            "INSERT INTO passages_vec (rowid, embedding) VALUES (?, ?)",
            [(i + 1, v.astype("<f4").tobytes()) for i, v in enumerate(vectors)],
        )
    insert_s = time.perf_counter() - t0
    ms = []
    for q in queries:
        t = time.perf_counter()
        conn.execute(
            "SELECT rowid, distance FROM passages_vec WHERE embedding MATCH ? AND k = 10",
            (q.astype("<f4").tobytes(),),
        ).fetchall()
        ms.append((time.perf_counter() - t) * 1000)
    return insert_s, ms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=100)
    args = ap.parse_args()
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(args.passages, DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[rng.integers(0, args.passages, args.queries)]
    with tempfile.TemporaryDirectory() as tmp:
        ins, load, ms = numpy_blobs(Path(tmp) / "blobs.sqlite", vectors, queries)
        print(f"{args.passages:,} vectors x {DIM}, top-10, {args.queries} queries")
        print("| store | insert s | load s | p50 ms | p95 ms | p95 vs numpy |")
        print("|---|---:|---:|---:|---:|---:|")
        p50 = statistics.median(ms)
        print(f"| BLOBs + numpy | {ins:.1f} | {load:.2f} | {p50:.1f} | {p95(ms):.1f} | 1.0x |")
        other = sqlite_vec(Path(tmp) / "vec.sqlite", vectors, queries)
        if other is None:
            print("| sqlite-vec (vec0) | not installed here (needs sqlean-py and sqlite-vec) |")
        else:
            vins, vms = other
            print(
                f"| sqlite-vec vec0 | {vins:.1f} | - | {statistics.median(vms):.1f} | "
                f"{p95(vms):.1f} | {p95(vms) / p95(ms):.1f}x |"
            )


if __name__ == "__main__":
    main()
