"""pypdfium2 vs pypdf over ../shared/corpus/pdfs, side by side in one process run.

Prints pages per CPU second per engine (CPU time: on a shared machine, wall time is mostly
waiting), the speed ratio, how much their texts agree (word-multiset F1), and text quality
(share of dictionary-like words, pages with text) so the default can be the faster engine
with equal-or-better text; and the pipeline's reading with its structure pass on every page
("pdfium+structure") against PDFium's raw text ("pdfium text"), as a ratio; with --pieces,
only the CPU seconds of each piece of the pipeline beyond the raw text.
Usage: python bench/extract.py [PDF_DIR] [--repeat N] [--pieces]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's code, not the editable install's (main's)

from ingestion.blocks import make_blocks  # noqa: E402
from ingestion.errors import PdfError  # noqa: E402
from ingestion.extractors import EXTRACTORS, RawPdf, extract_pdfium  # noqa: E402
from ingestion.quality import measure  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdfs"
WORD = re.compile(r"\w+", re.UNICODE)


def words(pages: list[str]) -> Counter[str]:
    return Counter(w.lower() for p in pages for w in WORD.findall(p))


def agreement(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 1.0


def pdfium_text(path: Path, password: str | None, max_pages: int) -> RawPdf:
    """PDFium's raw text, page by page, and nothing else: the speed to measure against."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        raise PdfError(str(exc)) from exc
    pages = []
    try:
        for index in range(min(len(pdf), max_pages)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as exc:
                raise PdfError(str(exc)) from exc
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return RawPdf(pages=pages, extractor="pdfium text")


def pdfium_structure(path: Path, password: str | None, max_pages: int) -> RawPdf:
    """The pipeline's reading: PDFium text and lines of every page (columns, title, authors,
    headings), then every page's blocks with roles (the structure pass)."""
    raw = extract_pdfium(path, password, max_pages)
    make_blocks(raw.lines, title=raw.layout_title, authors=raw.authors)
    return raw


VARIANTS = {**EXTRACTORS, "pdfium text": pdfium_text, "pdfium+structure": pdfium_structure}

# The pipeline's pieces beyond PDFium's raw text, timed by `pieces` (names in extractors).
PIECES = (
    "hidden_glyphs",
    "sized_lines",
    "column_text",
    "mark_lost_ligatures",
    "read_front",
    "size_headings",
    "logical_arabic",
    "logical_rtl",
)


def pieces(files: list[Path]) -> None:
    """CPU seconds of PDFium's raw text and of the pipeline's reading over ``files``, and of
    each piece of the pipeline (its functions timed where `extract_pdfium` calls them, and
    `make_blocks`): where the extra time goes."""
    import ingestion.extractors as extractors

    spent: Counter[str] = Counter()

    def timed(name: str, fn: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object, **kwargs: object) -> object:
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - t0

        return run

    for name in PIECES:
        setattr(extractors, name, timed(name, getattr(extractors, name)))
    blocks = timed("make_blocks", make_blocks)
    raw_s = pipeline_s = 0.0
    for path in files:
        try:
            t0 = time.process_time()
            pdfium_text(path, None, 100000)
            t1 = time.process_time()
            raw = extract_pdfium(path, None, 100000)
            blocks(raw.lines, title=raw.layout_title, authors=raw.authors)
            t2 = time.process_time()
        except PdfError:
            continue
        raw_s, pipeline_s = raw_s + t1 - t0, pipeline_s + t2 - t1
    extra = pipeline_s - raw_s
    print(f"raw text {raw_s:.2f} s, pipeline {pipeline_s:.2f} s ({raw_s / pipeline_s:.2f}x)")
    print(f"| piece | CPU s | share of the extra {extra:.2f} s |\n|---|---:|---:|")
    for name, secs in spent.most_common():
        print(f"| {name} | {secs:.2f} | {secs / extra:.0%} |")
    rest = extra - sum(spent.values())
    print(f"| the rest (page size, rotation, text fixes) | {rest:.2f} | {rest / extra:.0%} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--repeat", type=int, default=3, help="runs per file and engine (median)")
    ap.add_argument(
        "--pieces", action="store_true", help="only where the pipeline's extra time goes"
    )
    args = ap.parse_args()
    files = sorted(args.folder.glob("*.pdf"))
    if not files:
        sys.exit(f"no PDFs in {args.folder}")
    if args.pieces:
        pieces(files)
        return
    totals = {name: [0.0, 0] for name in VARIANTS}  # seconds, pages
    quality: dict[str, list[float]] = {
        name: [] for name in VARIANTS
    }  # word ratios of pages with text
    with_text = {name: 0 for name in VARIANTS}
    agree: list[float] = []
    print(
        f"{'file':44} {'pages':>5} {'pdfium p/s':>10} {'struct p/s':>10} {'pypdf p/s':>10} "
        f"{'ratio':>6} {'agree':>6}"
    )
    for path in files:
        results = {}
        for name, fn in VARIANTS.items():
            times = []
            try:
                for _ in range(args.repeat):
                    t0 = time.process_time()
                    raw = fn(path, None, 100000)
                    times.append(time.process_time() - t0)
            except PdfError:
                results[name] = None
                continue
            results[name] = (statistics.median(times), raw.pages)
        if any(r is None for r in results.values()):
            continue  # only files both engines read are compared
        (t_a, pages_a), (t_b, pages_b) = results["pdfium"], results["pypdf"]
        t_l = results["pdfium+structure"][0]
        n = len(pages_a)
        for name, (t, pages) in results.items():
            totals[name][0] += t
            totals[name][1] += len(pages)
            for text in pages:
                q = measure(text)
                if not q.no_text:
                    with_text[name] += 1
                    quality[name].append(q.word_ratio)
        a = agreement(words(pages_a), words(pages_b))
        agree.append(a)
        print(
            f"{path.name[:44]:44} {n:5d} {n / t_a:10.0f} {n / t_l:10.0f} {n / t_b:10.0f} "
            f"{t_b / t_a:5.1f}x {a:6.2f}"
        )
    sp = {k: v[1] / v[0] for k, v in totals.items()}
    print()
    print(
        "| engine | pages/CPU s (all files) | ratio to pypdf | pages with text | dict-like words |"
    )
    print("|---|---:|---:|---:|---:|")
    for name in VARIANTS:
        print(
            f"| {name} | {sp[name]:.0f} | {sp[name] / sp['pypdf']:.1f}x | {with_text[name]} "
            f"| {statistics.mean(quality[name]):.3f} |"
        )
    print(
        f"\npipeline reading (structure pass on every page) against PDFium's raw text: "
        f"{sp['pdfium+structure'] / sp['pdfium text']:.2f}x"
    )
    print(
        f"\nmedian text agreement (word F1) pdfium vs pypdf: {statistics.median(agree):.3f} "
        f"over {len(agree)} files both engines read"
    )


if __name__ == "__main__":
    main()
