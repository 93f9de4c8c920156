"""What a reader gets from real PDFs: junk in summaries, titles, length against pages (#10).

Summarizes every `ok` PDF of ../shared/corpus/pdfs with the extractive engine twice in one
run, without and with the prose filter (summarizer.candidates), and prints per file the
title, pages, summary words and junk sentences, then a table of the two variants: share of
summary sentences that break a rule of `candidates.junk_reason`, titles right against
bench/titles.tsv, documents of 10+ pages with an outline, words per summary against pages.

    python bench/structure.py [PDF_DIR] [--length medium] [--show]
"""

from __future__ import annotations

import argparse
import csv
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.pipeline import without_abstract  # noqa: E402
from ingestion import read_pdf  # noqa: E402
from summarizer import candidates, textrank  # noqa: E402
from summarizer.base import Options  # noqa: E402
from summarizer.engines import DocInput  # noqa: E402
from summarizer.extractive import ExtractiveEngine  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "corpus" / "pdfs"
TITLES = Path(__file__).with_name("titles.tsv")


def norm(title: str) -> str:
    return " ".join(title.lower().replace("’", "'").split())


@contextmanager
def prose_filter(on: bool) -> Any:
    saved = textrank.is_prose
    if not on:
        textrank.is_prose = lambda _t: True  # the engine as it was before #10
    try:
        yield
    finally:
        textrank.is_prose = saved


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--length", default="medium")
    ap.add_argument("--show", action="store_true", help="print every summary sentence")
    args = ap.parse_args()
    manifest = args.folder / "MANIFEST.tsv"
    if not manifest.is_file():
        sys.exit(f"no corpus at {args.folder}")
    with manifest.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["expected"] == "ok"]
    labels: dict[str, str] = {}
    if TITLES.is_file():
        with TITLES.open(encoding="utf-8") as fh:
            labels = {r["file"]: r["title"] for r in csv.DictReader(fh, delimiter="\t")}
    engine, options = ExtractiveEngine(), Options(length=args.length)
    docs = []
    for row in rows:
        doc = read_pdf(args.folder / row["file"])
        # As the pipeline does: the author's abstract is shown apart, never summarized.
        item = DocInput(doc.sha256, without_abstract(doc), len(doc.usable_pages), doc.outline)
        docs.append((row["file"], doc, item))
    results: dict[str, dict[str, Any]] = {}
    for variant, on in (("before (no filter)", False), ("prose filter", True)):
        junk = total = 0
        words_per_page: list[tuple[int, int]] = []
        outlines = 0
        for name, doc, item in docs:
            with prose_filter(on):
                summary = engine.summarize_one(item, options)
            outlines += bool(summary.outline) and doc.page_count >= 10
            # The one honest line of a document without prose (#10) is by design, not junk.
            reasons = [
                None if "with little running text" in p.text else candidates.junk_reason(p.text)
                for p in summary.parts
            ]
            junk += sum(r is not None for r in reasons)
            total += len(reasons)
            words = sum(len(p.text.split()) for p in summary.parts)
            words_per_page.append((doc.page_count, words))
            if on or args.show:
                print(f"\n## {name}  [{variant}]  {doc.page_count} p, {words} words")
                print(f"   title: {doc.title!r}")
                for part, why in zip(summary.parts, reasons, strict=True):
                    if args.show or why:
                        flag = f"JUNK({why}) " if why else ""
                        print(f"   - {flag}{part.text[:160]}")
                for sec in summary.outline if args.show else ():
                    print(
                        f"   § {sec.title} (pp. {sec.first_page}-{sec.last_page}): {sec.text[:140]}"
                    )
        judged = [(n, d) for n, d, _ in docs if labels.get(n, "NA") != "NA"]
        titles_ok = sum(norm(doc.title) == norm(labels[n]) for n, doc in judged)
        long_docs = [d for _, d, _ in docs if d.page_count >= 10]
        results[variant] = {
            "junk": junk,
            "sentences": total,
            "titles": titles_ok,
            "judged": len(judged),
            "outlines": outlines,  # bookmarks, a printed contents page or numbered headings
            "long": len(long_docs),
            "wpp": words_per_page,
        }
    print(f"\n{'variant':20} {'junk/sentences':>15} {'junk %':>7} {'titles':>7} {'outlines':>9}")
    for variant, r in results.items():
        share = 100 * r["junk"] / max(1, r["sentences"])
        print(
            f"{variant:20} {r['junk']:>7}/{r['sentences']:<7} {share:6.1f}% "
            f"{r['titles']:>3}/{r['judged']:<3} {r['outlines']:>4}/{r['long']:<4}"
        )
    print("\nsummary words by document length (prose filter):")
    buckets = {"1-2 p": (1, 2), "3-9 p": (3, 9), "10-49 p": (10, 49), "50+ p": (50, 10**6)}
    for label, (lo, hi) in buckets.items():
        sel = [w for p, w in results["prose filter"]["wpp"] if lo <= p <= hi]
        if sel:
            print(f"  {label:8} {len(sel):2} docs, mean {sum(sel) / len(sel):5.0f} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
