"""The title and authors of a document, from the type sizes of its first page (#10).

Named rules, in order:
- **largest type**: the run of largest-type lines in the top 60 % of the first page with text,
  when it stands out from the body's type (of near-equal sizes, the highest on the page). A line
  mixing sizes (a form's "1040" beside small print) is judged by its pieces.
- **masthead**: a line at the top edge with a volume line right under it ("Federal Register"
  over "Vol. 85, No. 152") names the publication, not the document.
- **subtitle**: bold lines right under the title, centred on it and set at least at the body's
  size, continue it ("WARN Report" / "Summary by Received Date"); a year on the title's line
  does too ("U.S. Individual Income Tax Return 2010"). Footnote marks are dropped.
- **heading above the body** (`heading_above_body`, weaker than a real metadata title): where
  no type stands out (a notice, a memo), the bold heading right above the first paragraph of
  body text; common section names ("Abstract", "Executive Summary") are not titles.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import replace

from ingestion.layout import NOT_TITLE, SAME_SIZE, SizedLine

BIGGER_THAN_BODY = 1.05  # a title's type is at least this much larger than the body's
TOP_REGION = 0.4  # a title's top is in the top 60 % of the page
NEAR_LARGEST = 0.97  # sizes this close to the largest count as the largest
MASTHEAD_TOP = 0.85  # a masthead sits above this share of the page height
MASTHEAD_GAP = 0.06  # its volume/issue line is within this share of the page height
_ISSUE = re.compile(r"\b(?:vol\.?|volume)\s*\d", re.IGNORECASE)  # "Vol. 85, No. 152"
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_MARKS = re.compile(r"[*∗†‡§¶]+$")
CENTRED = 0.05  # centres within this share of the page width are on one axis
BODY_LINES = 3  # a paragraph of body text: this many lines in a row at the body's size
_SECTION_NAMES = re.compile(
    r"^(?:abstract|(?:executive )?summary|introduction|contents|table of contents|references|"
    r"bibliography|acknowledge?ments?|keywords|index|overview|background|preface|foreword|"
    r"purpose|scope|definitions|methods?|results|discussion|conclusions?|appendix|"
    r"(?:chapter|part|section) \w+)\b",
    re.IGNORECASE,
)
_AFFILIATION = re.compile(
    r"@|\babstract\b|universit|institut|department|corporation|laborator|\binc\b|\bltd\b|"
    r"school|college|research|center|centre|e-mail|email|\d{5}",
    re.IGNORECASE,
)
# Footnote marks, affiliation letters and numbers that separate names in author lines.
_NAME_MARKS = re.compile(r"(?:\s*[∗*†‡§¶#$+α-ωΑ-Ω\d]+[,\s]*)+(?=\s|$)|\s*,\s*(?:and\s+)?|\s+and\s+")
_PART = r"(?:[A-Z][\w.'’-]*|van|von|de|der|den|da|di|le|la)"
_NAME = re.compile(rf"^{_PART}(?:\s+{_PART}){{1,4}}$")
_NOT_NAME = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Your Name|Abstract|Introduction)\b"
)
MAX_AUTHOR_LINES = 8


def authors_after(lines: list[SizedLine], start: int) -> tuple[str, ...]:
    """Names on the lines that follow a title, up to affiliations, e-mails or the abstract."""
    run: list[str] = []
    for line in lines[start : start + MAX_AUTHOR_LINES * 3]:
        if _AFFILIATION.search(line.text) or line.top < TOP_REGION:
            break
        run.append(line.text)
    names = []
    for piece in _NAME_MARKS.split(" ".join(run)):
        name = " ".join(piece.replace("( )", " ").split()).strip(" ,;")
        good = _NAME.match(name) and not _NOT_NAME.search(name) and len(name) <= 40
        if good and name not in names:
            names.append(name)
    return tuple(names[:40])


def _body_size(lines: list[SizedLine]) -> float:
    """The median size over characters, so a few big lines do not set it."""
    return statistics.median(size for line in lines for size in [line.size] * len(line.text))


def _usable(line: SizedLine) -> bool:
    letters = sum(c.isalpha() for c in line.text)
    return (
        letters >= 2
        and letters >= 0.5 * len(line.text.replace(" ", ""))
        and not NOT_TITLE.search(line.text)
    )


def _split(lines: list[SizedLine]) -> list[SizedLine]:
    """Lines with mixed sizes as one line per piece (same position and weight)."""
    return [
        replace(ln, text=text, size=size, pieces=()) if ln.pieces else ln
        for ln in lines
        for text, size in (ln.pieces or ((ln.text, ln.size),))
    ]


def _masthead(lines: list[SizedLine], line: SizedLine) -> bool:
    """A line at the top edge with a volume line right under it (a journal's running head
    above an article's title is not one)."""
    return line.top >= MASTHEAD_TOP and any(
        0 < line.top - other.top <= MASTHEAD_GAP and _ISSUE.search(other.text)
        for other in lines
        if other is not line
    )


def _centre(line: SizedLine) -> float:
    return (line.left + line.right) / 2


def _subtitle(lines: list[SizedLine], end: int, title: list[SizedLine], body: float) -> list[str]:
    """Bold lines right after the title run, centred on it, at least at the body's size,
    without digits and not names."""
    if title[0].right - title[0].left >= 1.0:  # no extents measured
        return []
    axis = _centre(title[0])
    out = []
    for line in lines[end:]:
        if not (
            line.bold
            and line.size >= 0.95 * body
            and abs(_centre(line) - axis) <= CENTRED
            and _usable(line)
            and not any(c.isdigit() for c in line.text)
            and not _NAME.match(line.text)
        ):
            break
        out.append(line.text)
    return out


def heading_above_body(lines: list[SizedLine]) -> str:
    """The bold heading right above the first paragraph of body-size text: the title of a
    page where no type stands out (a notice, a memo), when the metadata has none."""
    if not lines:
        return ""
    body = _body_size(lines)
    lines = _split(lines)

    def body_line(ln: SizedLine) -> bool:
        return not ln.bold and abs(ln.size - body) <= 0.1 * body

    for i in range(1, len(lines) - BODY_LINES + 1):
        if not all(body_line(ln) for ln in lines[i : i + BODY_LINES]):
            continue
        group: list[SizedLine] = []
        for ln in reversed(lines[:i]):
            if not ln.bold or (group and abs(ln.size - group[-1].size) > 0.1 * group[-1].size):
                break
            group.append(ln)
        text = " ".join(ln.text for ln in reversed(group))
        words = text.split()
        good = group and 2 <= len(words) <= 20 and group[0].top >= TOP_REGION
        if good and _usable(group[0]) and not _SECTION_NAMES.match(text):
            return text.strip(" .,;:")
        return ""
    return ""


def front_matter(lines: list[SizedLine]) -> tuple[str, tuple[str, ...]]:
    """The title ('' when no rule finds one) and the authors named on the lines after it."""
    if not lines:
        return "", ()
    body = _body_size(lines)
    lines = _split(lines)
    top = [ln for ln in lines if ln.top >= TOP_REGION and _usable(ln)]
    top = [ln for ln in top if not _masthead(lines, ln)]
    biggest = max((ln.size for ln in top), default=0.0)
    if biggest < BIGGER_THAN_BODY * body:
        return "", ()
    # Of lines set within a hair of the largest size, the highest on the page.
    lead = max((ln for ln in top if ln.size >= NEAR_LARGEST * biggest), key=lambda ln: ln.top)
    first = lines.index(lead)
    run: list[SizedLine] = []
    for line in lines[first:]:
        if line.size < SAME_SIZE * lead.size or not _usable(line):
            break
        run.append(line)
    end = first + len(run)
    texts = [_MARKS.sub("", ln.text) for ln in run]
    after = lines[end] if end < len(lines) else None
    if after is not None and after.top == run[-1].top and _YEAR.match(after.text):
        texts.append(after.text)  # "… Tax Return 2010": the year set apart on the same line
        end += 1
    subtitle = _subtitle(lines, end, run, body)
    texts += [_MARKS.sub("", t) for t in subtitle]
    end += len(subtitle)
    title = " ".join(texts).strip(" .,;:")
    words = title.split()
    if len(words) > 30 or (len(words) < 2 and biggest < 1.5 * body):
        return "", ()
    return title, authors_after(lines, end)
