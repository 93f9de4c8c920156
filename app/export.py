"""Exporting the library (Markdown, JSON, CSV) and Markdown sidecars next to PDFs."""

from __future__ import annotations

import contextlib
import csv
import json
import logging
from collections.abc import Collection
from pathlib import Path

from app.render import as_markdown, as_record, reading
from app.store import Store

log = logging.getLogger(__name__)
FORMATS = ("md", "json", "csv")


def export(
    store: Store,
    fmt: str,
    out_dir: Path,
    tag: str | None = None,
    ids: Collection[int] | None = None,
) -> Path:
    """Write the library (only documents with ``tag`` or among ``ids``, when given) as one
    file in ``out_dir``; return its path."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"synopsis-library.{fmt}"
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            if fmt == "json":
                records = [as_record(d) for d in store.iter_details(tag, ids)]
                json.dump(records, fh, ensure_ascii=False, indent=2)
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
                    "tags",
                    "summary",
                ]
                writer = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
                writer.writeheader()
                for detail in store.iter_details(tag, ids):
                    row = as_record(detail)
                    writer.writerow(
                        {
                            **row,
                            "ocr_pages": " ".join(map(str, row["ocr_pages"])),
                            "tags": ", ".join(row["tags"]),
                        }
                    )
            else:
                fh.write("# Synopsis library\n\n")
                for detail in store.iter_details(tag, ids):
                    fh.write(as_markdown(reading(detail)) + "\n")
    except BaseException:  # a full or read-only disk: leave no partial file
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    tmp.replace(path)
    return path


def write_sidecar(store: Store, doc_id: int, pdf: Path) -> Path | None:
    """Write ``report.pdf.md`` next to ``report.pdf`` with its summary; None if not writable."""
    detail = store.detail(doc_id)
    if detail is None:
        return None
    target = pdf.with_name(pdf.name + ".md")
    try:
        target.write_text(as_markdown(reading(detail, path=pdf.name)), encoding="utf-8")
    except OSError as exc:
        log.warning("could not write %s: %s", target, exc)
        return None
    return target
