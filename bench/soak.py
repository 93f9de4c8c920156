"""Soak: several writer and reader processes on one library for a while, then checks.

Writers add a new PDF to their own folder each round and summarize the folder again (another
length each round, so earlier documents get more summaries); readers list,
search and show in a loop. At the end: PRAGMA integrity_check, every document present exactly
once, and no "database is locked" or "malformed" error anywhere. Prints a table, then one JSON
line (the test of #11 reads it).

    python bench/soak.py --seconds 300 --writers 3 --readers 2
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "samples")]

DOCS_PER_WRITER = 4
LENGTHS = ("short", "medium", "long")


def _write(db: str, folder: str, until: float, out: mp.Queue) -> None:
    from pdfmaker import text_pdf

    from app.pipeline import run
    from app.settings import Settings
    from app.store import Store

    rounds, errors = 0, []
    while not rounds or time.time() < until:  # one round at least, however late it started
        # Every round brings one new document, so every round really writes.
        text_pdf(
            Path(folder) / f"new{rounds:05d}.pdf",
            [f"Round {rounds} of {folder} brings news about the harbour and its pier."] * 20,
        )
        settings = Settings(
            db=Path(db), engine="extractive", workers=1, length=LENGTHS[rounds % 3], batch_docs=2
        )
        try:
            with Store(db) as store:
                for event in run([folder], settings, store):
                    if event.kind == "failed":
                        errors.append(event.message)
        except Exception as exc:  # reported, not raised: the soak counts every error
            errors.append(f"{type(exc).__name__}: {exc}")
        rounds += 1
    out.put(("writer", rounds, errors))  # documents added: DOCS_PER_WRITER + rounds


def _read(db: str, until: float, out: mp.Queue) -> None:
    from app.store import Store

    reads, tries, errors = 0, 0, []
    while not tries or time.time() < until:  # one try at least, however late it started
        tries += 1
        try:
            with Store(db) as store:
                store.recent(limit=50)
                store.search("harbour", limit=20)
                for record in store.recent(limit=3):
                    store.detail(record.id)
                reads += 1
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    out.put(("reader", reads, errors))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    from pdfmaker import text_pdf

    base = args.dir or Path(tempfile.mkdtemp(prefix="synopsis-soak-"))
    db = base / "soak.sqlite"
    folders = []
    for w in range(args.writers):
        folder = base / f"writer{w}"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(DOCS_PER_WRITER):
            text_pdf(
                folder / f"memo{i}.pdf",
                [f"Writer {w} memo {i} about the harbour works and the budget of the pier."] * 40,
                title=f"Writer {w} memo {i}",
            )
        folders.append(folder)
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    until = time.time() + args.seconds
    procs = [ctx.Process(target=_write, args=(str(db), str(f), until, out)) for f in folders]
    procs += [ctx.Process(target=_read, args=(str(db), until, out)) for _ in range(args.readers)]
    for p in procs:
        p.start()
    results = [out.get(timeout=args.seconds + 600) for _ in procs]
    for p in procs:
        p.join()
    from app.store import Store

    with Store(db) as store:
        integrity = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
        documents = store.count_documents()
        duplicates = store.conn.execute(
            "SELECT COUNT(*) FROM (SELECT sha256 FROM documents GROUP BY sha256 "
            "HAVING COUNT(*) > 1)"
        ).fetchone()[0]
    errors = [e for _, _, errs in results for e in errs]
    writes = sum(n for kind, n, _ in results if kind == "writer")
    reads = sum(n for kind, n, _ in results if kind == "reader")
    print(
        f"{'seconds':>8} {'writers':>8} {'readers':>8} {'batches':>8} {'reads':>8} "
        f"{'docs':>6} {'dupes':>6} {'errors':>7}  integrity"
    )
    print(
        f"{args.seconds:8.0f} {args.writers:8d} {args.readers:8d} {writes:8d} {reads:8d} "
        f"{documents:6d} {duplicates:6d} {len(errors):7d}  {integrity}"
    )
    report = {
        "integrity": integrity,
        "documents": documents,
        "expected_documents": args.writers * DOCS_PER_WRITER + writes,
        "duplicates": duplicates,
        "writer_batches": writes,
        "reads": reads,
        "errors": errors[:20],
    }
    print(json.dumps(report))
    ok = integrity == "ok" and not errors and duplicates == 0
    return 0 if ok and documents == report["expected_documents"] else 1


if __name__ == "__main__":
    sys.exit(main())
