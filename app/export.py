"""Exporting the library (Markdown, JSON, CSV) and Markdown sidecars next to PDFs."""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path
from typing import Any

from app.store import Store
from app.text import pages_label, plural

log = logging.getLogger(__name__)
FORMATS = ("md", "json", "csv")


def markdown_entry(row: dict[str, Any]) -> str:
    lines = [f"## {row['title']}", ""]
    meta = [f"`{row['path']}`", plural(row["pages"], "page")]
    if row["engine"]:
        model = f" {row['model']}" if row["model"] else ""
        meta.append(f"{row['engine']} ({row['backend']}{model}, {row['length']})")
    if row.get("ocr_pages"):
        meta.append(f"OCR: {pages_label(row['ocr_pages'])}")
    lines += [" · ".join(meta), ""]
    if row.get("authors"):
        lines += [f"By {', '.join(row['authors'])}", ""]
    if row.get("abstract"):
        lines += [f"> **Author's abstract.** {row['abstract']}", ""]
    if row["parts"]:
        for part in row["parts"]:
            lines.append(f"- {part['text']} ({pages_label(part['pages'])})")
    else:
        lines.append("_Not summarized yet._")
    if row.get("outline"):
        lines += ["", "### Outline", ""]
        for sec in row["outline"]:
            first, last = sec["first_page"], sec["last_page"]
            span = f"p. {first}" if first == last else f"pp. {first}–{last}"
            lines.append(f"- **{sec['title']}** ({span}): {sec['text']}".rstrip(": "))
    return "\n".join(lines) + "\n"


def export(store: Store, fmt: str, out_dir: Path) -> Path:
    """Write the whole library as one file in ``out_dir``; return its path."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"synopsis-library.{fmt}"
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "json":
            json.dump(list(store.iter_export_rows()), fh, ensure_ascii=False, indent=2)
        elif fmt == "csv":
            fields = [
                "id",
                "title",
                "path",
                "pages",
                "engine",
                "model",
                "backend",
                "length",
                "summarized_at",
                "sha256",
                "ocr_pages",
                "summary",
            ]
            writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
            writer.writeheader()
            for row in store.iter_export_rows():
                writer.writerow({**row, "ocr_pages": " ".join(map(str, row["ocr_pages"]))})
        else:
            fh.write("# Synopsis library\n\n")
            for row in store.iter_export_rows():
                fh.write(markdown_entry(row) + "\n")
    tmp.replace(path)
    return path


def write_sidecar(store: Store, doc_id: int, pdf: Path) -> Path | None:
    """Write ``report.pdf.md`` next to ``report.pdf`` with its summary; None if not writable."""
    row = store.export_row(doc_id)
    if row is None:
        return None
    target = pdf.with_name(pdf.name + ".md")
    try:
        target.write_text(markdown_entry({**row, "path": pdf.name}), encoding="utf-8")
    except OSError as exc:
        log.warning("could not write %s: %s", target, exc)
        return None
    return target
