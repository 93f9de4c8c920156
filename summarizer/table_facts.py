"""What a table says about itself (#19): its header row, how many rows of figures it has and
what they cover, read from the format of its lines, never from its words.

- A **row of figures** is a line with two or more number cells making up a fifth of its
  tokens; rows run together into one line count as many rows as the usual row's numbers go
  into the line's numbers.
- The **header row** is the line of words (at most one number, or under a fifth of its
  tokens) just above the first row of figures; a section heading glued before it is cut.
- **What the rows cover**: the rows' own labels (the first run of words in each row) where
  most are different ("Transpacific, Europe, Southeast Asia … Total"); else what the rows
  name (`row_names`) and the span of the dates its cells hold ("06/22/2015 to 03/25/2016"),
  or the period a first-page line prints as two dates joined by a dash or "to", where the
  table states one ("Summary by Received Date 07/01/2015 - 03/25/2016").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from ingestion.document import Sentence
from ingestion.vocabulary import NUMBER_TOKEN
from summarizer.candidates import junk_reason, word_count
from summarizer.table_values import (
    headnote,
    repeated_values,
    row_names,
    totals_columns,
    totals_row,
)

ROW_NUMBERS = 2  # number cells that make a line a row of figures …
ROW_SHARE = 0.2  # … making up this share of its tokens
MIN_ROWS = 3  # fewer rows of figures are no table to describe
HEADER_TOKENS = 14  # of the header row quoted
DISTINCT_LABELS = 0.6  # share of different row labels that makes them worth naming
MAX_LABEL_SHARE = 0.1  # ... or the most any one label comes back, as a share of the rows
MIN_DATES = 3
FIRST_YEAR, LAST_YEAR = 1800, 2200
GLUED_SHARE = 0.2  # with more of its lines run together from rows, a table's rows go uncounted
_ALNUM = re.compile(r"\w")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$|^(\d{4})-(\d\d)-(\d\d)$")
_DATE_TOKEN = r"(\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}-\d\d-\d\d)"
_PERIOD = re.compile(rf"{_DATE_TOKEN}\s*(?:[-–—]|to)\s*{_DATE_TOKEN}")
_HEADNOTE_END = re.compile(r"^[^\[\]]*\]\s*")  # "… and source] Offense charged": a note's end


def _numbers(tokens: Sequence[str]) -> int:
    return sum(bool(NUMBER_TOKEN.match(t)) for t in tokens)


def figures_row(text: str) -> bool:
    """A line of a table's figures: ROW_NUMBERS number cells or more, ROW_SHARE of its tokens
    ("Europe 42,097 88.3 383,539"; not "Under 18 years of age")."""
    tokens = text.split()
    n = _numbers(tokens)
    return n >= ROW_NUMBERS and n >= ROW_SHARE * len(tokens)


FIGURE_SHARE = 0.5  # of a document's lines that are figure rows, for it to be a table


def mostly_figures(sentences: Sequence[Sentence]) -> bool:
    """Whether at least MIN_ROWS lines and FIGURE_SHARE of all are rows of figures (a short
    statement of figures with its headnote and a header row or two)."""
    rows = sum(figures_row(s.text) for s in sentences)
    return rows >= MIN_ROWS and rows >= FIGURE_SHARE * len(sentences)


def row_count(rows: Sequence[str]) -> int | None:
    """How many rows ``rows`` (lines of figures) hold: a line run together from two or three
    rows counts as its numbers over the usual row's; None where over GLUED_SHARE of the lines
    are run together (the text lost the rows: a count would be a guess)."""
    counts = [_numbers(r.split()) for r in rows]
    usual = Counter(counts).most_common(1)[0][0] if counts else 1
    per_line = [max(1, round(n / usual)) for n in counts]
    if sum(n > 1 for n in per_line) > GLUED_SHARE * len(per_line):
        return None
    return sum(per_line)


def header_row(sentences: Sequence[Sentence]) -> str:
    """The line of words just above the first row of figures, less a section heading or a
    headnote's end glued before it; "" when the first row has none above it. Words the
    table says again elsewhere are a cell's value ("Layoff Permanent"), not its header."""
    everything = " ".join(" ".join(s.text.split()) for s in sentences)
    for before, row in pairwise(sentences):
        if not figures_row(row.text) or figures_row(before.text):
            continue
        if everything.count(" ".join(before.text.split())) > 1:
            return ""
        text = " ".join(before.text.split())
        if before.section and text.startswith(before.section):
            text = text[len(before.section) :].strip()
        text = _HEADNOTE_END.sub("", text)
        tokens = text.split()
        if len(tokens) < 2 or len(_LETTERS.findall(text)) < 2:
            return ""
        cut = len(tokens) > HEADER_TOKENS
        return " ".join(tokens[:HEADER_TOKENS]).strip(" .,;:") + (" …" if cut else "")
    return ""


def _label(text: str) -> str:
    """A row's label: its first run of tokens that are words, not numbers."""
    run: list[str] = []
    for token in text.split():
        if NUMBER_TOKEN.match(token) or not _LETTERS.search(token):
            if run:
                break
            continue
        run.append(token)
    return " ".join(run).strip(" .:;,")


def row_labels(rows: Sequence[str]) -> list[str]:
    """The first three rows' labels and the last's, where most rows are labelled differently
    (a list of places, months, offences) or where no label comes back in more than
    MAX_LABEL_SHARE of the rows (the same months in several tables: each named once);
    [] where they repeat (a column of status words)."""
    labels = [lab for lab in map(_label, rows) if lab]
    if len(labels) < MIN_ROWS:
        return []
    if len(set(labels)) < DISTINCT_LABELS * len(labels):
        top = Counter(labels).most_common(1)[0][1]
        if top > MAX_LABEL_SHARE * len(labels):
            return []
        labels = list(dict.fromkeys(labels))
    return [*labels[:3], labels[-1]] if len(labels) > 4 else labels


def date_span(rows: Sequence[str]) -> tuple[str, str] | None:
    """The earliest and latest dates the rows' cells hold (a first field over 12 makes the
    slashed dates day-first), or None for fewer than MIN_DATES different dates."""
    slashed: dict[str, tuple[int, int, int]] = {}
    iso: dict[str, tuple[int, int, int]] = {}
    for token in (t.strip(",;") for r in rows for t in r.split()):
        m = _DATE.match(token)
        if m and not FIRST_YEAR <= int(m.group(3) or m.group(4)) <= LAST_YEAR:
            continue  # a mistyped year ("5016") spans nothing
        if m and m.group(3):
            slashed[token] = (int(m.group(3)), int(m.group(1)), int(m.group(2)))
        elif m:
            iso[token] = (int(m.group(4)), int(m.group(5)), int(m.group(6)))
    if any(v[1] > 12 for v in slashed.values()):
        slashed = {t: (v[0], v[2], v[1]) for t, v in slashed.items()}
    found = {**slashed, **iso}
    if len(found) < MIN_DATES:
        return None
    ordered = sorted(found, key=found.__getitem__)
    return ordered[0], ordered[-1]


MOST_DATES = 0.8  # share of a table's dates that the span "most rows fall in" holds


def most_years(rows: Sequence[str]) -> str:
    """The narrowest run of years holding MOST_DATES of the dates in the rows' cells ("2015",
    "2019–2021"), where it is narrower than all their years; "" otherwise."""
    years = []
    for token in (t.strip(",;") for r in rows for t in r.split()):
        m = _DATE.match(token)
        year = int(m.group(3) or m.group(4)) if m else 0
        if FIRST_YEAR <= year <= LAST_YEAR:
            years.append(year)
    if len(years) < MIN_DATES:
        return ""
    counts = Counter(years)
    need = MOST_DATES * len(years)
    best: tuple[int, int] | None = None
    for low in sorted(counts):
        held = 0
        for high in sorted(y for y in counts if y >= low):
            held += counts[high]
            if held >= need:
                if best is None or high - low < best[1] - best[0]:
                    best = (low, high)
                break
    if best is None or best == (min(years), max(years)):
        return ""
    return str(best[0]) if best[0] == best[1] else f"{best[0]}–{best[1]}"


def stated_period(sentences: Sequence[Sentence]) -> tuple[str, str] | None:
    """The period a line on the table's first page prints as two dates joined by a dash or
    "to" ("07/01/2015 - 03/25/2016"), or None."""
    first = sentences[0].page if sentences else 1
    for s in sentences:
        m = _PERIOD.search(s.text) if s.page == first else None
        if m:
            return m.group(1), m.group(2)
    return None


def describe_table(sentences: Sequence[Sentence], *, pages: int = 1, title: str = "") -> str:
    """What a table holds, as clauses of one line: the note above it, its header row, how
    many rows of figures and what they cover, its totals row, the values its rows repeat
    (`summarizer.table_values`); "" for fewer than MIN_ROWS rows. ``title``: the document's,
    left out of the note."""
    lines = [s for s in sentences if _ALNUM.search(s.text) and junk_reason(s.text) is not None]
    rows = [" ".join(s.text.split()) for s in lines if figures_row(s.text)]
    if len(rows) < MIN_ROWS:
        return ""
    count = row_count(rows)
    clauses = []
    header = header_row(lines)
    note = headnote(sentences, header, title, figures_row)
    if note:
        clauses.append(f"under “{note}”")
    if header:
        clauses.append(f"its header row: “{header}”")
    covers = f"about {count} rows of figures" if count else "rows of figures"
    labels = row_labels(rows)
    span = date_span(rows)
    if labels:
        shown = ", ".join(labels[:-1]) + (" … " if len(rows) > len(labels) else ", ") + labels[-1]
        covers += f" ({shown})"
    values = repeated_values(sentences, pages)
    names = [] if labels else row_names(rows, [v for v, _ in values])
    if names:
        covers += f" naming “{'”, “'.join(names)}” …"
    period = stated_period(sentences) if span and not labels else None
    if period:
        covers += f", for {period[0]} to {period[1]} (the period its first page states)"
    elif span and not labels:
        most = most_years(rows)
        dated = f"{span[0]} to {span[1]}"
        covers += f", dated mostly {most} (all {dated})" if most else f", dated {dated}"
    clauses.append(covers)
    total = totals_row(rows)
    if total:
        named = totals_columns(total, header)
        clauses.append(f"its totals row: “{total}”" + (f" ({named})" if named else ""))
    if values:
        clauses.append("its rows record " + ", ".join(f"“{v}” {n} times" for v, n in values))
    return "; ".join(clauses)


NOTE_WORDS = 8
MAX_NOTES = 2


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalpha())


def table_notes(sentences: Sequence[Sentence], title: str = "") -> list[Sentence]:
    """A table's notes: its first sentences of running prose (a headnote saying what the
    figures count), up to MAX_NOTES; a sentence holding the ``title`` is the page's head
    run together with what follows it, no note."""
    head = _letters(title) if len(title.split()) >= MIN_ROWS else ""
    notes = [
        s
        for s in sentences
        if s.role != "title"
        and word_count(s.text) >= NOTE_WORDS
        and junk_reason(s.text) is None
        and not (head and head in _letters(s.text))
    ]
    return notes[:MAX_NOTES]


LABEL_TOKENS = 3  # a field's label: the first tokens of a line, capitalised or marks …
LABEL_PAGES = 4  # … opening lines on this many pages …
LABEL_RUN = 6  # … each followed by more capitalised values, no lowercase word among them


def _label_token(token: str) -> bool:
    return not token[:1].isalpha() or token[:1].isupper()


def field_lines(sentences: Sequence[Sentence]) -> set[int]:
    """Which sentences are a record's field lines: they open with the same few capitalised
    tokens ("Dataset(s) / Years …", "Data Type Numeric …") on LABEL_PAGES pages or more, a
    form's or a data dictionary's label before its values, repeated record after record,
    with no lowercase word in their first LABEL_RUN tokens ("The Review Group recognized
    …" on every page is prose about one subject)."""
    runs = [s.text.split()[:LABEL_RUN] for s in sentences]
    openings = [tuple(run[:LABEL_TOKENS]) for run in runs]
    pages: dict[tuple[str, ...], set[int]] = {}
    for run, opening, s in zip(runs, openings, sentences, strict=True):
        if len(run) == LABEL_RUN and all(map(_label_token, run)):
            pages.setdefault(opening, set()).add(s.page)
    repeated = {o for o, on in pages.items() if len(on) >= LABEL_PAGES}
    return {
        i
        for i, (o, run) in enumerate(zip(openings, runs, strict=True))
        if o in repeated and all(map(_label_token, run))
    }
