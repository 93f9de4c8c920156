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
4. With `--share FILES`, only: a summarize run of FILES with passages off, then on (the
   default budget): the share of time embedding added, measured.
Usage: python bench/semantic.py [--db LIB] [--passages 100000] [--repeat 40] [--share FILES]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import meaning, pipeline  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.store import Store  # noqa: E402
from app.store.hybrid import (  # noqa: E402
    POOL_PAGES,
    POOL_ROWS,
    Key,
    ranked_pages,
    word_shares,
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


def added_share(paths: list[Path], tmp: Path) -> None:
    """A summarize run (extractive) with passages off, then one with passages on at the default
    budget (the background indexer off): the time embedding added, measured, and what it left."""
    took = {}  # the "on" run loads the embedder, as a real run does
    for semantic in (False, True):
        db = tmp / f"share-{semantic}.sqlite"
        settings = Settings(db=db, engine="extractive", semantic=semantic, embed_background=False)
        t0 = time.perf_counter()
        with Store(db) as store:
            events = list(pipeline.run(paths, settings, store))
            left = len(store.unindexed(meaning.MODEL))
            passages = store.passage_count()
        took[semantic] = time.perf_counter() - t0
    share = took[True] / took[False] - 1
    print(
        f"summarize {events[-1].summarized} document(s), extractive: passages off "
        f"{took[False]:.1f} s, on {took[True]:.1f} s (+{share:.0%}, budget "
        f"{Settings().embed_budget:.0%}); {passages} passage(s) embedded during the run, "
        f"{left} document(s) left for the background `synopsis index`",
        flush=True,
    )


def load_queries() -> list[dict[str, str]]:
    lines = [
        ln for ln in QUERIES.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")
    ]
    return list(csv.DictReader(lines, delimiter="\t"))


def most_words_pages(store: Store, query: str) -> list[Key]:
    """The strongest keyword baseline: bm25 rows holding any content word of the query, those
    holding more of its words first (coordination level), bm25 order within."""
    shares = word_shares(store.conn, query, POOL_ROWS)
    return sorted(shares, key=lambda key: -shares[key][0])  # stable: bm25 order within


def rank_fusion_pages(store: Store, query: str, vector: np.ndarray, k: int = 60) -> list[Key]:
    """Hybrid as it was first built (#24): reciprocal rank fusion of the pages holding every
    word of the query (bm25 order) and the pages by meaning; kept to compare."""
    shares = word_shares(store.conn, query, POOL_ROWS)
    every = [key for key, row in shares.items() if row[0] == 1.0][:POOL_PAGES]
    meant = [key for key, _ in ranked_pages(store, query, vector, "semantic", POOL_PAGES).order]
    scores: dict[Key, float] = {}
    for ranking in (every, meant):
        for rank, key in enumerate(ranking, start=1):
            scores[key] = scores.get(key, 0.0) + 1.0 / (k + rank)
    return sorted(scores, key=lambda key: -scores[key])


def page_ranks(store: Store, query: str) -> dict[str, list[Key]]:
    """(document, page) lists, best first, per mode; a document's rank is where its first
    page comes (what `app.store.hybrid.find` shows)."""
    vector = meaning.embed([query])[0]
    return {
        "keyword, most words": most_words_pages(store, query),
        "semantic": [
            k for k, _ in ranked_pages(store, query, vector, "semantic", POOL_PAGES).order
        ],
        "hybrid, rank fusion (before)": rank_fusion_pages(store, query, vector),
        "hybrid": [k for k, _ in ranked_pages(store, query, vector, "hybrid", POOL_PAGES).order],
    }


def half(i: int) -> str:
    """Queries come in pairs on one topic (words, then meaning): alternate pairs form halves
    A and B, so a constant chosen on one half can be checked on the other."""
    return "A" if (i // 2) % 2 == 0 else "B"


def evaluate(store: Store, rows: list[dict[str, str]]) -> dict[str, dict[str, float]]:
    """Per mode and kind (all, words, meaning, A, B): the answering document's recall@5 and
    MRR@10, page@5 (that document in the top 5 shown at an answering page), and the answering
    page's recall@5 and MRR@10 among the ranked pages."""
    files = {
        Path(path).name: doc
        for doc, path in store.conn.execute("SELECT document_id, path FROM document_paths")
    }
    found: dict[str, list[tuple[float, ...]]] = {}
    for i, row in enumerate(rows):
        want = files[row["file"]]
        pages = {int(p) for p in row["pages"].split(",")}
        typed = [
            (h.document_id, h.page or 0)
            for h in meaning.search(store, row["query"], "keyword").hits
        ]
        for mode, keys in {"keyword": typed, **page_ranks(store, row["query"])}.items():
            docs = list(dict.fromkeys(d for d, _ in keys))
            shown = dict(reversed(keys))  # each document's first page
            rank = docs.index(want) + 1 if want in docs[:10] else None
            prank = next(
                (j for j, (d, p) in enumerate(keys[:10], 1) if d == want and p in pages), None
            )
            vals = (
                1.0 if rank and rank <= 5 else 0.0,
                1.0 / rank if rank else 0.0,
                1.0 if rank and rank <= 5 and shown[want] in pages else 0.0,
                1.0 if prank and prank <= 5 else 0.0,
                1.0 / prank if prank else 0.0,
            )
            for kind in ("all", row["kind"], half(i)):
                found.setdefault(f"{mode}/{kind}", []).append(vals)
    names = ("recall@5", "mrr", "page@5", "page recall@5", "page mrr")
    return {
        key: {name: statistics.mean(v[j] for v in vals) for j, name in enumerate(names)}
        for key, vals in found.items()
    }


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
    ap.add_argument(
        "--share",
        type=Path,
        nargs="+",
        help="only measure the share embedding adds to summarizing these files",
    )
    args = ap.parse_args()
    reason = meaning.unavailable_reason()
    if reason:
        sys.exit(f"bench/semantic.py needs the embedder: {reason}")
    if args.share:
        with tempfile.TemporaryDirectory() as tmp:
            added_share(args.share, Path(tmp))
        return
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
        modes = list(dict.fromkeys(k.split("/")[0] for k in scores))
        print(f"\n{len(rows)} labelled queries (documents by file, answering pages)")
        print("| mode | doc recall@5 | doc MRR@10 | page@5 | page recall@5 | page MRR@10 |")
        print("|---|---:|---:|---:|---:|---:|")
        for mode in modes:
            a = scores[f"{mode}/all"]
            print(
                f"| {mode} | {a['recall@5']:.3f} | {a['mrr']:.3f} | {a['page@5']:.3f} | "
                f"{a['page recall@5']:.3f} | {a['page mrr']:.3f} |"
            )
        print("\nby kind and half (doc MRR / page MRR): words, meaning, half A, half B")
        print("| mode | words | meaning | A | B |")
        print("|---|---:|---:|---:|---:|")
        for mode in modes:
            cells = [scores[f"{mode}/{k}"] for k in ("words", "meaning", "A", "B")]
            print(
                f"| {mode} | "
                + " | ".join(f"{c['mrr']:.3f} / {c['page mrr']:.3f}" for c in cells)
                + " |"
            )
        for metric in ("recall@5", "mrr", "page recall@5", "page mrr"):
            for kind in ("all", "A", "B"):
                hyb = scores[f"hybrid/{kind}"][metric]
                other = max(
                    scores[f"{m}/{kind}"][metric] for m in modes if not m.startswith("hybrid")
                )
                print(
                    f"hybrid {metric} ({kind}) vs the best of keyword and semantic: "
                    f"{hyb:.3f} vs {other:.3f} ({hyb / other:.3f}x)"
                )

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
