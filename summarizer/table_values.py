"""What a table's cells say (#19), by their format: the values a column of words repeats, the
row of totals, the note above the table.

- **Repeated values**: a table's runs of words between its number cells ("Layoff Permanent"
  between a count and a date; a mark such as "(X)" is no value) that come back row after
  row: more often than once a page on average (a running head comes once a page) and at
  least MIN_REPEATS times. They are what the rows record ("Layoff Permanent" 291 times).
- **The totals row**: the one row, in the table's lower half, holding the largest figure of
  all the rows (a total is at least each of its parts); quoted with its label.
- **The headnote**: the first page's text above the header row, less the title (the issuer
  and the period of a financial statement, the units).
- **The totals row's columns**: where the header row has one word per cell of the totals row
  (its figures and gap marks such as "―"; a label column's word before them or not), each
  figure is named by its header word
  ("Boats 24, Crews 80, Landings 720").
- **What the rows name**: each row's run of words that comes back least in the table (the
  longest of those), no repeated value; where
  MIN_NAMED rows have one and most differ (a column of company names and cities), the first
  MAX_NAMES are quoted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from ingestion.document import Sentence
from ingestion.vocabulary import NUMBER_TOKEN

MIN_REPEATS = 5  # times a run of words comes back to be a column's value
MAX_VALUES = 3  # values named
RUN_WORDS = 5  # a longer run of words is a name or a note, not a category
ROW_TOKENS = 12  # of the totals row quoted
NOTE_CHARS = 140  # of the headnote quoted
_FIGURE = re.compile(r"^[-+−△▲(]?\d{1,3}(?:[, ]?\d{3})*(?:\.\d+)?\)?%?$")
_LETTER = re.compile(r"[^\W\d_]")
_GAP = re.compile(r"^(?:[-―—–]|\(X\))$")  # an empty cell's mark
_WORD = re.compile(r"[^\W\d_]{2,}")  # a value says something in a word: "(X)" marks a gap


def _figure(token: str) -> float | None:
    """A cell's figure ("12,846", "△747" is -747), None for anything else (a date)."""
    if not _FIGURE.match(token):
        return None
    sign = -1.0 if token[0] in "-−△▲(" else 1.0
    return sign * float(re.sub(r"[^\d.]", "", token) or 0)


def word_runs(text: str) -> list[str]:
    """The runs of words between a line's number cells ("Layoff Permanent", "Novato")."""
    runs: list[str] = []
    run: list[str] = []
    for token in text.split():
        if NUMBER_TOKEN.match(token) or not _LETTER.search(token):
            if run:
                runs.append(" ".join(run))
            run = []
        else:
            run.append(token)
    if run:
        runs.append(" ".join(run))
    return runs


def repeated_values(sentences: Sequence[Sentence], pages: int) -> list[tuple[str, int]]:
    """The runs of words a table repeats as a column's values, most frequent first, each with
    how often (see the module docstring); [] where none comes back often enough."""
    counts: Counter[str] = Counter()
    for s in sentences:
        counts.update(
            r for r in word_runs(s.text) if len(r.split()) <= RUN_WORDS and _WORD.search(r)
        )
    floor = max(MIN_REPEATS, pages + 1)
    return [(run, n) for run, n in counts.most_common(MAX_VALUES) if n >= floor]


def totals_row(rows: Sequence[str]) -> str:
    """The row of totals: the one row holding the largest figure of all the rows, in the
    table's lower half, opening with a label of words; cut after its figures (a footer run
    into it) and to ROW_TOKENS tokens; "" where no row stands out so."""
    tops = [max((f for f in map(_figure, r.split()) if f is not None), default=None) for r in rows]
    known = [t for t in tops if t is not None]
    if len(known) < 2:
        return ""
    peak = max(known)
    at = tops.index(peak)
    tokens = rows[at].split()
    if tops.count(peak) > 1 or at < len(rows) // 2 or not _LETTER.search(tokens[0]):
        return ""  # no single row stands out; its peak is no total; no label says what it is
    first = next(i for i, t in enumerate(tokens) if _figure(t) is not None)
    end = next((i for i in range(first, len(tokens)) if _LETTER.search(tokens[i])), len(tokens))
    tokens = tokens[:end]
    cut = len(tokens) > ROW_TOKENS
    return " ".join(tokens[:ROW_TOKENS]) + (" …" if cut else "")


def headnote(
    sentences: Sequence[Sentence], header: str, title: str, is_row: Callable[[str], bool]
) -> str:
    """The first page's text before the table's header row (or before its first row,
    ``is_row``), less the title, up to NOTE_CHARS characters; "" where the header row opens
    the page."""
    if not header or not sentences:
        return ""
    start = " ".join(header.split()[:3])
    note: list[str] = []
    for s in sentences:
        text = " ".join(s.text.split())
        if s.page != sentences[0].page or start in text or is_row(text) or s.role == "title":
            break
        note.append(text)
    joined = " ".join(note).replace(" ".join(title.split()), " ") if title else " ".join(note)
    joined = " ".join(joined.split())
    if sum(bool(_LETTER.match(ch)) for ch in joined) < 2:
        return ""
    if len(joined) > NOTE_CHARS:
        joined = joined[:NOTE_CHARS].rsplit(" ", 1)[0] + " …"
    return joined


def totals_columns(total: str, header: str) -> str:
    """The totals row's figures each named by its header word ("Boats 24, Crews 80"), where
    the header row has one word per figure (and perhaps one for the label column); ""
    otherwise."""
    tokens = total.split()
    first = next((i for i, t in enumerate(tokens) if _figure(t) is not None), len(tokens))
    figures = tokens[first:]  # its cells: figures and gap marks ("―") alike
    words = header.split()
    if len(words) == len(figures) + 1:
        words = words[1:]  # the label column's header
    if len(figures) < 2 or len(words) != len(figures) or not all(map(_WORD.search, words)):
        return ""
    if not all(_figure(t) is not None or _GAP.match(t) for t in figures):
        return ""
    return ", ".join(f"{w} {f}" for w, f in zip(words, figures, strict=True))


MAX_NAMES = 3
MIN_NAMED = 3  # rows naming something, for the names to say what the rows are
DISTINCT_NAMES = 0.6  # share of different names among the rows' names


def row_names(rows: Sequence[str], values: Sequence[str]) -> list[str]:
    """What the rows name (see the module docstring): the first MAX_NAMES names; [] where
    fewer than MIN_NAMED rows name something or most names repeat."""
    runs = [[r for r in word_runs(row) if r not in values and _WORD.search(r)] for row in rows]
    seen = Counter(r for row in runs for r in row)
    names = [min(row, key=lambda r: (seen[r], -len(r))).strip(" ,;:") for row in runs if row]
    if len(names) < MIN_NAMED or len(set(names)) < DISTINCT_NAMES * len(names):
        return []
    return list(dict.fromkeys(names))[:MAX_NAMES]
