"""Fill-in fields for test PDFs (#19): widgets added to a `pdfmaker` PDF with pypdf, where
its lines stand (line N of page 1 has its baseline at 760 - 14 N points, from x = 72)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

LINE_Y0, LINE_STEP, LINE_X = 760, 14, 72
CHAR_WIDTH = 6.2  # Helvetica 11 pt, about, per character (wide enough to clear the text)


@dataclass(frozen=True)
class Widget:
    """One widget: on line ``line`` (0-based) after ``after`` characters of that line's text
    (0: before the text), ``width`` points wide."""

    line: int
    after: int
    width: float = 120.0
    on_state: str = "Yes"  # a button's state when checked


@dataclass(frozen=True)
class Field:
    """One field: its name, type ("/Tx", "/Btn", "/Ch"), value, flags and widgets."""

    name: str
    kind: str
    widgets: Sequence[Widget]
    value: str = ""
    flags: int = 0
    options: Sequence[str] = ()
    tooltip: str = ""


def add_fields(path: str | Path, fields: Sequence[Field]) -> Path:
    """``path`` rewritten with an AcroForm holding ``fields`` on its first page."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=str(path))
    page = writer.pages[0]
    annots = ArrayObject()
    roots = ArrayObject()
    for f in fields:
        parent = DictionaryObject(
            {
                NameObject("/FT"): NameObject(f.kind),
                NameObject("/T"): TextStringObject(f.name),
                NameObject("/Ff"): NumberObject(f.flags),
            }
        )
        if f.value:
            value = NameObject(f"/{f.value}") if f.kind == "/Btn" else TextStringObject(f.value)
            parent[NameObject("/V")] = value
        if f.tooltip:
            parent[NameObject("/TU")] = TextStringObject(f.tooltip)
        if f.options:
            parent[NameObject("/Opt")] = ArrayObject(TextStringObject(o) for o in f.options)
        parent_ref = writer._add_object(parent)
        kids = ArrayObject()
        for w in f.widgets:
            x = LINE_X + CHAR_WIDTH * w.after + (4 if w.after else -18)
            y = LINE_Y0 - LINE_STEP * w.line - 3
            width = w.width if f.kind != "/Btn" else 12
            widget = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Annot"),
                    NameObject("/Subtype"): NameObject("/Widget"),
                    NameObject("/Rect"): ArrayObject(
                        FloatObject(v) for v in (x, y, x + width, y + 12)
                    ),
                    NameObject("/Parent"): parent_ref,
                    NameObject("/P"): page.indirect_reference,
                }
            )
            if f.kind == "/Btn":
                states = DictionaryObject(
                    {NameObject(f"/{w.on_state}"): NumberObject(0), NameObject("/Off"): NumberObject(0)}
                )
                widget[NameObject("/AP")] = DictionaryObject({NameObject("/N"): states})
            ref = writer._add_object(widget)
            kids.append(ref)
            annots.append(ref)
        parent[NameObject("/Kids")] = kids
        roots.append(parent_ref)
    page[NameObject("/Annots")] = annots
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): roots}
    )
    writer.write(str(path))
    return Path(path)
