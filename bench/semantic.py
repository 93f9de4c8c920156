"""Finding by meaning (#24): quality of keyword, semantic and hybrid search on a labelled query
set, latency at 100k passages, embedding throughput and its share of a summarize run.

1. Summarizes ../shared/corpus/pdfs into a fresh library with the extractive engine and
   passages off (the run's time), then backfills the passages (`Indexer.backfill`, the same
   code a summarize run calls per document): passages/s and added time / summarize time.
   `--db LIB` skips this and uses an already indexed library.
2. Runs bench/semantic_queries.tsv (query, words|meaning, file, answering pages) in each mode:
   recall@5 and MRR@10 of the answering document, and page@5 (that document in the top 5
   with an answering page shown), overall and per kind.
3. Pads a copy of the library to `--passages` with synthetic passages (real vectors plus
   noise, renormalized) and times searches: p50/p95 per mode, query embedding included, and
   the one-time load of the vector matrix.
Usage: python bench/semantic.py [--db LIB] [--passages 100000] [--repeat 40]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import meaning, pipeline  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.store import Store  # noqa: E402
from app.store.hybrid import (  # noqa: E402
    POOL_PAGES,
    Found,
    keyword_pages,
    ranked_pages,
)
from app.store.vectors import VectorIndex  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "pdfs"
QUERIES = ROOT / "bench" / "semantic_queries.tsv"


def build(db: Path) -> dict[str, float]:
    """Summarize the corpus (passages off), then backfill the passages; the timings."""
    settings = Settings(db=db, engine="extractive", workers=1, semantic=False)
    t0 = time.perf_counter()
    with Store(db) as store:
        for _ in pipeline.run([CORPUS], settings, store):
            pass
    summarize_s = time.perf_counter() - t0
    embed_s = 0.0

    def timed(texts):  # type: ignore[no-untyped-def]
        nonlocal embed_s
        t = time.perf_counter()
        out = meaning.embed(texts)
        embed_s += time.perf_counter() - t
        return out

    meaning.embed(["load the model once before timing"])
    t0 = time.perf_counter()
    with Store(db) as store:
        done = list(meaning.Indexer(timed).backfill(store))
        passages = store.passage_count()
    index_s = time.perf_counter() - t0
    return {
        "summarize_s": summarize_s,
        "index_s": index_s,
        "embed_s": embed_s,
        "passages": passages,
        "documents": len(done),
    }


def load_queries() -> list[dict[str, str]]:
    lines = [
        ln for ln in QUERIES.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


def any_word_bm25(store: Store, query: str) -> list[Found]:
    """The strongest keyword baseline: bm25 rows holding every word, then any content word,
    each document at its best row."""
    best: dict[int, Found] = {}
    for (doc, _page), (where, snip, page, _s) in keyword_pages(
        store.conn, query, POOL_PAGES, any_word=True
    ).items():
        if doc not in best:
            best[doc] = Found(doc, "", "", where, snip, 0.0, ("words",), page)
    return list(best.values())[:10]


RUNNERS: dict[str, Callable[[Store, str], list[Found]]] = {
    # as typed in the window's search box (every word quoted, all required)
    "keyword": lambda store, q: meaning.search(store, q, "keyword", 10).hits,
    "keyword, any word": any_word_bm25,
    "semantic": lambda store, q: meaning.search(store, q, "semantic", 10).hits,
    "hybrid": lambda store, q: meaning.search(store, q, "hybrid", 10).hits,
}


def page_ranks(store: Store, query: str) -> dict[str, list[tuple[int, int]]]:
    """(document, page) lists, best first: bm25 over page rows (typed words, then any word),
    meaning, and the two fused."""
    vector = meaning.embed([query])[0]
    return {
        "keyword, any word": list(keyword_pages(store.conn, query, POOL_PAGES, any_word=True)),
        "semantic": [k for k, _ in ranked_pages(store, query, vector, "semantic", POOL_PAGES)[0]],
        "hybrid": [k for k, _ in ranked_pages(store, query, vector, "hybrid", POOL_PAGES)[0]],
    }


def evaluate_pages(store: Store, rows: list[dict[str, str]]) -> dict[str, dict[str, float]]:
    """Page-level recall@5 and MRR@10: is an answering page of the right document ranked?"""
    files = {
        Path(path).name: doc
        for doc, path in store.conn.execute("SELECT document_id, path FROM document_paths")
    }
    found: dict[str, list[tuple[float, float]]] = {}
    for row in rows:
        want = files.get(row["file"])
        pages = {int(p) for p in row["pages"].split(",")}
        for mode, keys in page_ranks(store, row["query"]).items():
            ranks = [i for i, (d, p) in enumerate(keys[:10], 1) if d == want and p in pages]
            rank = ranks[0] if ranks else None
            for kind in ("all", row["kind"]):
                found.setdefault(f"{mode}/{kind}", []).append(
                    (1.0 if rank and rank <= 5 else 0.0, 1.0 / rank if rank else 0.0)
                )
    return {
        k: {
            "recall@5": statistics.mean(v[0] for v in vals),
            "mrr": statistics.mean(v[1] for v in vals),
        }
        for k, vals in found.items()
    }


def evaluate(store: Store, rows: list[dict[str, str]]) -> dict[str, dict[str, float]]:
    files = {
        Path(path).name: doc
        for doc, path in store.conn.execute("SELECT document_id, path FROM document_paths")
    }
    out: dict[str, dict[str, float]] = {}
    for mode, runner in RUNNERS.items():
        per: dict[str, list[tuple[float, float, float]]] = {"all": [], "words": [], "meaning": []}
        for row in rows:
            want = files.get(row["file"])
            pages = {int(p) for p in row["pages"].split(",")}
            hits = runner(store, row["query"])
            ranks = [i for i, h in enumerate(hits, 1) if h.document_id == want]
            rank = ranks[0] if ranks else None
            recall = 1.0 if rank and rank <= 5 else 0.0
            rr = 1.0 / rank if rank else 0.0
            page = 1.0 if rank and rank <= 5 and hits[rank - 1].page in pages else 0.0
            per["all"].append((recall, rr, page))
            per[row["kind"]].append((recall, rr, page))
        for kind, vals in per.items():
            out[f"{mode}/{kind}"] = {
                "recall@5": statistics.mean(v[0] for v in vals),
                "mrr": statistics.mean(v[1] for v in vals),
                "page@5": statistics.mean(v[2] for v in vals),
                "n": len(vals),
            }
    return out


def pad(store: Store, target: int, rng: np.random.Generator) -> int:
    """Add synthetic passages (real ones' vectors plus noise) until ``target``; their count."""
    conn = store.conn
    rows = conn.execute("SELECT document_id, page, section, text, vector FROM passages").fetchall()
    have = len(rows)
    if have >= target:
        return 0
    base = np.stack([np.frombuffer(r[4], dtype="<f4") for r in rows])
    conn.execute("PRAGMA synchronous=OFF")  # bulk load of synthetic rows only
    conn.execute("BEGIN")
    added = 0
    while have + added < target:
        n = min(5000, target - have - added)
        pick = rng.integers(0, len(rows), n)
        vecs = base[pick] + rng.normal(0, 0.05, (n, base.shape[1])).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        conn.executemany(
            "INSERT INTO passages (document_id, page, section, text, vector) VALUES (?,?,?,?,?)",
            [
                (rows[i][0], rows[i][1], rows[i][2], rows[i][3], v.astype("<f4").tobytes())
                for i, v in zip(pick, vecs, strict=True)
            ],
        )
        added += n
    conn.execute("COMMIT")
    return added


def latency(store: Store, rows: list[dict[str, str]], repeat: int) -> dict[str, list[float]]:
    queries = [r["query"] for r in rows][:repeat]
    times: dict[str, list[float]] = {}
    for mode in meaning.MODES:
        meaning.search(store, queries[0], mode)  # warm: matrix, page cache
        ms = []
        for q in queries:
            t = time.perf_counter()
            meaning.search(store, q, mode, limit=10)
            ms.append((time.perf_counter() - t) * 1000)
        times[mode] = sorted(ms)
    return times


def p95(values: list[float]) -> float:
    return values[max(0, int(len(values) * 0.95) - 1)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", type=Path, help="an indexed library of the corpus (skips step 1)")
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=40, help="queries timed per mode")
    args = ap.parse_args()
    reason = meaning.unavailable_reason()
    if reason:
        sys.exit(f"bench/semantic.py needs the embedder: {reason}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.sqlite"
        if args.db:
            shutil.copy(args.db, db)
        else:
            t = build(db)
            print(
                f"summarize (extractive, passages off): {t['summarize_s']:.1f} s; backfill of "
                f"{t['passages']:.0f} passages from {t['documents']:.0f} documents: "
                f"{t['index_s']:.1f} s (embedding {t['embed_s']:.1f} s, "
                f"{t['passages'] / t['embed_s']:.1f} passages/s); added to the run: "
                f"{t['index_s'] / t['summarize_s']:.0%}",
                flush=True,
            )
        rows = load_queries()
        with Store(db) as store:
            scores = evaluate(store, rows)
        print(f"\n{len(rows)} labelled queries (documents by file, answering pages)")
        print("| mode | recall@5 | MRR@10 | page@5 | recall@5 words | recall@5 meaning |")
        print("|---|---:|---:|---:|---:|---:|")
        for mode in RUNNERS:
            a, w, m = (scores[f"{mode}/{k}"] for k in ("all", "words", "meaning"))
            print(
                f"| {mode} | {a['recall@5']:.3f} | {a['mrr']:.3f} | {a['page@5']:.3f} | "
                f"{w['recall@5']:.3f} | {m['recall@5']:.3f} |"
            )
        with Store(db) as store:
            pages = evaluate_pages(store, rows)
        print("\nthe answering page: (document, page) ranked by each mode")
        print("| mode | page recall@5 | page MRR@10 | MRR words | MRR meaning |")
        print("|---|---:|---:|---:|---:|")
        for mode in ("keyword, any word", "semantic", "hybrid"):
            a, w, m = (pages[f"{mode}/{k}"] for k in ("all", "words", "meaning"))
            print(
                f"| {mode} | {a['recall@5']:.3f} | {a['mrr']:.3f} | {w['mrr']:.3f} | "
                f"{m['mrr']:.3f} |"
            )
        for level, table in (("document", scores), ("page", pages)):
            hyb = table["hybrid/all"]["mrr"]
            other = max(
                v["mrr"] for k, v in table.items() if k.endswith("/all") and "hybrid" not in k
            )
            print(f"hybrid {level} MRR vs the best other mode: {hyb / other:.2f}x", flush=True)

        with Store(db) as store:
            added = pad(store, args.passages, np.random.default_rng(7))
            total = store.passage_count()
            t0 = time.perf_counter()
            VectorIndex().refresh(store.conn)
            load_ms = (time.perf_counter() - t0) * 1000
            times = latency(store, rows, args.repeat)
        print(f"\nlatency at {total:,} passages ({added:,} synthetic), {args.repeat} queries/mode,")
        print(f"query embedding included; vector matrix load once per process: {load_ms:.0f} ms")
        print("| mode | p50 ms | p95 ms | p95 vs keyword |")
        print("|---|---:|---:|---:|")
        for mode in meaning.MODES:
            ms = times[mode]
            ratio = p95(ms) / p95(times["keyword"])
            print(f"| {mode} | {statistics.median(ms):.1f} | {p95(ms):.1f} | {ratio:.1f}x |")


if __name__ == "__main__":
    main()
