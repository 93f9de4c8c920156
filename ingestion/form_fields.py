"""A fill-in form's fields (#19): what each AcroForm field asks for and whether it is filled.

Read from the PDF's structure, never guessed from text: the fields come from the AcroForm
(pypdf: each terminal field's type, value, choices and widgets), and each field's label is the
text printed next to its widget (PDFium's text runs with their boxes):

- a check box or a radio button is labelled by the run just right of its box, else left;
- a text or choice field by the run just left of it on its row (between it and the widget
  before it), else the nearest run above it;
- failing a printed label, the field's tooltip (/TU), else its name (/T) where the name is
  words, not a code ("p1-t14[0]", "NAT1").

A radio group (or a check box with several boxes) is one field whose choices are its
buttons' labels. A field is filled when it holds a value; a hidden widget, a push
button (reset, print, a link), a read-only field and one the form calculates (a total) ask
nothing of the person filling it in and are no fields. Anything unreadable in the form gives no
fields: the document is still read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingestion.document import FormField

log = logging.getLogger(__name__)

MAX_WIDGETS = 3000  # a form larger than this is read up to here
HIDDEN = 2  # an annotation's /F bit 2: never shown
READ_ONLY = 1  # /Ff bit 1: nobody fills it
PUSH_BUTTON = 1 << 16  # /Ff bit 17: a push button
RADIO = 1 << 15  # /Ff bit 16: a radio group
ABOVE_HEIGHTS = 2.5  # a label above a widget stands within this many widget heights …
MIN_HEIGHT = 10.0  # … the height counted at least this (points)
NEAR = 2.0  # points a label may overlap its widget's edge
LABEL_CHARS = 60
MIN_LETTERS = 3
_LEADERS = re.compile(r"(?:\s*[.…·_]){2,}|[▶►▸→»]")
_ROW_NUMBER = re.compile(r"^(?:\d+[a-z]?|[A-Za-z]\)|\d+\.)\s+")  # "6a ", "2 ", "A) ", "1. "
_WORDY_NAME = re.compile(r"^[A-Za-z][a-z]+(?:[ _][A-Za-z][a-z]+)*$")  # "First Name", "female"


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points, y upwards


@dataclass
class _Widget:
    field: str  # the field's full name
    page: int
    box: Box


@dataclass
class _Field:
    name: str
    tooltip: str
    kind: str
    filled: bool
    choices: tuple[str, ...]
    widgets: list[_Widget]


def clean_label(text: str) -> str:
    """A printed label as a field's name: one line, without leader dots, arrows, a row
    number before it or a colon after it; "" when what is left is not words (a row number
    alone, a fragment of figures) or is too long to be a label."""
    text = " ".join(_LEADERS.sub(" ", text).split())
    while _ROW_NUMBER.match(text):
        text = _ROW_NUMBER.sub("", text, count=1)
    text = text.strip(" :;,.*")
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    letters = sum(ch.isalpha() for ch in text)
    if letters < MIN_LETTERS or letters < 0.5 * len(text.replace(" ", "")):
        return ""  # a row's number, a code ("FD"), figures
    if len(text) > LABEL_CHARS or not text[:1].isalpha():
        return ""  # a sentence of instructions; a fragment of a date line ("2010, ending")
    return text


def _overlaps_rows(a: Box, b: Box) -> bool:
    """Whether two boxes share their row: each one's middle height falls inside the other."""
    return a[1] <= (b[1] + b[3]) / 2 <= a[3] or b[1] <= (a[1] + a[3]) / 2 <= b[3]


def printed_label(
    widget: Box, runs: Sequence[tuple[str, Box]], others: Sequence[Box], *, box_first: bool
) -> str:
    """The text run printed next to ``widget`` (see the module docstring); ``others`` are
    the page's other widgets (a label stops at them), ``box_first``: a check box or a radio
    button, labelled on its right."""
    x0, y0, x1, y1 = widget
    row = [o for o in others if _overlaps_rows(o, widget)]
    before = max((o[2] for o in row if o[2] <= x0 + NEAR), default=0.0)
    after = min((o[0] for o in row if o[0] >= x1 - NEAR), default=float("inf"))
    level = [(t, b) for t, b in runs if _overlaps_rows(b, widget)]
    left = [(b[2], t) for t, b in level if before - NEAR <= b[0] and b[2] <= x0 + NEAR]
    right = [(b[0], t) for t, b in level if x1 - NEAR <= b[0] and b[2] <= after + NEAR]
    height = max(y1 - y0, MIN_HEIGHT)
    reach = ABOVE_HEIGHTS * height
    # Above: a label over the widget, or set a little to its side (over a box's option text).
    above = [
        (b[1], t)
        for t, b in runs
        if y1 - NEAR <= b[1] <= y1 + reach and b[0] < x1 + 2 * height and b[2] > x0 - height
    ]
    nearest_left = [t for _, t in sorted(left, reverse=True)]
    nearest_right = [t for _, t in sorted(right)]
    nearest_above = [t for _, t in sorted(above)]
    order = (
        (nearest_right, nearest_left, nearest_above)
        if box_first
        else (nearest_left, nearest_above, nearest_right[:0])
    )
    for found in order:
        for text in found[:1]:
            label = clean_label(text)
            if label:
                return label
    return ""


def name_label(name: str) -> str:
    """A field's name as its label where the name is words ("First Name", "female"), not a
    code (its last part, less an index "[0]" or a copy's "_2")."""
    last = re.sub(r"\[\d+\]$", "", name.rsplit(".", 1)[-1])
    last = re.sub(r"_\d+$", "", last)
    return last.replace("_", " ") if _WORDY_NAME.match(last) else ""


def _text(value: Any) -> str:
    return str(value) if value is not None else ""


def _walk(pdf: Any) -> Iterator[_Field]:
    """The AcroForm's terminal fields with their widgets (pypdf objects, read leniently)."""
    found: dict[str, _Field] = {}
    count = 0
    for number, page in enumerate(pdf.pages, start=1):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            hidden = int(annot.get("/F") or 0) & HIDDEN
            if annot.get("/Subtype") != "/Widget" or hidden or count >= MAX_WIDGETS:
                continue
            count += 1
            names: list[str] = []
            kind = flags = value = tooltip = opt = None
            calculated = False
            node = annot
            for _ in range(32):  # a field's ancestors give what it inherits
                names.append(_text(node.get("/T")))
                kind = kind or node.get("/FT")
                flags = flags if flags is not None else node.get("/Ff")
                tooltip = tooltip or node.get("/TU")
                value = value if value is not None else node.get("/V")
                opt = opt if opt is not None else node.get("/Opt")
                calculated = calculated or "/C" in (node.get("/AA") or {})
                parent = node.get("/Parent")
                if parent is None:
                    break
                node = parent.get_object()
            name = ".".join(n for n in reversed(names) if n)
            bits = int(flags or 0)
            pushed = kind == "/Btn" and bits & PUSH_BUTTON
            if kind is None or pushed or bits & READ_ONLY or calculated:
                continue
            rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
            box = (
                min(rect[0], rect[2]),
                min(rect[1], rect[3]),
                max(rect[0], rect[2]),
                max(rect[1], rect[3]),
            )
            widget = _Widget(name, number, box)
            if name in found:
                found[name].widgets.append(widget)
                continue
            # A multi-select list holds its choices as an array: filled where any is chosen.
            values = value if isinstance(value, list) else [value]
            filled = any(_text(v).strip() not in ("", "/Off", "Off") for v in values)
            kinds = {"/Tx": "text", "/Ch": "choice", "/Sig": "signature"}
            sort = kinds.get(str(kind), "radio" if bits & RADIO else "check")
            choices = tuple(
                _text(o[-1] if isinstance(o, list) else o).strip()
                for o in (opt or [])
                if o or not isinstance(o, list)  # an empty pair names no choice
            )
            found[name] = _Field(name, _text(tooltip), sort, filled, choices, [widget])
    yield from found.values()


def _page_runs(pdfium_doc: Any, page: int) -> list[tuple[str, Box]]:
    """PDFium's text runs of a page, each with its box."""
    textpage = pdfium_doc[page - 1].get_textpage()
    runs = []
    for i in range(textpage.count_rects()):
        box = textpage.get_rect(i)
        text = " ".join(textpage.get_text_bounded(*box).split())
        if text:
            runs.append((text, box))
    return runs


ROW_POINTS = 4.0  # widgets whose tops are this close stand on one row


def _reading_order(field: _Field) -> tuple[int, float, float]:
    """Page, row from the top, then left to right, of the field's first widget."""
    w = field.widgets[0]
    return (w.page, -round(w.box[3] / ROW_POINTS), w.box[0])


def read_form_fields(path: Path, password: str | None = None) -> tuple[FormField, ...]:
    """The document's fill-in fields in reading order (of their first widgets), each with its label
    (see the module docstring); () for a document without an AcroForm or one that cannot
    be read."""
    import pypdf
    import pypdfium2 as pdfium

    try:
        reader = pypdf.PdfReader(str(path), strict=False, password=password)
        if "/AcroForm" not in reader.root_object:
            return ()
        fields = sorted(_walk(reader), key=_reading_order)
        if not fields:
            return ()
        pdf = pdfium.PdfDocument(str(path), password=password)
        try:
            return tuple(_labelled(fields, pdf))
        finally:
            pdf.close()
    except Exception as exc:  # a damaged form costs its fields, never the document
        log.warning("%s: its form fields could not be read (%s)", path, exc)
        return ()


def _labelled(fields: Sequence[_Field], pdf: Any) -> Iterator[FormField]:
    runs: dict[int, list[tuple[str, Box]]] = {}
    boxes: dict[int, list[Box]] = {}
    for f in fields:
        for w in f.widgets:
            boxes.setdefault(w.page, []).append(w.box)
    for f in fields:
        first = f.widgets[0]
        if first.page not in runs:
            runs[first.page] = _page_runs(pdf, first.page)
        page_runs = runs[first.page]
        buttons = f.kind in ("check", "radio")
        own = [w.box for w in f.widgets if w.page == first.page]
        others = [b for b in boxes[first.page] if b not in own]
        choices = f.choices
        if buttons and len(f.widgets) > 1:
            labels = [
                printed_label(b, page_runs, others + [o for o in own if o != b], box_first=True)
                for b in own
            ]
            choices = tuple(dict.fromkeys(lab for lab in labels if lab))
            group: Box = (
                min(b[0] for b in own),
                min(b[1] for b in own),
                max(b[2] for b in own),
                max(b[3] for b in own),
            )
            label = printed_label(group, page_runs, others, box_first=False)
        else:
            label = printed_label(first.box, page_runs, others, box_first=buttons)
        label = label or clean_label(f.tooltip) or name_label(f.name)
        yield FormField(label, f.kind, f.filled, choices, first.page)
