"""Title accuracy on the labelled corpora (#20): ../shared/corpus/pdfs (labels in
bench/titles.tsv) and ../shared/corpus/pdfs2 (its MANIFEST.tsv `title` column).

Per file it prints the label, what Synopsis read, right or wrong, and the authors found; then
the total. A title is right when, with case, accents' forms (NFKC), punctuation and spacing
folded, it equals one of the label's alternatives (` | `), or holds one whole and adds at most
a quarter of its words (at least two: a year, a form number). A cut title, another heading or
a banner is wrong. Files with no title on the page (an empty label, `NA`) are shown, not judged.

    python bench/titles.py [--ocr auto|never] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingestion import Limits, PdfError, read_pdf  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = Path(__file__).with_name("titles.tsv")


def fold(text: str) -> list[str]:
    """Words of ``text`` with case, compatibility forms and punctuation folded away."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return re.findall(r"[^\W_]+", text)


def right(got: str, label: str) -> bool:
    """Whether ``got`` states one of the label's alternatives, and little else."""
    words = fold(got)
    for alt in label.split(" | "):
        want = fold(alt)
        if not want:
            continue
        if words == want:
            return True
        extra = len(words) - len(want)
        if 0 < extra <= max(2, len(want) // 4):
            for i in range(extra + 1):
                if words[i : i + len(want)] == want:
                    return True
    return False


def labelled() -> list[tuple[Path, str, str]]:
    """(path, label, kind) for every readable file of both corpora."""
    out: list[tuple[Path, str, str]] = []
    first = CORPUS / "pdfs"
    with (first / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        expected = {r["file"]: r["expected"] for r in csv.DictReader(fh, delimiter="\t")}
    with LABELS.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if expected.get(r["file"]) in ("ok", "no-text"):
                out.append((first / r["file"], r["title"], ""))
    second = CORPUS / "pdfs2"
    with (second / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["expected"] in ("ok", "no-text", "malformed"):
                out.append((second / r["file"], r["title"], r["kind"]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ocr", default="auto", choices=("auto", "never"))
    ap.add_argument("--only", default="", help="only files whose name holds this")
    args = ap.parse_args()
    if not (CORPUS / "pdfs2" / "MANIFEST.tsv").is_file():
        sys.exit(f"no corpus at {CORPUS}")
    limits = Limits(ocr=args.ocr)
    good = judged = papers = with_authors = 0
    start = time.perf_counter()
    for path, label, kind in labelled():
        if args.only not in path.name:
            continue
        try:
            doc = read_pdf(path, limits=limits)
            got, authors = doc.title, doc.authors
        except PdfError as exc:
            got, authors = f"<{exc.kind}>", ()
        if label in ("", "NA"):
            verdict = "not judged"
        else:
            judged += 1
            ok = right(got, label)
            good += ok
            verdict = "right" if ok else "WRONG"
        print(f"{verdict:10} {path.parent.name}/{path.name}")
        print(f"           expected: {label!r}")
        print(f"           got:      {got!r}")
        if kind == "paper" or authors:
            papers += kind == "paper"
            with_authors += kind == "paper" and bool(authors)
            print(f"           authors:  {', '.join(authors) or '-'}")
    took = time.perf_counter() - start
    share = 100 * good / max(1, judged)
    print(
        f"\ntitles right: {good}/{judged} ({share:.1f} %); papers with authors found: "
        f"{with_authors}/{papers}; {took:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
