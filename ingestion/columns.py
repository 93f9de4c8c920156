"""Two-column pages that PDFium reads across the gutter, read column by column instead (#10).

PDFium reads text in the order the page's content stream writes it. Most two-column PDFs write
one column, then the other, and PDFium's text is right. Some write row by row across both
columns; PDFium then joins each left line to the right line on the same baseline ("…to discuss
the Meanwhile the railway…"), and every sentence after that is two sentences shuffled.

Rules, on PDFium's text-run rectangles (one call for the page, one per rectangle):
- **read across**: PDFium's order steps from a run to the next run on the same row, across a
  gap at one x in the middle 40 % of the page, on at least ``MIN_ROWS`` rows (pages PDFium
  reads right fail this at once and are left as they are);
- **gutter**: no text run crosses that x within the columns' height, and each side's runs are
  mostly wide (prose lines, not table cells).
Then the page's text is rebuilt: what is above the columns, the left column, the right column,
what is below.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from ingestion.glyph_reads import Rect, as_boxes, gutter_steps, text_rects

MIN_ROWS = 4
MIN_COLUMN_WIDTH = 0.2  # median run width on each side, as a share of the page width
GUTTER_RANGE = (0.3, 0.7)  # where a gutter may lie, as shares of the page width
EDGE = 0.5  # points between a column and the gutter, or what is above or below it


def _same_row(a: Rect, b: Rect) -> bool:
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap > 0.5 * min(a[3] - a[1], b[3] - b[1])


def across_gutter(rects: Sequence[float], width: float) -> float | None:
    """The x that PDFium's order steps across most often, from a run to the next run on the
    same row to its right, when it does so on at least ``MIN_ROWS`` rows; else None.
    ``rects`` as `text_rects` gives them (flat)."""
    lo, hi = (share * width for share in GUTTER_RANGE)
    steps = gutter_steps(rects, lo, hi)  # by the compiled helper, or here:
    if steps is None:
        steps = [
            (a[2], b[0])
            for a, b in pairwise(as_boxes(rects))
            if lo <= a[2] < b[0] and a[2] <= hi and _same_row(a, b)
        ]
    if len(steps) < MIN_ROWS:
        return None
    starts = sorted(s for s, _ in steps)
    ends = sorted(e for _, e in steps)
    # Of the x EDGE right of each step's start, the one most steps' gaps hold (the leftmost
    # of equals), swept in order: how many steps start at or left of x and how many end left
    # of it only grow (bisections for every x before #19's speed pass).
    most, at = -1, 0.0
    started = ended = 0
    n = len(starts)
    for start in starts:
        x = start + EDGE
        while started < n and starts[started] <= x:
            started += 1
        while ended < n and ends[ended] < x:
            ended += 1
        if started - ended > most:
            most, at = started - ended, x
    return at if most >= MIN_ROWS else None


def columns_at(rects: list[Rect], x: float, width: float) -> tuple[float, float] | None:
    """(bottom, top) of two columns of prose either side of ``x``, or None when a run crosses
    ``x`` between them or a side holds narrow runs (table cells, labels)."""
    rects = [r for r in rects if r[2] - r[0] > 1 and r[3] > r[1]]
    left = [r for r in rects if r[2] <= x]
    right = [r for r in rects if r[0] >= x]
    if len(left) < MIN_ROWS or len(right) < MIN_ROWS:
        return None
    bottom = min(r[1] for r in left + right)
    top = max(r[3] for r in left + right)
    if any(r[0] < x < r[2] and r[1] < top and r[3] > bottom for r in rects):
        return None
    widths = (
        statistics.median(r[2] - r[0] for r in left),
        statistics.median(r[2] - r[0] for r in right),
    )
    return (bottom, top) if min(widths) >= MIN_COLUMN_WIDTH * width else None


def column_text(textpage: Any, width: float, height: float) -> str | None:
    """The page's text column by column when PDFium reads it across the gutter, else None."""
    rects = text_rects(textpage)
    x = across_gutter(rects, width)
    found = columns_at(as_boxes(rects), x, width) if x is not None else None
    if x is None or found is None:
        return None
    bottom, top = found
    parts = [
        textpage.get_text_bounded(0, top + EDGE, width, height, errors="surrogatepass"),
        textpage.get_text_bounded(0, bottom - EDGE, x, top + EDGE, errors="surrogatepass"),
        textpage.get_text_bounded(x, bottom - EDGE, width, top + EDGE, errors="surrogatepass"),
        textpage.get_text_bounded(0, 0, width, bottom - EDGE, errors="surrogatepass"),
    ]
    return "\r\n".join(p.strip() for p in parts if p.strip())
