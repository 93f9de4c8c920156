"""Blocks with roles: a page's lines grouped into runs and named by clear rules (#10).

`ingestion.line_groups` groups the lines (same type size and weight, a line's height apart; a
heading, a list item, a contents entry or a caption starts a block of its own). Each block then
gets the first role whose rule holds, in this order:

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

import re
from collections import Counter
from collections.abc import Sequence

from ingestion.document import Block, Section
from ingestion.front_abstract import reads_as_prose
from ingestion.layout import SizedLine, char_median, line_key
from ingestion.line_groups import (
    LIST_ITEM,
    PAGE_NUMBER,
    bbox,
    group_lines,
    leaders,
    may_be_key,
    may_open_block,
    may_stand_alone,
    norm,
    normalized,
    numbered,
    short_line,
)
from ingestion.openings import OPENING
from ingestion.type_headings import HEADING_RATIO
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

_CODE = re.compile(r"[{};=<>⊆⊂∈∀∃≤≥→⇒∑∏∫√∞∪∩±≠≈]")
_BLANKS = "___"  # blanks to fill: three underscores or more
# A table row has three numeric cells, so three digits: lines without are not tested (speed).
_DIGITS3 = re.compile(r"\d\D*\d\D*\d")
FOOTNOTE_ZONE = 0.25
SMALLER = 0.85  # footnote type against the body's
CODE_CHARS_PER_MARK = 25  # code has a brace, operator or semicolon every few words
ABSTRACT_OVERLAP = 0.6  # share of a paragraph's words found in the author's abstract


def make_blocks(
    pages: Sequence[Sequence[SizedLine]],
    *,
    title: str = "",
    authors: Sequence[str] = (),
    abstract: str = "",
    outline: Sequence[Section] = (),
) -> tuple[Block, ...]:
    """Every page's lines as blocks with roles (see the module docstring)."""
    # normalized(ln), asked only of lines with more than printable ASCII (a call less a line)
    pages = [
        [ln if (t := ln.text).isascii() and t.isprintable() else normalized(ln) for ln in p]
        for p in pages
    ]
    roles = _Roles(pages, title, authors, abstract, outline)
    # A heading's line, and the title's where text alone shows it, end their blocks.
    alone = {**roles.heading_titles, roles.title: 0} if roles.title else roles.heading_titles
    out: list[Block] = []
    edges: dict[float, float] = {}
    for number, lines in enumerate(pages, 1):
        groups = group_lines(lines, alone)
        end = len(groups) - 1
        for i, group in enumerate(groups):
            one = len(group) == 1
            text = group[0].text if one else " ".join([ln.text for ln in group])
            role, level = roles.role(group, text, number, one and (i == 0 or i == end))
            # Block(role, number, bbox(group), text, level), made without the frozen
            # dataclass's __init__ (one object.__setattr__ a field; #19's speed pass).
            block = _NEW(Block)
            _SET(
                block,
                "__dict__",
                {"role": role, "page": number, "bbox": bbox(group, edges), "text": text,
                 "level": level},
            )  # fmt: skip
            out.append(block)
    return tuple(out)


_NEW = object.__new__
_SET = object.__setattr__


CELL_WORDS = 3  # a table's cells stacked one a line: a few words each ...
CELL_LINES = 3  # ... on this many lines or more ...
CELL_ENDS = 1 / 3  # ... of which fewer than this share end like a sentence
LABEL_WORDS = 6  # a figure's labels: short lines in small type
_SENTENCE_END = re.compile(r"[.!?。！？][\"”’')\]]*$")
_CLOSERS = "\"”’')]"
_ENDS = ".!?。！？"


def _ends_sentence(text: str) -> bool:
    """`_SENTENCE_END` searched, by stripping the closers (a regex search runs the whole line;
    #19's speed pass); its ``$`` also before a last newline, which lines never hold."""
    if text.endswith("\n"):
        return bool(_SENTENCE_END.search(text))
    bare = text.rstrip(_CLOSERS)
    return bare != "" and bare[-1] in _ENDS


def _cells(group: list[SizedLine]) -> bool:
    """A wall of table cells, one a line ("Harbour" / "Berth 4" / "Open" / "Closed" …)."""
    if len(group) < CELL_LINES:
        return False
    # The median line has more than CELL_WORDS words where as many lines as from the median
    # up have: counted (each up to one past CELL_WORDS) until they are (#19's speed pass).
    prose = len(group) - len(group) // 2
    for ln in group:
        if len(ln.text.split(None, CELL_WORDS)) > CELL_WORDS:
            prose -= 1
            if not prose:
                return False  # prose: its line ends need not be read
    ends = sum(_ends_sentence(ln.text) for ln in group)
    return ends < CELL_ENDS * len(group)


def _rows(lines: list[str], need: float) -> int:
    """How many of ``lines`` are a table's rows, counted until ``need`` are or can no longer
    be: what ``rows >= need`` asks of the count (#19's speed pass)."""
    rows, left = 0, len(lines)
    for text in lines:
        left -= 1
        rows += table_row(text)
        if rows >= need or rows + left < need:
            break
    return rows


def _labels(group: list[SizedLine]) -> bool:
    """Labels inside a figure: short lines, none ending like a sentence."""
    return all(
        len(ln.text.split(None, LABEL_WORDS)) <= LABEL_WORDS and not _ends_sentence(ln.text)
        for ln in group
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
        self.headings = {(norm(s.title), s.first_page): s.level for s in outline}
        self.heading_pages: dict[str, list[tuple[int, int]]] = {}
        for (t, p), lv in self.headings.items():
            self.heading_pages.setdefault(t, []).append((p, lv))
        self.heading_titles = {norm(s.title): s.level for s in outline}
        self.heading_firsts = {t[:1] for t in self.heading_pages}
        self.title = norm(title)
        self.authors = [norm(a) for a in authors]
        self.abstract = norm(abstract)
        self.pages = len(pages)
        self.in_title = bool(title)
        self.in_authors = bool(authors)
        self.in_front = self.in_abstract = self.in_references = False

    def role(self, group: list[SizedLine], text: str, page: int, edge: bool) -> Role:
        if (may_stand_alone[text[:OPENING]] and PAGE_NUMBER.match(text)) or (
            edge and line_key(text) in self.running
        ):
            return ("page furniture", None)
        if not self._keyed(text, page):  # the rules that read the block's key cannot hold
            return self._heading(group, text, None, page) or (self._body(group, text), None)
        key = norm(text)
        return (
            self._front(text, key, page)
            or self._heading(group, text, key, page)
            or (self._body(group, text), None)
        )

    def _keyed(self, text: str, page: int) -> bool:
        """Whether a rule may read the block's key (its `norm`, a block's dearest step): in
        reach of the title, authors or abstract, at an "Abstract" label, or where the block
        may be a line of the outline; else `_front` holds nothing (#19's speed pass)."""
        return (
            ((self.in_title or self.in_front) and page <= 2)
            or self.in_authors
            or self.in_abstract
            or bool(ABSTRACT_HEAD.match(text))
            or (bool(self.heading_firsts) and may_be_key(text, self.heading_firsts))
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
        if self.in_authors and any(a in key for a in self.authors) and not reads_as_prose(text):
            # (a paragraph that names an author, "… for the Tenth Circuit.", is no byline)
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
            if reads_as_prose(text):  # running prose ends the front matter: the body's
                self.in_front = self.in_authors = False  # (or an unlabelled abstract's)
                return None
            return ("authors", None)
        return None

    def _set_apart(self, group: list[SizedLine]) -> bool:
        """Set in bold or larger type than the body, on a line of its own."""
        return len(group) == 1 and (group[0].bold or group[0].size >= HEADING_RATIO * self.body)

    def _heading(
        self, group: list[SizedLine], text: str, key: str | None, page: int
    ) -> Role | None:
        """A line of the outline; "References", "Contents", "Appendix"; a numbered heading
        ("3.1 Mining rules"; "3 Method" in bold or larger type); a contents entry. No ``key``:
        the block is no line of the outline (`_keyed`)."""
        level = None if key is None else self.headings.get((key, page))
        if level is None and key is not None and key in self.heading_pages:
            level = next((lv for p, lv in self.heading_pages[key] if abs(p - page) <= 1), None)
        if level is not None:
            self.in_front = self.in_authors = False
            self.in_references = bool(REFERENCES_HEADING.match(text))
            return ("heading", level)
        alone = may_stand_alone[text[:OPENING]]  # else none of the next three rules can hold
        if alone and REFERENCES_HEADING.match(text):
            # A reference list ends a document: "References" in its first half is a contents
            # line or a section's own short list, not the start of the list.
            self.in_references = page > self.pages // 2
            return ("heading", 0)
        if alone and (
            CONTENTS_HEADING.match(text) or (APPENDIX_HEADING.match(text) and short_line(text))
        ):
            self.in_references = False  # an appendix follows the reference list
            return ("heading", 0)
        number = numbered(text) if alone else None
        if number and short_line(text) and (number["sub"] or self._set_apart(group)):
            self.in_front = self.in_authors = self.in_references = False
            return ("heading", text.split()[0].rstrip(".").count("."))
        if leaders(text):
            return ("toc entry", None)
        return None

    def _body(self, group: list[SizedLine], text: str) -> str:
        """What a block of the body is, by its format."""
        if self.in_references:
            return "reference"
        opens = may_open_block[text[:OPENING]]  # else neither of the next two rules can hold
        if opens and CAPTION.match(text):
            return "caption"
        if opens and LIST_ITEM.match(text):
            return "list item"
        tallest = group[0].size if len(group) == 1 else max(ln.size for ln in group)
        smaller = tallest < SMALLER * self.body
        if smaller and group[-1].bottom >= FOOTNOTE_ZONE and _labels(group):
            return "figure text"
        # A line with three digits has them in the block's text: without, no line is tested;
        # nor where too few lines have three to make half the block's rows.
        rows = 0
        need = max(1, len(group) / 2)
        if _DIGITS3.search(text):
            digits = [ln.text for ln in group if _DIGITS3.search(ln.text)]
            rows = _rows(digits, need) if len(digits) >= need else 0
        if rows >= need or (len(group) >= CELL_LINES and _cells(group)):  # (a call less)
            return "table"
        if len(_CODE.findall(text)) >= max(3, len(text) / CODE_CHARS_PER_MARK):
            return "code or formula"
        if _BLANKS in text or (text.endswith(":") and len(text.split()) <= 6):
            return "form label"
        if smaller and group[-1].bottom < FOOTNOTE_ZONE:
            return "footnote"
        return "paragraph"
