"""What a reader gets from real PDFs: junk in summaries, the gist, titles, kinds (#10, #19).

Summarizes every `ok` PDF of ../shared/corpus/pdfs and ../shared/corpus/pdfs2 as the pipeline
does (`summarizer.engines.input_for`) with the extractive engine and prints per file the gist
(what the document is, what it is about) and the key points, flagging any sentence that breaks
a rule of `candidates.junk_reason`; then the totals: the share of junk among the summaries'
sentences (the gist line, the authors' words and the one honest line of a form are not
sentences picked from the text), titles right against bench/titles.tsv and the MANIFEST's
`title`, kinds right against the MANIFEST's `kind` (pdfs2), documents of 10+ pages with an
outline. ``--compare`` also runs the engine without the prose filter, for scale.

    python bench/structure.py [PDF_DIR ...] [--length medium] [--show] [--compare]
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

from ingestion import read_pdf  # noqa: E402
from ingestion.errors import AppError  # noqa: E402
from summarizer import candidates, textrank  # noqa: E402
from summarizer.base import SummaryOptions  # noqa: E402
from summarizer.engines import input_for  # noqa: E402
from summarizer.extractive import ExtractiveEngine  # noqa: E402
from summarizer.gist import document_kind  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_DIRS = [CORPUS / "pdfs", CORPUS / "pdfs2"]
TITLES = Path(__file__).with_name("titles.tsv")
# The MANIFEST's kinds that name ours differently.
SAME_KIND = {"slides": "slide deck", "legal": "law", "news": "newsletter"}


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


def load(folders: list[Path]) -> list[tuple[str, dict[str, str]]]:
    rows = []
    for folder in folders:
        manifest = folder / "MANIFEST.tsv"
        if not manifest.is_file():
            sys.exit(f"no corpus at {folder}")
        with manifest.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r["expected"] == "ok":
                    rows.append((str(folder / r["file"]), r))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path, default=DEFAULT_DIRS)
    ap.add_argument("--length", default="medium")
    ap.add_argument("--show", action="store_true", help="print every summary sentence")
    ap.add_argument("--compare", action="store_true", help="also run without the prose filter")
    args = ap.parse_args()
    labels: dict[str, str] = {}
    if TITLES.is_file():
        with TITLES.open(encoding="utf-8") as fh:
            labels = {r["file"]: r["title"] for r in csv.DictReader(fh, delimiter="\t")}
    engine, options = ExtractiveEngine(), SummaryOptions(length=args.length)
    docs = []
    for path, row in load(args.folders):
        try:
            doc = read_pdf(path)
        except AppError as exc:
            print(f"\n## {Path(path).name}: {exc.user_message}")
            continue
        label = row.get("title") or labels.get(Path(path).name, "NA")
        docs.append((Path(path).name, doc, input_for(doc), label, row.get("kind", "")))
    variants = [("prose filter", True)] + ([("before (no filter)", False)] if args.compare else [])
    results: dict[str, dict[str, Any]] = {}
    for variant, on in variants:
        junk = total = outlines = kinds_right = kinds_judged = 0
        for name, doc, item, _label, kind in docs:
            with prose_filter(on):
                summary = engine.summarize_one(item, options)
            outlines += bool(summary.outline) and doc.page_count >= 10
            picked = [
                p for p in summary.parts if p.kind in ("about", "point")
            ]  # the gist line, the authors' words and the honest line are not picked sentences
            picked = [p for p in picked if "little running text" not in p.text.lower()]
            reasons = [candidates.junk_reason(p.text) for p in picked]
            junk += sum(r is not None for r in reasons)
            total += len(reasons)
            ours = document_kind(item)
            if kind and kind != "scan":
                kinds_judged += 1
                kinds_right += SAME_KIND.get(kind, kind) == ours
            if on:
                words = sum(len(p.text.split()) for p in summary.parts)
                print(
                    f"\n## {name}  {doc.page_count} p, {words} words, kind {ours} ({kind or '?'})"
                )
                for part in summary.parts:
                    if part.kind != "point":
                        print(f"   [{part.kind}] {part.text[:200]}")
                for part, why in zip(picked, reasons, strict=True):
                    if (args.show and part.kind == "point") or why:
                        flag = f"JUNK({why}) " if why else ""
                        print(f"   - {flag}{part.text[:160]}")
        judged = [(doc, label) for _, doc, _, label, _ in docs if label not in ("", "NA")]
        titles_right = sum(
            norm(doc.title) in {norm(t) for t in label.split(" | ")} for doc, label in judged
        )
        results[variant] = {
            "junk": junk,
            "sentences": total,
            "titles": f"{titles_right}/{len(judged)}",
            "kinds": f"{kinds_right}/{kinds_judged}",
            "outlines": f"{outlines}/{sum(d.page_count >= 10 for _, d, _, _, _ in docs)}",
        }
    print(f"\n{len(docs)} documents")
    head = ("variant", "junk/sentences", "junk %", "titles", "kinds", "outl.")
    print(f"{head[0]:20} {head[1]:>15} {head[2]:>7} {head[3]:>7} {head[4]:>7} {head[5]:>6}")
    for variant, r in results.items():
        share = 100 * r["junk"] / max(1, r["sentences"])
        print(
            f"{variant:20} {r['junk']:>7}/{r['sentences']:<7} {share:6.1f}% "
            f"{r['titles']:>7} {r['kinds']:>7} {r['outlines']:>6}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
