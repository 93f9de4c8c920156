"""OCR accuracy and speed, variants side by side in one process run.

A page typeset from known text is rendered to an image-only PDF (as a scanner would give it, at
200 and 300 dpi); each variant reads it back, and the script prints word accuracy (share of the
known words found, in order) and seconds per page, with speed as a ratio to the default. The
variants: the default (300 dpi render, one Tesseract thread), Tesseract's own OpenMP threads,
and a 200 dpi render. Then the corpus's real scans (MANIFEST `no-text`) through `read_pdf`.

Usage: python bench/ocr.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "samples")]

from pdfmaker import text_pdf  # noqa: E402

from ingestion.ocr import word_accuracy  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "pdfs"
KNOWN = (
    "The harbour board met on Tuesday to decide the future of the northern pier. Engineers "
    "reported that the old timber piles had rotted below the waterline, and that a storm of the "
    "kind seen in 1987 would bring down the landing stage. The board voted to rebuild the pier "
    "in concrete before the winter storms, at a cost of 2.4 million crowns, and asked the "
    "fishermen's association to suggest a temporary landing place while the works are under way."
)

# One run of a variant in a fresh interpreter, so the thread setting applies to Tesseract.
CHILD = """
import json, sys, time
import pypdfium2 as pdfium
from ingestion import ocr
path, dpi, lang = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pdf = pdfium.PdfDocument(path)
page = pdf[0]
start = time.perf_counter()
image = ocr.render(page, dpi)
text = ocr.read_image(image, lang)
print(json.dumps({"seconds": time.perf_counter() - start, "text": text}))
"""


def scanned(folder: Path, scan_dpi: int) -> Path:
    import pypdfium2 as pdfium

    source = text_pdf(folder / f"source-{scan_dpi}.pdf", [KNOWN] * 6)
    pdf = pdfium.PdfDocument(str(source))
    image = pdf[0].render(scale=scan_dpi / 72, grayscale=True).to_pil()
    pdf.close()
    out = folder / f"scan-{scan_dpi}.pdf"
    image.save(out, resolution=scan_dpi)
    return out


def run_variant(path: Path, dpi: int, threads: str | None, lang: str) -> tuple[float, str]:
    import json

    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = threads or str(os.cpu_count() or 1)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(dpi), lang],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    data = json.loads(out.stdout)
    return float(data["seconds"]), str(data["text"])


def run_pair(path: Path, threads: str | None, lang: str) -> float:
    """Two workers reading a page each at once (the batch default): wall seconds per page."""
    start = time.perf_counter()
    with ThreadPoolExecutor(2) as ex:
        list(ex.map(lambda _: run_variant(path, 300, threads, lang), range(2)))
    return (time.perf_counter() - start) / 2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3, help="runs per variant (median time)")
    args = ap.parse_args()
    from ingestion import ocr

    why = ocr.unavailable()
    if why:
        sys.exit(f"bench/ocr.py: {why}")
    variants = [
        ("300 dpi, 1 thread (default)", 300, "1"),
        (f"300 dpi, {os.cpu_count()} OpenMP threads", 300, None),
        ("200 dpi, 1 thread", 200, "1"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        pages = [
            (
                f"Page scanned at {d} dpi ({len(KNOWN.split()) * 6} known words)",
                scanned(Path(tmp), d),
            )
            for d in (300, 200)
        ]
        russian = CORPUS / "pdfjs_issue7229.pdf"
        if russian.is_file():
            pages.append(("Corpus scan pdfjs_issue7229.pdf p. 1 (Russian form, rus+eng)", russian))
        for title, path in pages:
            lang = "rus+eng" if path == russian else "eng"
            print(f"\n{title}")
            print(f"{'variant':34} {'s/page':>7} {'speed':>6} {'word accuracy':>14}")
            base = None
            for name, dpi, threads in variants:
                runs = [run_variant(path, dpi, threads, lang) for _ in range(args.repeat)]
                seconds = statistics.median(r[0] for r in runs)
                base = base or seconds
                accuracy = (
                    f"{word_accuracy(' '.join([KNOWN] * 6), runs[0][1]):14.1%}"
                    if path != russian
                    else f"{len(runs[0][1].split()):8d} words"
                )
                print(f"{name:34} {seconds:7.2f} {base / seconds:5.2f}x {accuracy}")
            pair = {
                t: statistics.median(run_pair(path, t, lang) for _ in range(args.repeat))
                for t in ("1", None)
            }
            print(
                f"{'2 workers at once, 1 thread each':34} {pair['1']:7.2f}  (per page, wall)\n"
                f"{'2 workers at once, OpenMP threads':34} {pair[None]:7.2f} "
                f"{pair['1'] / pair[None]:5.2f}x against 1 thread each"
            )
    if CORPUS.is_dir():
        from ingestion import read_pdf

        print("\nCorpus scans (MANIFEST no-text), read_pdf with OCR auto")
        for line in (CORPUS / "MANIFEST.tsv").read_text().splitlines()[1:]:
            cols = line.split("\t")
            if cols[7] != "no-text":
                continue
            start = time.perf_counter()
            doc = read_pdf(CORPUS / cols[0])
            took = time.perf_counter() - start
            print(
                f"  {cols[0]:34} {doc.page_count} p, {took / doc.page_count:5.2f} s/page, "
                f"language {doc.language}, {len(doc.text.split())} words; title: {doc.title!r}"
            )


if __name__ == "__main__":
    main()
