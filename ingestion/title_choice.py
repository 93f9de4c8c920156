"""The document's title chosen from named signals (#10, #20): an act's short title, the
metadata title where the first page's large type confirms it, the layout's title, a stamp, a
bold heading, a case caption or neutral citation, the running head, the first title-like line,
the file name — in that order (`guess_title`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ingestion.clean import normalize
from ingestion.outline import TRAILING_PAGE
from ingestion.title_text import REVISION, running_title, stamped_line

_TITLE_NOISE = re.compile(
    r"copyright|©|\(c\)|@|https?:|www\.|doi|arxiv|issn|isbn|vol\.|proceedings|preprint"
    r"|^abstract$|^keywords|^page\b|^\d",
    re.IGNORECASE,
)
# A metadata title that is a file name, a template's placeholder or an editor's stamp (#20):
# "Microsoft Word - report.doc", "Screenshot 2025-07-29 at 00.15.56.png", "Document1",
# "Presentation2", "新規文書2" (a new document, 2), "untitled".
_META_JUNK = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel)\b|untitled\b|slide \d|screen ?shot\b)|"
    r"\.(?:pdf|docx?|tex|txt|png|jpe?g|tiff?|gif|bmp|pptx?|xlsx?|indd|qxd|rtf|odt|html?|ps|eps|dvi)$|"
    r"^(?:document|doc|presentation|book|sheet|slide|title|new document|unbenannt|sans titre|"
    r"sin título|без названия|新規文書|新建文档|新文档|无标题|無題|제목 없음)\s*-?\s*\d*$|"
    r"^[\w-]*_[\w-]*$|\d{4}-\d\d-\d\d at \d|" + REVISION.pattern,
    re.IGNORECASE,
)
# Legal documents (#20): an act names itself; a court's document is its case.
_CITED_AS = re.compile(
    r"\bmay be cited as (?:the )?[\"“'‘](?P<title>[^\"”’]{4,120})[\"”'’]", re.IGNORECASE
)
_CAPTION = re.compile(r"^(?=.{8,120}$)(?![^\d]*\d)(?!(?i:see|cf)\b)[A-Z][^.]*?\S\s+v\.?\s+[A-Z].*$")
_NEUTRAL_CITATION = re.compile(r"^\[(?:19|20)\d\d\]\s+[A-Z]{2,8}(?:\s+[A-Z][a-z]+)?\s+\d{1,4}$")
_ET_AL = re.compile(r",?\s+et al\.?$", re.IGNORECASE)
_VERSUS_LINE = re.compile(r"^v(?:s)?\.?(?:\s|$)", re.IGNORECASE)
_DOCKET = re.compile(r"\s+(?:docket|case|file|civil action|no\.)\b.*$", re.IGNORECASE)
_PARTY = re.compile(r"^[A-Z][^()]{2,80}$")


def _caption_over_lines(lines: list[str]) -> str:
    """A caption set over three lines, "v." alone between the parties (docket numbers set
    beside them are cut): "Charles R. Goodwin" / "V." / "Morristown Driver's Services, Inc."."""
    for i in range(1, len(lines) - 1):
        if _VERSUS_LINE.match(lines[i]):
            left = _DOCKET.sub("", lines[i - 1]).strip(" ,")
            right = _ET_AL.sub("", _DOCKET.sub("", lines[i + 1])).strip(" ,")
            if _PARTY.match(left) and _PARTY.match(right):
                return f"{left} v. {right}"
    return ""


CAPTION_LINES = 25  # a caption or citation is looked for among the first page's first lines
_FOLD = re.compile(r"[^\W_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
META_MATCH = 0.8  # share of a metadata title's words found in the large type of page 1


def real_metadata_title(title: str) -> bool:
    """Whether a metadata title may be the document's: not a file name, placeholder or stamp,
    with some letters."""
    title = " ".join(title.split())
    letters = sum(c.isalpha() for c in title)
    return len(title) >= 3 and letters >= 3 and not _META_JUNK.search(title)


def _found(title: str, text: str) -> int:
    """How many of the title's words are in ``text`` (CJK runs, written without spaces, as
    parts of it)."""
    folded = normalize(text).casefold()
    have = set(_FOLD.findall(folded))
    want = _FOLD.findall(normalize(title).casefold())
    return sum(w in have or (bool(_CJK.search(w)) and w in folded) for w in want)


_VENUE = re.compile(r"\b(?:transactions|journal|proceedings|conference|symposium|vol|volume)\b")


def _opens(head: str, title: str) -> bool:
    """Whether ``title`` starts with every word of ``head`` and goes on: type of one size
    that ran on past the title (into its issuer), where the metadata says where it ends."""
    words = _FOLD.findall(normalize(head).casefold())
    more = _FOLD.findall(normalize(title).casefold())
    return len(words) >= 2 and len(more) > len(words) and more[: len(words)] == words


def _within(part: str, whole: str) -> bool:
    """Whether every word of ``part`` is in ``whole``, and ``whole`` has more."""
    words = _FOLD.findall(normalize(part).casefold())
    more = _FOLD.findall(normalize(whole).casefold())
    rest = " ".join(w for w in more if w not in words)
    return bool(words) and bool(rest) and set(words) <= set(more) and not _VENUE.search(rest)


def _share_found(title: str, text: str) -> float:
    want = len(_FOLD.findall(normalize(title).casefold()))
    return _found(title, text) / want if want else 0.0


def _title_line(line: str) -> bool:
    words = line.split()
    letters = sum(c.isalpha() for c in line)
    return (
        2 <= len(words) <= 20
        and 8 <= len(line) <= 200
        and letters >= 0.6 * len(line.replace(" ", ""))
        and not _TITLE_NOISE.search(line)
        and line[-1] not in ",;"
    )


def guess_title(
    metadata: dict[str, str],
    first_page: str,
    path: Path,
    layout_title: str = "",
    heading_title: str = "",
    large_text: str = "",
    opening: str = "",
    pages: Sequence[str] = (),
) -> str:
    """The document's title, from named signals in order (#10, #20):

    0. an act's short title ("This Act may be cited as the “…”") in ``opening`` (the text
       of its first pages): what the act calls itself, never its issuer;
    1. a real metadata title (`real_metadata_title`) whose words are in the large type of the
       first page, and as many of them as the layout's title has: the author's own title,
       whole, where the page sets it in pieces;
    2. the largest type atop the first page (metadata titles are often a template's or an
       earlier version's), or a real metadata title holding all its words and more, or
       one its words begin with (where it ran past the title);
    3. another real metadata title (a stronger sign than a bold heading), or the first page's
       line that a stamp in the metadata points to (`title_text.stamped_line`);
    4. the bold heading above the first paragraph;
    5. a case caption ("Goodwin v. Morristown …") or a neutral citation ("[2001] IESC 63")
       among the first page's first lines, else the running head atop it and other
       ``pages`` (`title_text.running_title`), else its first title-like line (not one citing
       a work "et al.");
    6. the file name.

    ``first_page`` is raw (unreflowed) text, where a title still sits on lines of its own.
    """
    cited = _CITED_AS.search(" ".join(opening.split()))
    if cited:
        return normalize(cited["title"]).strip(" ,.‘’'\"“”")
    meta = " ".join(metadata.get("title", "").split())
    real = real_metadata_title(meta)
    if (
        real
        and large_text
        and _share_found(meta, large_text) >= META_MATCH
        and _found(meta, large_text) >= _found(layout_title, large_text)
    ):
        return normalize(meta)
    if layout_title and real and (_within(layout_title, meta) or _opens(meta, layout_title)):
        return normalize(meta)  # "Angola" on the cover, the whole title in the metadata
    if layout_title:
        return normalize(layout_title)
    if real:
        return normalize(meta)
    stamped = stamped_line(meta, normalize(first_page).split("\n"))
    if stamped:
        return stamped
    if heading_title:
        return normalize(heading_title)
    lines = [" ".join(ln.split()) for ln in normalize(first_page).split("\n")]
    lines = [ln for ln in lines if ln][:CAPTION_LINES]
    caption = _caption_over_lines(lines)
    if caption:
        return caption
    for pattern in (_CAPTION, _NEUTRAL_CITATION):
        found = next((ln for ln in lines if pattern.match(ln)), "")
        if found:
            return _ET_AL.sub("", found).strip(" ,")
    running = running_title(pages)
    if running:
        return running
    # Lines of field numbers alone ("(54)", "(71)": a patent's codes, read as a column apart
    # from their fields) do not count; a line citing a work by its authors, or over its
    # authors ("United States Patent" / "Eder et al."), is not its title.
    lines = [ln for ln in lines if sum(c.isalpha() for c in ln) >= 2][:12]
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if _title_line(line) and not _ET_AL.search(line) and not _ET_AL.search(f" {nxt}"):
            title = line
            # A title wrapped onto a second short line ("...for Dynamic" / "Languages"),
            # or one in capitals onto another in capitals.
            if (
                nxt
                and len(nxt.split()) <= 4
                and nxt[:1].isupper()
                and not _TITLE_NOISE.search(nxt)
                and ":" not in nxt  # "Client: Apple Inc." is a label, not the title's end
                and not title.endswith((".", ":"))
                and (len(title) > 40 or (title.isupper() and nxt.isupper()))
            ):
                title = f"{title} {nxt}"
            return TRAILING_PAGE.sub("", title).rstrip(".")
    return path.stem.replace("_", " ")
