"""Finding by meaning (#24): quality of keyword, semantic and hybrid search on a labelled query
set, latency at 100k passages, embedding throughput and its share of a summarize run.

1. Summarizes ../shared/corpus/pdfs and pdfs2 into a fresh library (extractive engine,
   passages off; the run's time), then backfills the passages (`Indexer.backfill`, the same
   code a summarize run calls per document): passages/s and added time / summarize time.
   `--db LIB` skips this and uses an already indexed library.
2. Runs bench/semantic_queries.tsv (query, words|meaning, file, answering pages) by keyword,
   semantic, hybrid (closeness + w x share of the query's words, for several w) and
   reciprocal rank fusion of bm25 and meaning (k = 10 and 60): R@1, R@5 and MRR@10 of the
   answering document and of an answering page, on all queries, per kind, per folder, and
   each constant chosen on one half of the queries (A/B) and measured on the other.
3. Pads a copy of the library to `--passages` with synthetic passages (real vectors plus
   noise, renormalized) and times searches: p50/p95 per mode, query embedding included, and
   the one-time load of the vector matrix.
4. With `--share FILES`, only: a summarize run of FILES with passages off, then on (the
   default budget): the share of time embedding added, measured.
Usage: python bench/semantic.py [--db LIB | --keep LIB] [--quality-only] [--passages 100000]
       [--repeat 40] [--share FILES]
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
    fuse,
    meaning_pages,
    word_shares,
)
from app.store.vectors import VectorIndex  # noqa: E402

# Both folders: the second one's 55 documents are distractors for the first one's queries.
CORPUS = [ROOT.parent / "shared" / "corpus" / name for name in ("pdfs", "pdfs2")]
QUERIES = ROOT / "bench" / "semantic_queries.tsv"
FIRST_SET = 80  # the first 80 queries were written for pdfs, the rest for pdfs2


def build(db: Path) -> dict[str, float]:
    """Summarize the corpus (passages off), then backfill the passages; the timings."""
    settings = Settings(db=db, engine="extractive", workers=1, semantic=False)
    t0 = time.perf_counter()
    with Store(db) as store:
        for _ in pipeline.run(CORPUS, settings, store):
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


WEIGHTS = (0.05, 0.1, 0.15, 0.2, 0.3, 0.5)  # hybrid's words weight, chosen on one half
RRF_K = (10, 60)  # reciprocal rank fusion's constant: 60 as published, and a small one


def rrf(rankings: list[list[Key]], k: int) -> list[Key]:
    """Reciprocal rank fusion (Cormack et al., 2009): each page scores 1 / (k + rank) in every
    ranking that holds it; best first."""
    scores: dict[Key, float] = {}
    for ranking in rankings:
        for rank, key in enumerate(ranking, start=1):
            scores[key] = scores.get(key, 0.0) + 1.0 / (k + rank)
    return sorted(scores, key=lambda key: -scores[key])


def page_ranks(store: Store, query: str) -> dict[str, list[Key]]:
    """(document, page) lists, best first, per method; a document's rank is where its first
    page comes (what `app.store.hybrid.find` shows). Hybrid and rank fusion are listed for
    every constant tried; `evaluate` picks each constant on one half of the queries."""
    vector = meaning.embed([query])[0]
    meant = meaning_pages(store, vector, POOL_PAGES)
    closeness = {key: cosine for key, (cosine, _) in meant.items()}
    rows = word_shares(store.conn, query, POOL_ROWS)  # bm25 order
    shares = {key: row[0] for key, row in rows.items()}
    typed = [(h.document_id, h.page or 0) for h in meaning.search(store, query, "keyword").hits]
    out = {
        "keyword": typed,
        "keyword, most words": sorted(shares, key=lambda key: -shares[key]),  # stable: bm25
        "semantic": list(closeness),
    }
    for w in WEIGHTS:
        out[f"hybrid w={w}"] = [key for key, _ in fuse(closeness, shares, w)]
    for k in RRF_K:
        out[f"rank fusion k={k}"] = rrf([list(rows), list(closeness)], k)
    return out


def half(i: int) -> str:
    """Queries come in pairs on one topic (words, then meaning): alternate pairs form halves
    A and B, so a constant chosen on one half can be checked on the other."""
    return "A" if (i // 2) % 2 == 0 else "B"


METRICS = ("doc R@1", "doc R@5", "doc MRR", "page R@1", "page R@5", "page MRR")
Scores = dict[str, dict[str, float]]  # "method/subset" -> metric -> mean


def query_scores(keys: list[Key], want: int, pages: set[int]) -> tuple[float, ...]:
    """R@1, R@5 and MRR@10 of the answering document, then of an answering page."""
    docs = list(dict.fromkeys(d for d, _ in keys))[:10]
    rank = docs.index(want) + 1 if want in docs else None
    prank = next((j for j, (d, p) in enumerate(keys[:10], 1) if d == want and p in pages), None)
    out: list[float] = []
    for r in (rank, prank):
        out += [float(r == 1), float(r is not None and r <= 5), 1.0 / r if r else 0.0]
    return tuple(out)


def evaluate(store: Store, rows: list[dict[str, str]]) -> Scores:
    """Per method and subset (all, words, meaning, A, B, pdfs, pdfs2): the metrics' means."""
    files = {
        Path(path).name: doc
        for doc, path in store.conn.execute("SELECT document_id, path FROM document_paths")
    }
    found: dict[str, list[tuple[float, ...]]] = {}
    for i, row in enumerate(rows):
        want = files[row["file"]]
        pages = {int(p) for p in row["pages"].split(",")}
        folder = "pdfs2" if i >= FIRST_SET else "pdfs"
        for method, keys in page_ranks(store, row["query"]).items():
            for subset in ("all", row["kind"], half(i), folder):
                found.setdefault(f"{method}/{subset}", []).append(query_scores(keys, want, pages))
    return {
        key: {name: statistics.mean(v[j] for v in vals) for j, name in enumerate(METRICS)}
        for key, vals in found.items()
    }


def chosen_on(scores: Scores, family: str, half_: str) -> str:
    """The method of ``family`` ("hybrid w=", "rank fusion k=") with the best page MRR, then
    doc MRR, on one half of the queries."""
    names = {k.split("/")[0] for k in scores if k.startswith(family)}
    return max(
        sorted(names),
        key=lambda m: (scores[f"{m}/{half_}"]["page MRR"], scores[f"{m}/{half_}"]["doc MRR"]),
    )


def report(scores: Scores, queries: int) -> None:
    """The tables of the README: every method on all queries, then each constant chosen on one
    half and measured on the other."""
    methods = list(dict.fromkeys(k.split("/")[0] for k in scores))
    print(f"\n{queries} labelled queries; library: pdfs + pdfs2 (distractors)")
    print("| method | " + " | ".join(METRICS) + " | MRR doc/page: words | meaning |")
    print("|---|" + "---:|" * (len(METRICS) + 2))
    for m in methods:
        a, w, mn = (scores[f"{m}/{k}"] for k in ("all", "words", "meaning"))
        print(
            f"| {m} | "
            + " | ".join(f"{a[x]:.3f}" for x in METRICS)
            + f" | {w['doc MRR']:.3f} / {w['page MRR']:.3f}"
            + f" | {mn['doc MRR']:.3f} / {mn['page MRR']:.3f} |"
        )
    print("\nby half and folder, doc MRR / page MRR (pdfs: the first 80 queries, pdfs2: the rest):")
    print("| method | A | B | pdfs | pdfs2 |")
    print("|---|---:|---:|---:|---:|")
    for m in methods:
        cells = [scores[f"{m}/{k}"] for k in ("A", "B", "pdfs", "pdfs2")]
        print(
            f"| {m} | "
            + " | ".join(f"{c['doc MRR']:.3f} / {c['page MRR']:.3f}" for c in cells)
            + " |"
        )
    print("\nconstants chosen on one half (page MRR), measured on the other:")
    print("| chosen on → measured on | method | " + " | ".join(METRICS) + " |")
    print("|---|---|" + "---:|" * len(METRICS))
    for pick, check in (("A", "B"), ("B", "A")):
        fixed = ["keyword", "keyword, most words", "semantic"]
        picked = [chosen_on(scores, f, pick) for f in ("hybrid w=", "rank fusion k=")]
        for m in fixed + picked:
            s = scores[f"{m}/{check}"]
            print(
                f"| {pick} → {check} | {m} | " + " | ".join(f"{s[x]:.3f}" for x in METRICS) + " |"
            )
    for subset in ("all", "A", "B"):
        best_other = {
            x: max(
                scores[f"{m}/{subset}"][x] for m in ("keyword", "keyword, most words", "semantic")
            )
            for x in METRICS
        }
        for family in ("hybrid w=", "rank fusion k="):
            m = chosen_on(scores, family, subset)
            wins = [x for x in METRICS if scores[f"{m}/{subset}"][x] > best_other[x]]
            print(
                f"{subset}: {m} beats the best of keyword and semantic on {len(wins)} of "
                f"{len(METRICS)} ({', '.join(wins) or 'none'})"
            )


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
    ap.add_argument("--keep", type=Path, help="keep the built library in this file")
    ap.add_argument("--quality-only", action="store_true", help="skip the latency at --passages")
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
            if args.keep:
                with Store(db) as store:
                    store.conn.execute("VACUUM INTO ?", (str(args.keep),))
        rows = load_queries()
        with Store(db) as store:
            scores = evaluate(store, rows)
        report(scores, len(rows))
        if args.quality_only:
            return

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
