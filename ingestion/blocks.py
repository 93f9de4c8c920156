"""Blocks with roles: a page's lines grouped into runs and named by clear rules (#10).

Lines (`layout.sized_lines`, with their extent) join a block while they keep the same type size
and weight and follow each other within a line's height; a heading, a list item, a contents
entry or a caption starts a block of its own. Each block then gets the first role whose rule
holds, in this order:

    page furniture   a page number, or a line at a page's top or bottom edge that recurs
    title            the document's title (from layout) on the first page with it
    authors          the first page's block naming the document's authors
    abstract         "Abstract", and the paragraphs of the author's abstract
    heading          a line of the document's outline, with its level
    toc entry        a title, dot leaders and a page number
    reference        anything after a "References" / "Bibliography" / "Literatur" heading
    caption          "Figure 3", "Fig. 2", "Table 1" at the start
    list item        a bullet, or "1." / "a)" at the start
    table            numbers make most of the words (3 or more)
    code or formula  braces, operators and math symbols
    form label       blanks to fill ("____") or a short line ending in ":"
    footnote         smaller type than the body in the bottom quarter of the page
    paragraph        everything else
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ingestion.clean import normalize
from ingestion.document import Block, Section
from ingestion.layout import SizedLine
from ingestion.vocabulary import (
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
_LIST_ITEM = re.compile(r"^(?:[•●▪◦‣∙·*\-–—]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_CODE = re.compile(r"[{};=<>]|[⊆⊂∈∀∃≤≥→⇒∑∏∫√∞∪∩±≠≈]")
_BLANKS = re.compile(r"_{3,}")
FOOTNOTE_ZONE = 0.25
SMALLER = 0.85  # footnote type against the body's
CODE_CHARS_PER_MARK = 25  # code has a brace, operator or semicolon every few words
ROW_GAP = 0.04  # pieces of one row closer than this share of the page width are one line
ABSTRACT_OVERLAP = 0.6  # share of a paragraph's words found in the author's abstract


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def make_blocks(
    pages: Sequence[Sequence[SizedLine]],
    *,
    title: str = "",
    authors: Sequence[str] = (),
    abstract: str = "",
    outline: Sequence[Section] = (),
) -> tuple[Block, ...]:
    """Every page's lines as blocks with roles (see the module docstring)."""
    abstract = _norm(abstract)
    pages = [[replace(ln, text=" ".join(normalize(ln.text).split())) for ln in p] for p in pages]
    sizes = [ln.size for lines in pages for ln in lines for _ in ln.text]
    body = statistics.median(sizes) if sizes else 10.0
    # Running heads and feet: a page's first or last line, recurring on other pages (the rule
    # of `clean.strip_running_lines`: half the pages, or three in a document of 8+ pages).
    edge_keys = Counter(
        k for lines in pages for k in {_key(ln.text) for ln in [*lines[:1], *lines[-1:]]}
    )
    need = running_line_pages(sum(bool(lines) for lines in pages))
    running = {k for k, n in edge_keys.items() if n >= need}
    headings = {(_norm(s.title), s.first_page): s.level for s in outline}
    heading_titles = {_norm(s.title): s.level for s in outline}
    out: list[Block] = []
    state = {
        "title": bool(title),
        "authors": bool(authors),
        "front": False,
        "abstract": False,
        "references": False,
    }
    for number, lines in enumerate(pages, 1):
        groups = _groups(lines, heading_titles)
        for i, group in enumerate(groups):
            edge = i in (0, len(groups) - 1) and len(group) == 1
            out.append(
                _block(
                    group,
                    number,
                    body,
                    running if edge else set(),
                    headings,
                    title,
                    authors,
                    abstract,
                    state,
                )
            )
    return tuple(out)


def _starts_block(line: SizedLine, heading_titles: dict[str, int]) -> bool:
    text = line.text
    return bool(
        _LIST_ITEM.match(text)
        or CAPTION.match(text)
        or _DOT_LEADERS.search(text)
        or _norm(text) in heading_titles
        or REFERENCES_HEADING.match(text)
        or text.lower().startswith("abstract")
    )


def _groups(lines: Sequence[SizedLine], heading_titles: dict[str, int]) -> list[list[SizedLine]]:
    groups: list[list[SizedLine]] = []
    for line in lines:
        last = groups[-1][-1] if groups else None
        height = max(line.top - line.bottom, 1e-3)
        # PDFium splits a row at wide gaps and font changes ("Andreas Gal∗+, Brendan Eich∗"
        # / ", Mike Shaver∗"): the pieces of one row that sit close together are one line.
        same_row = (
            last is not None
            and abs(last.top - line.top) <= 0.3 * height
            and -0.01 <= line.left - last.right <= ROW_GAP
        )
        joins = last is not None and (
            same_row
            or (
                abs(last.size - line.size) <= 0.6
                and last.bold == line.bold
                and 0 <= last.bottom - line.top <= 0.8 * height + 1e-3
                and not _starts_block(line, heading_titles)
                and not _heading(last.text, heading_titles)
                and not REFERENCES_HEADING.match(last.text)
                and not CONTENTS_HEADING.match(last.text)
            )
        )
        if joins:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _in_abstract(key: str, abstract: str) -> bool:
    """Most of a paragraph's words are the abstract's (its text differs by hyphenation)."""
    words = key.split()
    if not words or not abstract:
        return True  # right after the "Abstract" label, without a stored abstract
    known = set(abstract.split())
    return sum(w in known for w in words) >= ABSTRACT_OVERLAP * len(words)


def _heading(text: str, heading_titles: dict[str, int]) -> bool:
    return _norm(text) in heading_titles


def _block(
    group: list[SizedLine],
    page: int,
    body: float,
    running: set[str],
    headings: dict[tuple[str, int], int],
    title: str,
    authors: Sequence[str],
    abstract: str,
    state: dict[str, bool],
) -> Block:
    text = " ".join(ln.text for ln in group)
    edges = (
        min(ln.left for ln in group),
        min(ln.bottom for ln in group),
        max(ln.right for ln in group),
        max(ln.top for ln in group),
    )
    x0, y0, x1, y1 = (round(min(1.0, max(0.0, v)), 4) for v in edges)  # loose boxes overhang
    bbox = (x0, y0, x1, y1)

    def block(role: str, level: int | None = None) -> Block:
        return Block(role, page, bbox, text, level)

    if _PAGE_NUMBER.match(text) or _key(text) in running:
        return block("page furniture")
    key = _norm(text)
    whole = _norm(title)
    if (
        state["title"]
        and page <= 2
        and key
        and (key in whole or (key.startswith(whole) and len(key) <= 2 * len(whole)))
    ):
        # A title set on lines of two sizes is two blocks; the one that ends it ends the search.
        state["title"] = not (whole.endswith(key) or key.startswith(whole))
        return block("title")
    if state["authors"] and any(_norm(a) in key for a in authors):
        state["front"] = True  # affiliations and addresses follow, up to the abstract
        return block("authors")
    if text.lower().startswith("abstract"):
        state["authors"] = state["front"] = False
        state["abstract"] = True
        return block("abstract")
    if state["abstract"] and not FRONT_LABEL.match(text) and _in_abstract(key, abstract):
        return block("abstract")
    state["abstract"] = False
    if state["front"] and page <= 2 and _norm(text) not in {t for t, _ in headings}:
        return block("authors")
    level = headings.get((key, page))
    if level is None:
        level = next(
            (lv for (t, p), lv in headings.items() if t == key and abs(p - page) <= 1), None
        )
    if level is not None:
        state["front"] = state["authors"] = False
        state["references"] = bool(REFERENCES_HEADING.match(text))
        return block("heading", level)
    if REFERENCES_HEADING.match(text):
        state["references"] = True
        return block("heading", 0)
    if CONTENTS_HEADING.match(text):
        return block("heading", 0)
    if _DOT_LEADERS.search(text):
        return block("toc entry")
    if state["references"]:
        return block("reference")
    if CAPTION.match(text):
        return block("caption")
    if _LIST_ITEM.match(text):
        return block("list item")
    tokens = text.split()
    if sum(table_row(ln.text) for ln in group) >= max(1, len(group) / 2):
        return block("table")
    if len(_CODE.findall(text)) >= max(3, len(text) / CODE_CHARS_PER_MARK):
        return block("code or formula")
    if _BLANKS.search(text) or (len(tokens) <= 6 and text.endswith(":")):
        return block("form label")
    if max(ln.size for ln in group) < SMALLER * body and group[-1].bottom < FOOTNOTE_ZONE:
        return block("footnote")
    return block("paragraph")
