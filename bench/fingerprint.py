"""read_pdf's output over the corpus as one JSON file, to check a speed pass changes nothing.

Writes, per PDF of ../shared/corpus/pdfs and pdfs2: the title, authors, every sentence's text,
role, section and page, and every block's role, page, level, box and text (or the error's
message). Run it before and after a change and compare the files (`cmp`, or `diff` for where).
It reads the code of the checkout it is in (a worktree's, not the installed one's); with
--no-helper the glyph reads run in Python (`ingestion.glyph_reads`' fallback), as on a machine
without a compiler: both paths must give the same file.
Usage: python bench/fingerprint.py OUT.json [PDF_DIR...] [--ocr never] [--no-helper]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

# This checkout's code first: the venv's editable install names main's, so a worktree's run
# would otherwise read main's code (a helper-on run of main's beside a Python-path run of a
# branch's was once taken for the two paths disagreeing).
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ingestion  # noqa: E402
from ingestion import Limits, PdfError, document_sentences, glyph_reads, read_pdf  # noqa: E402

# Beside the checkout, or where SYNOPSIS_TEST_CORPUS says (a worktree kept elsewhere).
CORPUS = Path(os.environ.get("SYNOPSIS_TEST_CORPUS") or ROOT.parent / "shared" / "corpus")


def fingerprint(path: Path, limits: Limits) -> dict[str, object]:
    """One PDF's reading: title, authors, sentences and blocks (or the error's message)."""
    try:
        doc = read_pdf(path, isolate=False, limits=limits)
    except PdfError as exc:
        return {"error": exc.user_message}
    return {
        "title": doc.title,
        "authors": list(doc.authors),
        "abstract": doc.abstract,
        "outline": [[s.level, s.title, s.first_page] for s in doc.outline],
        "pages": [hashlib.sha1(p.text.encode()).hexdigest()[:12] for p in doc.pages],
        "sentences": [[s.text, s.role, s.section, s.page] for s in document_sentences(doc)],
        "blocks": [[b.role, b.page, b.level, b.bbox, b.text] for b in doc.blocks],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--ocr", default="auto", help="auto | never (quicker: no Tesseract)")
    ap.add_argument(
        "--no-helper", action="store_true", help="glyph reads in Python, not the C helper"
    )
    args = ap.parse_args()
    if args.no_helper:
        glyph_reads.helper = lambda: None  # read_pdf runs in this process (isolate=False)
    path = "C helper" if glyph_reads.helper() is not None else "Python glyph reads"
    print(f"{Path(ingestion.__file__).parent} ({path})")
    limits = Limits(ocr=args.ocr)
    folders = args.folders or [CORPUS / "pdfs", CORPUS / "pdfs2"]
    result = {
        f"{folder.name}/{path.name}": fingerprint(path, limits)
        for folder in folders
        for path in sorted(folder.glob("*.pdf"))
    }
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=0, sort_keys=True))
    print(f"{len(result)} PDFs -> {args.out}")


if __name__ == "__main__":
    main()
