"""How a document and its summary read, in one place.

`reading()` decides what a reader gets and in what words: the title, the authors, the facts
line, the author's abstract, who made the summary, its gist (what the document is, and what it
is about: the authors' words or the sentence saying so, `summarizer.gist`), its key points with
their pages and the outline with each section's pages. Three writers put the same `Reading`
into their syntax: plain text for `synopsis show`, Markdown for exports and sidecars, HTML for
the GUI's summary pane; `as_record` is the flat record of JSON and CSV exports.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from typing import Any

from app.store.records import DocumentDetail, SummaryRecord
from app.text import pages_label, plural

NOT_SUMMARIZED = "Not summarized yet."
FALLBACK_NOTE = "Built-in extractive summary: no model was available."
ABSTRACT = "Author's abstract"
AUTHORS_WORDS = "In the authors' words"
KEY_POINTS = "Key points"


@dataclass(frozen=True)
class Point:
    """One sentence of the summary and the pages it came from."""

    text: str
    pages: tuple[int, ...]
    kind: str = "point"  # gist | abstract | about | point (summarizer.base.SummaryPart)

    @property
    def where(self) -> str:
        return pages_label(self.pages)

    @property
    def quoted(self) -> str:
        """The part as a reader sees it: the authors' words are quoted and said to be theirs."""
        return f"{AUTHORS_WORDS}: “{self.text}”" if self.kind == "abstract" else self.text


@dataclass(frozen=True)
class SectionSummary:
    """A top-level section of the outline with its short summary ("" when it has none)."""

    title: str
    first_page: int
    last_page: int
    text: str

    @property
    def where(self) -> str:
        if self.first_page == self.last_page:
            return f"p. {self.first_page}"
        return f"pp. {self.first_page}–{self.last_page}"


@dataclass(frozen=True)
class Reading:
    title: str
    path: str
    authors: str  # "Ada Lovelace, Charles Babbage"; "" when unknown
    facts: str  # "12 pages (11 with text) · text read by OCR on pp. 1–3"
    abstract: str
    made_by: str  # "extractive summary · textrank-tfidf · medium"; "" when not summarized
    coverage: float
    note: str  # why the built-in engine was used, when it was a fallback
    points: tuple[Point, ...]  # the key points
    outline: tuple[SectionSummary, ...]
    gist: tuple[Point, ...] = ()  # what the document is, and what it is about
    tags: str = ""  # "course, thesis"; "" when untagged

    @property
    def opening(self) -> str:
        """The gist in one paragraph (the line, then what the document is about)."""
        return " ".join(p.quoted for p in self.gist)


def reading(
    detail: DocumentDetail, summary: SummaryRecord | None = None, path: str | None = None
) -> Reading:
    """What a reader gets of ``detail``: its latest summary unless ``summary`` is given."""
    s = summary or (detail.summaries[0] if detail.summaries else None)
    facts = [f"{plural(detail.page_count, 'page')} ({detail.pages_with_text} with text)"]
    if detail.ocr_pages:
        facts.append(f"text read by OCR on {pages_label(detail.ocr_pages)}")
    parts = [
        Point(p["text"], tuple(p["pages"]), p.get("kind", "point")) for p in (s.parts if s else [])
    ]
    made_by = ""
    if s is not None:
        runtime = f"{s.runtime} {s.model}".strip()
        made_by = f"{s.method} summary · {runtime} · {s.length}"
    return Reading(
        title=detail.title,
        path=path if path is not None else (detail.paths[0] if detail.paths else ""),
        authors=", ".join(detail.authors),
        facts=" · ".join(facts),
        abstract=detail.abstract,
        made_by=made_by,
        coverage=s.coverage if s else 0.0,
        note=FALLBACK_NOTE if s and s.fallback_reason else "",
        points=tuple(p for p in parts if p.kind == "point"),
        gist=tuple(p for p in parts if p.kind != "point"),
        outline=tuple(
            SectionSummary(o["title"], o["first_page"], o["last_page"], o["text"])
            for o in (s.outline if s else [])
        ),
        tags=", ".join(detail.tags),
    )


def _made_by(r: Reading) -> str:
    return f"{r.made_by} · coverage {r.coverage:.0%}"


def as_text(r: Reading, abstract: bool = True, width: int = 96) -> str:
    """The abstract and summary as `synopsis show` prints them (its header is the command's)."""
    out = []
    if abstract and r.abstract:
        body = textwrap.fill(r.abstract, width, initial_indent="  ", subsequent_indent="  ")
        out += [f"{ABSTRACT}:", body, ""]
    if not r.made_by:
        return "\n".join([*out, NOT_SUMMARIZED])
    out.append(f"{_made_by(r)}:")
    if r.note:
        out.append(f"  note: {r.note}")
    if r.gist:
        out += [textwrap.fill(r.opening, width, initial_indent="  ", subsequent_indent="  "), ""]
        if r.points:
            out.append(f"  {KEY_POINTS}:")
    out += [f"  - {p.text}  [{p.where}]" for p in r.points]
    if r.outline:
        out += ["", "Outline:"]
        for sec in r.outline:
            out.append(f"  § {sec.title}  ({sec.where})")
            if sec.text:
                out.append(f"      {sec.text}")
    return "\n".join(out)


def as_markdown(r: Reading) -> str:
    """One document as exports and sidecars write it."""
    meta = [f"`{r.path}`", r.facts] + ([r.made_by] if r.made_by else [])
    lines = [f"## {r.title}", "", " · ".join(meta), ""]
    if r.authors:
        lines += [f"By {r.authors}", ""]
    if r.tags:
        lines += [f"Tags: {r.tags}", ""]
    if r.abstract:
        lines += [f"> **{ABSTRACT}.** {r.abstract}", ""]
    if r.note:
        lines += [f"_{r.note}_", ""]
    if r.gist:
        lines += [f"**{r.gist[0].quoted}**" if r.gist[0].kind == "gist" else r.gist[0].quoted]
        lines += [p.quoted for p in r.gist[1:]] + [""]
        if r.points:
            lines += [f"**{KEY_POINTS}**", ""]
    lines += [f"- {p.text} ({p.where})" for p in r.points]
    if not r.made_by:
        lines.append(f"_{NOT_SUMMARIZED}_")
    if r.outline:
        lines += ["", "### Outline", ""]
        for sec in r.outline:
            lines.append(f"- **{sec.title}** ({sec.where}): {sec.text}".rstrip(": "))
    return "\n".join(lines) + "\n"


def as_html(
    r: Reading, abstract_open: bool = False, details: str = "", details_open: bool = False
) -> str:
    """The GUI's summary pane: page links ``page:N``, the abstract folded behind
    ``abstract:toggle``, the file's path and ``details`` (metadata such as a long producer
    string) folded behind ``details:toggle`` so the summary stays in view (#22); the outline
    itself is the tree under the pane."""
    esc = html.escape
    out = [f"<h2>{esc(r.title)}</h2>"]
    if r.authors:
        out.append(f"<p>{esc(r.authors)}</p>")
    out.append(f"<p>{esc(r.facts)}</p>")
    if r.path or details:
        arrow = "▾" if details_open else "▸"
        out.append(f'<p><small><a href="details:toggle">{arrow} Details</a></small></p>')
        if details_open:
            lines = [x for x in (r.path, *details.split("\n")) if x]
            out.append("<p><small>" + "<br>".join(esc(x) for x in lines) + "</small></p>")
    if r.abstract:
        arrow = "▾" if abstract_open else "▸"
        out.append(f'<p><a href="abstract:toggle">{arrow} {ABSTRACT}</a></p>')
        if abstract_open:
            out.append(f"<blockquote>{esc(r.abstract)}</blockquote>")
    if not r.made_by:
        out.append(f"<p><i>{NOT_SUMMARIZED}</i></p>")
        return "\n".join(out)
    out.append(f"<p><small>{esc(_made_by(r))}</small></p>")
    if r.note:
        out.append(f"<p><small><i>{esc(r.note)}</i></small></p>")
    for p in r.gist:
        if p.kind == "gist":
            out.append(f"<p><b>{esc(p.text)}</b></p>")
        elif p.kind == "abstract":
            out.append(f"<p><i>{esc(AUTHORS_WORDS)}:</i> “{esc(p.text)}”</p>")
        else:
            out.append(f"<p>{esc(p.text)}</p>")
    if r.gist and r.points:
        out.append(f"<p><b>{KEY_POINTS}</b></p>")
    out.append("<ul>")
    for p in r.points:
        links = ", ".join(f'<a href="page:{n}">p.&nbsp;{n}</a>' for n in p.pages)
        out.append(f"<li>{esc(p.text)} <small>[{links}]</small></li>")
    out.append("</ul>")
    if r.outline:
        out.append(
            f"<p><small>Outline: {plural(len(r.outline), 'section')} summarized below.</small></p>"
        )
    return "\n".join(out)


def as_record(detail: DocumentDetail) -> dict[str, Any]:
    """One document with its latest summary as a flat record (JSON and CSV exports)."""
    latest = detail.summaries[0] if detail.summaries else None
    return {
        "id": detail.id,
        "sha256": detail.sha256,
        "title": detail.title,
        "path": detail.paths[0] if detail.paths else "",
        "pages": detail.page_count,
        "metadata": detail.metadata,
        "authors": detail.authors,
        "abstract": detail.abstract,
        "ocr_pages": detail.ocr_pages,
        "tags": detail.tags,
        "corrected": list(detail.corrected),
        "summary": latest.text if latest else "",
        "gist": " ".join(
            f"{AUTHORS_WORDS}: “{p['text']}”" if p.get("kind") == "abstract" else p["text"]
            for p in (latest.parts if latest else [])
            if p.get("kind", "point") != "point"
        ),
        "parts": latest.parts if latest else [],
        "outline": latest.outline if latest else [],
        "method": latest.method if latest else "",
        "model": latest.model if latest else "",
        "runtime": latest.runtime if latest else "",
        # The keys before #23, kept for readers of older exports: the extractive method stood
        # in as its own backend.
        "engine": latest.method if latest else "",
        "backend": (latest.runtime or latest.method) if latest else "",
        "length": latest.length if latest else "",
        "summarized_at": latest.created_at if latest else "",
    }
