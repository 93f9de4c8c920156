"""read_pdf's output over the corpus as one JSON file, to check a speed pass changes nothing.

Writes, per PDF of ../shared/corpus/pdfs and pdfs2: the title, authors, every sentence's text,
role, section and page, and every block's role, page, level, box and text (or the error's
message). Run it before and after a change and compare the files (`cmp`, or `diff` for where).
Usage: python bench/fingerprint.py OUT.json [PDF_DIR...] [--ocr never]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from ingestion import Limits, PdfError, document_sentences, read_pdf

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


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
    args = ap.parse_args()
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
