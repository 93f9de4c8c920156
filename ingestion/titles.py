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
- **banners** (#20) are never the title (`ingestion.banners`).
- **lines above** (#20): a title set over several sizes ("UPDATED RECOMMENDATIONS ON" in
  smaller type over the rest) takes in the lines right above its largest type that share its
  left edge or its axis.
- **author lines end a title** (#20): names with footnote marks († ∗ ‡ digits), a list of
  personal names (initials and surnames, in any of Latin, Cyrillic or Greek letters), e-mails
  and affiliations are never part of it.
- **CJK titles** count each ideograph as a word; a leading list number ("（３）") is dropped.
- **panels** (#20, #19): the largest type set twice side by side at one height, one line in
  each half of the page, heads two panels (a leaflet's spread): the title is both panels'
  titles, "left / right", and no byline.
- **capitals over a byline** (#20): where no type stands out, lines wholly in capitals right
  above a byline ("By R. K. ANDJUS AND …") are the title, OCR's old-style figures ("o", "i"
  among capitals, "I955") read as digits.

Rules on plain text, for scans without measured type, are in `ingestion.title_text`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ingestion.banners import BANNER_WORDS, REPEATED_PAGES, YEAR, banner, repeated_lines
from ingestion.bylines import (
    BY,
    INITIALS,
    NAME,
    TOP_REGION,
    author_line,
    authors_after,
    in_capitals,
    old_style_figures,
)
from ingestion.layout import (
    NOT_TITLE,
    SAME_SIZE,
    SizedLine,
    char_median,
    line_key,
)

BIGGER_THAN_BODY = 1.05  # a title's type is at least this much larger than the body's
NEAR_LARGEST = 0.97  # sizes this close to the largest count as the largest
# Footnote marks after a title's last word: symbols, superscript figures, or a figure with a
# closing parenthesis and none opened ("… bonifiés 2019 1)").
_MARKS = re.compile(r"[*∗†‡§¶]+$|(?<=\S)[\u00b9\u00b2\u00b3\u2070-\u2079]+$|(?<=\S)\s+\d{1,2}\)$")


def _unmarked(text: str) -> str:
    """A title line less its footnote mark (`_MARKS`); a closing parenthesis is a mark only
    where none was opened ("Tax Return (Form 1)" keeps its own)."""
    mark = _MARKS.search(text)
    if mark is None or (mark.group().endswith(")") and "(" in text[: mark.start()]):
        return text
    return text[: mark.start()]


CENTRED = 0.05  # centres within this share of the page width are on one axis
BODY_LINES = 3  # a paragraph of body text: this many lines in a row at the body's size
_SECTION_NAMES = re.compile(
    r"^(?:abstract|(?:executive )?summary|introduction|contents|table of contents|references|"
    r"bibliography|acknowledge?ments?|keywords|index|overview|background|preface|foreword|"
    r"purpose|scope|definitions|methods?|results|discussion|conclusions?|appendix|"
    r"(?:chapter|part|section) \w+)\b",
    re.IGNORECASE,
)
COVER_LINES = 15  # a first page with fewer lines is a cover...
COVER_SHARE = 0.1  # ...whose body is its smallest type holding this share of its characters


def _body_size(lines: list[SizedLine]) -> float:
    """The median size over characters, so a few big lines do not set it. On a cover, where
    the title may hold most characters, the smallest type with a tenth of them (#20)."""
    median = char_median(lines) or 0.0  # 0.0: no characters at all
    if len(lines) < COVER_LINES:
        counts: dict[float, int] = {}
        # Page numbers and notices in small print are not a cover's body.
        for size in (z for ln in lines if _usable(ln) for z in [ln.size] * len(ln.text)):
            counts[size] = counts.get(size, 0) + 1
        total = sum(counts.values())
        common = [size for size, n in counts.items() if n >= COVER_SHARE * total]
        return min(common, default=median)
    return median


# The bytes an ASCII line's letters are not (str.isalpha on ASCII is A-Z and a-z): deleted,
# what is left is its letters, counted without a loop over its characters (#19's speed pass).
_NOT_ASCII_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())


def _usable(line: SizedLine) -> bool:
    text = line.text
    if text.isascii():
        letters = len(text.encode("ascii").translate(None, _NOT_ASCII_LETTERS))
    else:
        letters = sum(c.isalpha() for c in text)
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
            and not NAME.match(line.text)
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


STANDS_OUT = 1.2  # a running line is the title only where nothing else is this much larger
ABOVE_LINES = 3  # lines above the largest type that may join a title set over several sizes
ABOVE_SIZE = 0.5  # ...at this share of its size or more
ALIGNED = 0.03  # left edges or centres this close (share of the page width) line up
ABOVE_GAP = 1.6  # ...and no further above than this many of the larger line's heights
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_ET_AL = re.compile(r",?\s+et al\.?$", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"^\s*(?:1(?:\.[01])+\.?\s+|[(（]?[0-9０-９]{1,2}[)）.．]\s*(?=\S))")


def word_count(text: str) -> int:
    """Words, with each CJK character counted as half a word (no spaces between them)."""
    cjk = len(_CJK.findall(text))
    return len(_CJK.sub("", text).split()) + (cjk + 1) // 2


def _lined_up(a: SizedLine, b: SizedLine) -> bool:
    return abs(a.left - b.left) <= ALIGNED or abs(_centre(a) - _centre(b)) <= ALIGNED


def _above(
    lines: list[SizedLine], first: int, lead: SizedLine, repeated: frozenset[str], body: float
) -> int:
    """The index where a title set over several sizes starts: lines right above its largest
    type, lined up with it, in type at least half as large."""
    if lead.right - lead.left >= 1.0:  # no extents measured
        return first
    start = first
    for j in range(first - 1, max(-1, first - 1 - ABOVE_LINES), -1):
        line, below = lines[j], lines[start]
        gap = line.bottom - below.top
        if not (
            ABOVE_SIZE * lead.size <= line.size < lead.size
            and line.top > below.top
            and gap <= ABOVE_GAP * max(line.top - line.bottom, below.top - below.bottom)
            and _lined_up(line, below)
            and _usable(line)
            and not banner(lines, j, repeated)
            and not author_line(line.text)
            and line.text[-1:] not in ".;"
            and in_capitals(line.text) == in_capitals(lead.text)
            # Body-size lines join only a title in capitals ("UPDATED RECOMMENDATIONS ON").
            and (line.size >= BIGGER_THAN_BODY * body or in_capitals(line.text))
        ):
            break
        start = j
    return start


def _panels(a: SizedLine, b: SizedLine) -> bool:
    """Whether two lines of the largest type stand side by side, one in each half of the page,
    at one height and each of a few words: the headings of two panels (a flyer's spread)."""
    halves = sorted((a, b), key=lambda ln: ln.left)
    return (
        a is not b
        and halves[0].right <= 0.5 < halves[1].left
        and abs(a.top - b.top) <= 0.5 * max(a.top - a.bottom, 0.005)
        and min(word_count(a.text), word_count(b.text)) >= 2
    )


def front_matter(
    lines: list[SizedLine], repeated: frozenset[str] = frozenset()
) -> tuple[str, tuple[str, ...]]:
    """The title ('' when no rule finds one) and the authors named on the lines after it.

    ``repeated`` holds the keys of lines repeated on many pages (`repeated_lines`)."""
    if not lines:
        return "", ()
    body = _body_size(lines)
    lines = _split(lines)
    usable = [i for i, ln in enumerate(lines) if ln.top >= TOP_REGION and _usable(ln)]
    top = [lines[i] for i in usable if not banner(lines, i, repeated)]
    biggest = max((ln.size for ln in top), default=0.0)
    if repeated and biggest < STANDS_OUT * body:
        # Nothing else stands out: a running title repeated on every page is the title.
        top = [lines[i] for i in usable if not banner(lines, i)]
        biggest = max((ln.size for ln in top), default=0.0)
    if biggest < BIGGER_THAN_BODY * body:
        return "", ()
    # Of lines set within a hair of the largest size, the highest on the page.
    leads = [ln for ln in top if ln.size >= NEAR_LARGEST * biggest]
    lead = max(leads, key=lambda ln: ln.top)
    partner = next((ln for ln in leads if _panels(lead, ln)), None)
    if partner is not None:
        # Side-by-side panels, each with its own heading: the page's title is both headings
        # (a leaflet's two offers), each taken as a title of its half; no byline.
        halves = sorted((lead, partner), key=lambda ln: ln.left)
        found = [_title_at(lines, ln, repeated, body, biggest)[0] for ln in halves]
        return (" / ".join(found), ()) if all(found) else ("", ())
    title, end = _title_at(lines, lead, repeated, body, biggest)
    return (title, authors_after(lines, end)) if title else ("", ())


def _title_at(
    lines: list[SizedLine],
    lead: SizedLine,
    repeated: frozenset[str],
    body: float,
    biggest: float,
) -> tuple[str, int]:
    """The title whose largest type is ``lead`` (with the lines above it, its subtitle and a
    year beside it) and the index of the line after it; ("", 0) when it is too long or too
    short. In a panel (``lead`` in one half of the page) the other half is not read."""
    first = lines.index(lead)
    start = _above(lines, first, lead, repeated, body)
    run: list[SizedLine] = lines[start:first]
    half = lead.right <= 0.5 or lead.left > 0.5
    for j in range(first, len(lines)):
        line = lines[j]
        if line.size < SAME_SIZE * lead.size or not _usable(line):
            break
        if half and line is not lead and (line.left > 0.5) != (lead.left > 0.5):
            break  # the other panel
        if run and line is not lead and (author_line(line.text) or banner(lines, j)):
            break
        run.append(line)
    end = start + len(run)
    texts = [_unmarked(ln.text) for ln in run]
    after = lines[end] if end < len(lines) else None
    if after is not None and after.top == run[-1].top and YEAR.match(after.text):
        texts.append(after.text)  # "… Tax Return 2010": the year set apart on the same line
        end += 1
    subtitle = _subtitle(lines, end, run, body)
    texts += [_unmarked(t) for t in subtitle]
    end += len(subtitle)
    title = _LIST_NUMBER.sub("", " ".join(texts)).strip(" .,;:")
    title = _ET_AL.sub("", title)  # a case caption's "… v. Herrmann et al."
    words = word_count(title)
    if words > 30 or (words < 2 and biggest < 1.5 * body):
        return "", 0
    return title, end


BYLINE_LINES = 15  # a byline is looked for among the first page's first lines


def capitals_over_byline(lines: list[SizedLine]) -> tuple[str, tuple[str, ...]]:
    """Lines wholly in capitals, lined up, right above a byline (an author line opening with
    "By" or holding initials: "By R. K. ANDJUS* AND J. E. LOVELOCK"): the title of a page
    where no type stands out (an old journal's article, a typed report), its old-style
    figures read as digits; and the byline's names."""
    lines = _split(lines)[:BYLINE_LINES]
    for i, byline in enumerate(lines):
        signed = BY.match(byline.text) or INITIALS.search(byline.text)
        if i == 0 or not (signed and author_line(byline.text)):
            continue
        group: list[SizedLine] = []
        for ln in reversed(lines[:i]):
            if not (
                in_capitals(old_style_figures(ln.text).replace("°", ""))
                and _usable(ln)
                and ln.top >= TOP_REGION
                and abs(ln.size - lines[i - 1].size) <= 0.1 * ln.size
                and (not group or _lined_up(ln, group[-1]))
                and not banner(lines, lines.index(ln))
            ):
                break
            group.append(ln)
        title = " ".join(old_style_figures(ln.text) for ln in reversed(group)).strip(" .,;:")
        return (title, authors_after(lines, i)) if 2 <= word_count(title) <= 30 else ("", ())
    return "", ()


@dataclass(frozen=True)
class Front:
    """What the first page with text says about the document (#10, #20)."""

    title: str = ""  # the largest type's title ('' when none stands out)
    heading: str = ""  # else the bold heading above the first paragraph
    authors: tuple[str, ...] = ()
    large: str = ""  # the text of every line set larger than the body (to judge metadata)


def read_front(lines: list[SizedLine], pages: Sequence[str] = ()) -> Front:
    """Title, heading, authors and large text of the first page with text; ``pages`` (every
    page's text) tells running banners apart."""
    if not lines:
        return Front()
    # Only the keys `banner` may ask of the page's lines (#19's speed pass).
    asked = (ln.text.strip(" .:") for ln in _split(lines))
    among = {line_key(text) for text in asked if len(text.split()) >= BANNER_WORDS}
    repeated = repeated_lines(pages, among) if len(pages) >= REPEATED_PAGES else frozenset()
    title, authors = front_matter(lines, repeated)
    body = _body_size(lines)
    large = "\n".join(ln.text for ln in _split(lines) if ln.size >= BIGGER_THAN_BODY * body)
    heading = ""
    if not title:
        heading, authors = capitals_over_byline(lines)
        heading = heading or heading_above_body(lines)
    return Front(title, heading, authors, large)
