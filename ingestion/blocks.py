"""Blocks with roles: a page's lines grouped into runs and named by clear rules (#10).

Lines (`layout.sized_lines`, with their extent) join a block while they keep the same type size
and weight and follow each other within a line's height; a heading, a list item, a contents
entry or a caption starts a block of its own. Each block then gets the first role whose rule
holds, in this order:

    page furniture   a page number, or a line at a page's top or bottom edge that recurs
    title            the document's title (from layout) on the first page with it
    authors          the first page's block naming the document's authors
    abstract         "Abstract", and the paragraphs of the author's abstract
    heading          a line of the document's outline, with its level; "References",
                     "Contents", "Appendix"; a numbered heading ("3.1 Mining rules", or
                     "3 Method" in bold or larger type), short and without a sentence's end
    toc entry        a title, dot leaders and a page number
    reference        after a "References" / "Bibliography" / "Literatur" heading in the
                     document's second half, up to an appendix or the next outline heading
    caption          "Figure 3", "Fig. 2", "Table 1" at the start
    list item        a bullet, or "1." / "a)" at the start
    table            numbers make most of the words (3 or more), or a wall of cells: three or
                     more lines of a few words each, hardly any ending like a sentence
    code or formula  braces, operators and math symbols
    form label       blanks to fill ("____") or a short line ending in ":"
    figure text      a figure's labels: short lines in smaller type, no sentence ends
    footnote         smaller type than the body in the bottom quarter of the page
    paragraph        everything else

Pages known only as text (OCR, pypdf) get the same rules over `text_lines`: one type size,
blank lines between paragraphs.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ingestion.clean import normalize
from ingestion.document import Block, Section
from ingestion.layout import HEADING_RATIO, SizedLine, char_median, line_key
from ingestion.vocabulary import (
    ABSTRACT_HEAD,
    APPENDIX_HEADING,
    CAPTION,
    CONTENTS_HEADING,
    FRONT_LABEL,
    REFERENCES_HEADING,
    running_line_pages,
    table_row,
)

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I
)
_DOT_LEADERS = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})$|…{2,}", re.I)


_LEADERS_END = re.compile(r"(?:\d|[ivxlc])\n?\Z", re.I)  # how a leaders' line must end


def _leaders(text: str) -> bool:
    """Dot leaders and a page number ("Method . . . . 12"), or "……". What the search needs
    is tested first (four dots, a line's last character), as the search is slow on prose
    and on long dotted lines (#19's speed pass)."""
    if "……" in text:
        return True
    return (
        text.count(".") >= 4
        and bool(_LEADERS_END.search(text[-2:]))
        and bool(_DOT_LEADERS.search(text))
    )


_LIST_ITEM = re.compile(r"^(?:[•●▪◦‣∙·*\-–—]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_CODE = re.compile(r"[{};=<>]|[⊆⊂∈∀∃≤≥→⇒∑∏∫√∞∪∩±≠≈]")
_BLANKS = re.compile(r"_{3,}")
# A table row has three numeric cells, so three digits: lines without are not tested (speed).
_DIGITS3 = re.compile(r"\d\D*\d\D*\d")
FOOTNOTE_ZONE = 0.25
SMALLER = 0.85  # footnote type against the body's
CODE_CHARS_PER_MARK = 25  # code has a brace, operator or semicolon every few words
ROW_GAP = 0.04  # pieces of one row closer than this share of the page width are one line
ABSTRACT_OVERLAP = 0.6  # share of a paragraph's words found in the author's abstract


_PUNCT = re.compile(r"[^\w\s]")


@functools.lru_cache(maxsize=4096)  # a line's, then its one-line block's (#19 speed)
def _norm(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def make_blocks(
    pages: Sequence[Sequence[SizedLine]],
    *,
    title: str = "",
    authors: Sequence[str] = (),
    abstract: str = "",
    outline: Sequence[Section] = (),
) -> tuple[Block, ...]:
    """Every page's lines as blocks with roles (see the module docstring)."""
    pages = [[_normalized(ln) for ln in p] for p in pages]
    roles = _Roles(pages, title, authors, abstract, outline)
    # A heading's line, and the title's where text alone shows it, end their blocks.
    alone = {**roles.heading_titles, roles.title: 0} if roles.title else roles.heading_titles
    out: list[Block] = []
    for number, lines in enumerate(pages, 1):
        groups = _groups(lines, alone)
        for i, group in enumerate(groups):
            edge = i in (0, len(groups) - 1) and len(group) == 1
            text = " ".join(ln.text for ln in group)
            role, level = roles.role(group, text, number, edge)
            out.append(Block(role, number, _bbox(group), text, level))
    return tuple(out)


TEXT_LINE_SIZE = 10.0  # the one type size of a page known only as text


def text_lines(text: str) -> list[SizedLine]:
    """A page known only as text (OCR, pypdf) as lines for `make_blocks`: one type size, one
    line's height apart, a blank line a paragraph's break; the same roles follow from what the
    text shows (page numbers, recurring edge lines, labels, numbers, punctuation)."""
    rows = text.split("\n")
    step = 1.0 / (len(rows) + 2)
    out: list[SizedLine] = []
    top = 1.0 - step
    for row in rows:
        line = " ".join(row.split())
        if line:
            bottom = top - 0.8 * step
            out.append(SizedLine(line, TEXT_LINE_SIZE, top, bottom=bottom))
            top -= step
        else:
            top -= 2 * step  # a blank line: more than a line's height, a new block
    return out


def _bbox(group: list[SizedLine]) -> tuple[float, float, float, float]:
    first = group[0]
    x0, y0, x1, y1 = first.left, first.bottom, first.right, first.top
    for ln in group[1:]:
        x0, y0 = min(x0, ln.left), min(y0, ln.bottom)
        x1, y1 = max(x1, ln.right), max(y1, ln.top)
    return (_share(x0), _share(y0), _share(x1), _share(y1))


def _share(v: float) -> float:  # loose boxes overhang the page
    return round(min(1.0, max(0.0, v)), 4)


def _starts_block(text: str, heading: bool) -> bool:
    """Whether a line starts a block of its own (``heading``: it is an outline heading's)."""
    return bool(
        heading
        or _LIST_ITEM.match(text)
        or CAPTION.match(text)
        or _leaders(text)
        or ABSTRACT_HEAD.match(text)
        or _own_line(text)
    )


def _normalized(line: SizedLine) -> SizedLine:
    if line.text.isascii() and line.text.isprintable():
        return line  # nothing for NFKC or the control characters to do (most lines)
    text = " ".join(normalize(line.text).split())
    return line if text == line.text else replace(line, text=text)


def _groups(lines: Sequence[SizedLine], heading_titles: dict[str, int]) -> list[list[SizedLine]]:
    groups: list[list[SizedLine]] = []
    ends = False  # whether the last line ends its block (a heading on a line of its own)
    for line in lines:
        last = groups[-1][-1] if groups else None
        heading = bool(heading_titles) and _norm(line.text) in heading_titles
        if last is not None and _joins(last, line, heading, ends):
            groups[-1].append(line)
        else:
            groups.append([line])
        ends = heading or _own_line(line.text)
    return groups


def _joins(last: SizedLine, line: SizedLine, heading: bool, ends: bool) -> bool:
    """Whether ``line`` goes on ``last``'s block: a piece of the same row, or the next line in
    the same type, unless ``last`` ends its block or ``line`` starts one (``heading``: it is
    an outline heading's line)."""
    height = max(line.top - line.bottom, 1e-3)
    # PDFium splits a row at wide gaps and font changes ("Andreas Gal∗+, Brendan Eich∗"
    # / ", Mike Shaver∗"): the pieces of one row that sit close together are one line.
    if abs(last.top - line.top) <= 0.3 * height and -0.01 <= line.left - last.right <= ROW_GAP:
        return True
    return (
        not ends
        and abs(last.size - line.size) <= 0.6
        and last.bold == line.bold
        and 0 <= last.bottom - line.top <= 0.8 * height + 1e-3
        and not _starts_block(line.text, heading)
    )


# A numbered heading: a section number ("3", "3.1", "IV.") and a few words, no sentence end.
_NUMBERED_HEADING = re.compile(
    r"^(?:\d{1,2}(?P<sub>(?:\.\d{1,2})+)\.?|\d{1,2}\.?|[IVX]{1,4}\.)\s+(?P<word>[^\W\d_])[^.;:!?]*$"
)
HEADING_WORDS = 12


def _numbered(text: str) -> re.Match[str] | None:
    """A numbered heading's match, its first word capitalised (in any cased script)."""
    m = _NUMBERED_HEADING.match(text)
    return m if m and m["word"].isupper() else None


def _short_line(text: str) -> bool:
    """A heading's length, without a sentence's end."""
    words = text.split()
    return 1 <= len(words) <= HEADING_WORDS and text[-1:] not in ".,;:"


@functools.lru_cache(maxsize=4096)  # each line is asked twice: does it start, does it end
def _own_line(text: str) -> bool:
    """A line that stands on its own at any size: "References", "Contents", "Appendix A", a
    numbered subsection ("3.1 Mining rules"), a page number."""
    if REFERENCES_HEADING.match(text) or CONTENTS_HEADING.match(text) or _PAGE_NUMBER.match(text):
        return True
    m = _numbered(text)
    return _short_line(text) and bool(APPENDIX_HEADING.match(text) or (m and m["sub"]))


CELL_WORDS = 3  # a table's cells stacked one a line: a few words each ...
CELL_LINES = 3  # ... on this many lines or more ...
CELL_ENDS = 1 / 3  # ... of which fewer than this share end like a sentence
LABEL_WORDS = 6  # a figure's labels: short lines in small type
_SENTENCE_END = re.compile(r"[.!?。！？][\"”’')\]]*$")


def _cells(group: list[SizedLine]) -> bool:
    """A wall of table cells, one a line ("Harbour" / "Berth 4" / "Open" / "Closed" …)."""
    if len(group) < CELL_LINES:
        return False
    words = sorted(len(ln.text.split()) for ln in group)
    ends = sum(bool(_SENTENCE_END.search(ln.text)) for ln in group)
    return words[len(words) // 2] <= CELL_WORDS and ends < CELL_ENDS * len(group)


def _labels(group: list[SizedLine]) -> bool:
    """Labels inside a figure: short lines, none ending like a sentence."""
    return all(
        len(ln.text.split()) <= LABEL_WORDS and not _SENTENCE_END.search(ln.text) for ln in group
    )


def _in_abstract(key: str, abstract: str) -> bool:
    """Most of a paragraph's words are the abstract's (its text differs by hyphenation)."""
    words = key.split()
    known = set(abstract.split())
    return bool(words) and sum(w in known for w in words) >= ABSTRACT_OVERLAP * len(words)


LABEL_ALONE_WORDS = 4  # "Abstract", "ABSTRACT.": the label on its own, its text after it


Role = tuple[str, int | None]  # a block's role and, for a heading, its level


class _Roles:
    """Names each block's role in reading order: what is known of the whole document (body
    type size, running lines, the outline, title, authors, abstract) and where the reading
    stands (still in the title, the front matter, the abstract, the references)."""

    def __init__(
        self,
        pages: Sequence[Sequence[SizedLine]],
        title: str,
        authors: Sequence[str],
        abstract: str,
        outline: Sequence[Section],
    ) -> None:
        body = char_median(ln for lines in pages for ln in lines)
        self.body = 10.0 if body is None else body
        # Running heads and feet: a page's first or last line, recurring on other pages (the
        # rule of `clean.strip_running_lines`: half the pages, or three in 8+ pages).
        edge_keys = Counter(
            k for lines in pages for k in {line_key(ln.text) for ln in [*lines[:1], *lines[-1:]]}
        )
        need = running_line_pages(sum(bool(lines) for lines in pages))
        self.running = {k for k, n in edge_keys.items() if n >= need}
        self.headings = {(_norm(s.title), s.first_page): s.level for s in outline}
        self.heading_pages: dict[str, list[tuple[int, int]]] = {}
        for (t, p), lv in self.headings.items():
            self.heading_pages.setdefault(t, []).append((p, lv))
        self.heading_titles = {_norm(s.title): s.level for s in outline}
        self.title = _norm(title)
        self.authors = [_norm(a) for a in authors]
        self.abstract = _norm(abstract)
        self.pages = len(pages)
        self.in_title = bool(title)
        self.in_authors = bool(authors)
        self.in_front = self.in_abstract = self.in_references = False

    def role(self, group: list[SizedLine], text: str, page: int, edge: bool) -> Role:
        if _PAGE_NUMBER.match(text) or (edge and line_key(text) in self.running):
            return ("page furniture", None)
        key = _norm(text)
        return (
            self._front(text, key, page)
            or self._heading(group, text, key, page)
            or (self._body(group, text), None)
        )

    def _front(self, text: str, key: str, page: int) -> Role | None:
        """Title, authors (with affiliations up to the abstract) and the abstract."""
        whole = self.title
        if (
            self.in_title
            and page <= 2
            and key
            and (key in whole or (key.startswith(whole) and len(key) <= 2 * len(whole)))
        ):
            # A title set on lines of two sizes is two blocks; the one that ends it ends it.
            self.in_title = not (whole.endswith(key) or key.startswith(whole))
            return ("title", None)
        if self.in_authors and any(a in key for a in self.authors):
            self.in_front = True  # affiliations and addresses follow, up to the abstract
            return ("authors", None)
        if ABSTRACT_HEAD.match(text):
            self.in_authors = self.in_front = False
            # What follows is the abstract while it holds the stored abstract's words; with
            # none stored, the one paragraph after a label that stands alone.
            self.in_abstract = bool(self.abstract) or len(key.split()) <= LABEL_ALONE_WORDS
            return ("abstract", None)
        if (
            self.in_abstract
            and not FRONT_LABEL.match(text)
            and key not in self.heading_titles
            and (not self.abstract or _in_abstract(key, self.abstract))
        ):
            self.in_abstract = bool(self.abstract)
            return ("abstract", None)
        self.in_abstract = False
        if self.in_front and page <= 2 and key not in self.heading_titles:
            return ("authors", None)
        return None

    def _set_apart(self, group: list[SizedLine]) -> bool:
        """Set in bold or larger type than the body, on a line of its own."""
        return len(group) == 1 and (group[0].bold or group[0].size >= HEADING_RATIO * self.body)

    def _heading(self, group: list[SizedLine], text: str, key: str, page: int) -> Role | None:
        """A line of the outline; "References", "Contents", "Appendix"; a numbered heading
        ("3.1 Mining rules"; "3 Method" in bold or larger type); a contents entry."""
        level = self.headings.get((key, page))
        if level is None:
            level = next(
                (lv for p, lv in self.heading_pages.get(key, ()) if abs(p - page) <= 1), None
            )
        if level is not None:
            self.in_front = self.in_authors = False
            self.in_references = bool(REFERENCES_HEADING.match(text))
            return ("heading", level)
        if REFERENCES_HEADING.match(text):
            # A reference list ends a document: "References" in its first half is a contents
            # line or a section's own short list, not the start of the list.
            self.in_references = page > self.pages // 2
            return ("heading", 0)
        if CONTENTS_HEADING.match(text) or (APPENDIX_HEADING.match(text) and _short_line(text)):
            self.in_references = False  # an appendix follows the reference list
            return ("heading", 0)
        numbered = _numbered(text)
        if numbered and _short_line(text) and (numbered["sub"] or self._set_apart(group)):
            self.in_front = self.in_authors = self.in_references = False
            return ("heading", text.split()[0].rstrip(".").count("."))
        if _leaders(text):
            return ("toc entry", None)
        return None

    def _body(self, group: list[SizedLine], text: str) -> str:
        """What a block of the body is, by its format."""
        if self.in_references:
            return "reference"
        if CAPTION.match(text):
            return "caption"
        if _LIST_ITEM.match(text):
            return "list item"
        smaller = max(ln.size for ln in group) < SMALLER * self.body
        if smaller and group[-1].bottom >= FOOTNOTE_ZONE and _labels(group):
            return "figure text"
        tokens = text.split()
        rows = sum(table_row(ln.text) for ln in group if _DIGITS3.search(ln.text))
        if rows >= max(1, len(group) / 2) or _cells(group):
            return "table"
        if len(_CODE.findall(text)) >= max(3, len(text) / CODE_CHARS_PER_MARK):
            return "code or formula"
        if _BLANKS.search(text) or (len(tokens) <= 6 and text.endswith(":")):
            return "form label"
        if smaller and group[-1].bottom < FOOTNOTE_ZONE:
            return "footnote"
        return "paragraph"
