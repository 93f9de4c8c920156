"""Cleaning raw page text: Unicode, running headers/footers, hyphenation, line reflow.

Paragraph boundaries survive as blank lines; everything else about layout is dropped.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter

from ingestion.vocabulary import LONG_DOCUMENT_PAGES, running_line_pages, table_row

# \ufdd0-\ufdef are noncharacters: never text, and the store marks search matches with them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff\ufdd0-\ufdef]")
_PAGE_NUMBER = re.compile(
    r"^(?:page|seite|p\.|pg\.?)?\s*[-–—]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*"
    r"(?:(?:of|/|von)\s*\d{1,4})?\s*[-–—]?$",
    re.IGNORECASE,
)
_HYPHEN_BREAK = re.compile(r"([^\W\d_])[-\u00ad\u2010]\n[ \t]*([a-zà-ÿß])")
_BULLET = re.compile(r"^(?:[•●▪◦‣∙·*\-–—]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
_TERMINAL = '.!?:;"”’)]'
EDGE_LINES = 3
MASTHEAD_WORDS = 6
# Printers' and typesetters' slugs, wherever text order puts them: the GPO's "VerDate ... Jkt
# 250001 PO 00000 Frm 00001 Fmt 4702 Sfmt 4702 E:\FR\FM\06AUP1.SGM" and Quark/InDesign file
# stamps ("14773_00_i-xviii_r9jm.qxd 3/1/04 9:45 AM Page 3").
_PRINTER_SLUG = re.compile(
    r"^VerDate\b|\bJkt\s+\d+\s+PO\s+\d+\s+Frm\s+\d+|\.(?:qxd|qxp|indd)\b",
    re.IGNORECASE,
)


_SURROGATES = re.compile("[\ud800-\udfff]+")


def whole_characters(text: str) -> str:
    """``text`` with UTF-16 surrogate halves joined into the characters they encode (PDFium
    gives a math-italic 𝑥 as two halves) and a lone half replaced by U+FFFD, so every
    output can encode it (#20)."""
    if text.isascii() or not has_surrogates(text):
        return text
    return _SURROGATES.sub(_join_halves, text)


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a UTF-16 surrogate half (``_SURROGATES.search``): the one kind of
    character UTF-8 cannot encode, which a page's text is at a tenth of the search's time
    (#19's speed pass)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _join_halves(m: re.Match[str]) -> str:
    run, out, i = m.group(), [], 0
    while i < len(run):
        high, low = run[i], run[i + 1 : i + 2]
        if "\ud800" <= high <= "\udbff" and low and "\udc00" <= low <= "\udfff":
            out.append(chr(0x10000 + ((ord(high) - 0xD800) << 10) + ord(low) - 0xDC00))
            i += 2
        else:
            out.append("\ufffd")
            i += 1
    return "".join(out)


# Symbol and Wingdings fonts put their bullets in Unicode's private use area (U+F0B7 is the
# Symbol font's "•"); a bullet there becomes "•", any other private-use glyph is dropped.
_PRIVATE_BULLETS = {
    0xF0B7: "•", 0xF0A7: "•", 0xF06C: "•", 0xF0A8: "•", 0xF076: "•", 0xF0D8: "•",
    0xF0E0: "•", 0xF0FC: "•", 0xF0B2: "•", 0xF06E: "•", 0xF071: "•", 0xF0F0: "•",
}  # fmt: skip
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def normalize(text: str) -> str:
    """NFKC (expands ligatures such as "ﬁ"), unify line ends, drop control and soft hyphens;
    private-use bullets become "•" and other private-use glyphs go."""
    text = whole_characters(text).replace("\r\n", "\n").replace("\r", "\n")
    # PDFium reports a hyphen that ends a line as U+FFFE, already joined to the next line.
    text = re.sub("\ufffe\n?", "", text)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u00a0", " ").replace("\u00ad\n", "-\n").replace("\u00ad", "")
    if _PRIVATE_USE.search(text):
        text = _PRIVATE_USE.sub("", text.translate(_PRIVATE_BULLETS))
    return _CONTROL.sub("", text)


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def strip_running_lines(pages: list[str]) -> list[str]:
    """Remove page numbers and headers/footers repeated at the top or bottom of many pages,
    and printers' slug lines anywhere."""
    split = [[ln for ln in page.split("\n")] for page in pages]
    with_text = [lines for lines in split if any(ln.strip() for ln in lines)]
    counts: Counter[str] = Counter()
    # Copies of one page (a letter and its copy, a scan fed twice) share every line: only
    # different pages sharing a line make it furniture (#20).
    distinct = {"\n".join(ln.strip() for ln in lines): lines for lines in with_text}
    for lines in distinct.values():
        edges = _edge_indexes(lines)
        counts.update({_key(lines[i]) for i in edges if lines[i].strip()})
    # Books and reports change their running heads by chapter and alternate them on facing
    # pages: in a long document three pages sharing an edge line make it furniture there.
    long = len(with_text) >= LONG_DOCUMENT_PAGES
    threshold = running_line_pages(len(with_text) if long else len(distinct))
    repeated = {k for k, n in counts.items() if n >= threshold and len(distinct) >= 2}
    # A running head that text order puts mid-page ("Federal Register / Vol. 85, No. 152 /
    # Thursday, August 6, 2020 / Proposed Rules") is still one: a long line with a number,
    # the same on most pages, wherever it sits.
    anywhere: Counter[str] = Counter()
    for lines in with_text:
        anywhere.update({_key(ln) for ln in lines if _masthead_like(ln)})
    mastheads = {k for k, n in anywhere.items() if n >= max(3, int(len(with_text) * 0.5 + 0.5))}
    out = []
    for lines in split:
        edges = _edge_indexes(lines)
        keep = []
        for i, line in enumerate(lines):
            stripped = line.strip()
            if (
                (
                    i in edges
                    and stripped
                    and (_key(line) in repeated or _PAGE_NUMBER.fullmatch(stripped))
                )
                or _PRINTER_SLUG.search(stripped)
                or (stripped and _key(line) in mastheads)
            ):
                continue
            keep.append(line)
        out.append("\n".join(keep))
    return out


_MASTHEAD_SEPARATOR = re.compile(r"\s[/|·•]\s")


def _masthead_like(line: str) -> bool:
    """A journal's or gazette's running line: pieces joined by " / " or " | ", with a number
    (volume, issue, date), e.g. "Federal Register / Vol. 85, No. 152 / Thursday, ..."."""
    return (
        len(line.split()) >= MASTHEAD_WORDS
        and any(c.isdigit() for c in line)
        and bool(_MASTHEAD_SEPARATOR.search(line))
    )


def _edge_indexes(lines: list[str]) -> set[int]:
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    # Short pages have short margins: never let the "edges" swallow the body.
    n = max(1, min(EDGE_LINES, len(nonblank) // 4))
    return set(nonblank[:n]) | set(nonblank[-n:])


def dehyphenate(text: str) -> str:
    """Join words split by a hyphen at a line break ("summa-\\nrizer" -> "summarizer")."""
    return _HYPHEN_BREAK.sub(r"\1\2", text)


def reflow(text: str) -> str:
    """Join wrapped lines into paragraphs; paragraphs end at blank lines, bullets, or a short
    line that ends a sentence. Returns paragraphs separated by one blank line."""
    lines = [" ".join(ln.split()) for ln in text.split("\n")]
    lengths = [len(ln) for ln in lines if len(ln) > 20]
    typical = statistics.median(lengths) if lengths else 60.0
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        current = paragraphs[-1]
        if table_row(line):  # a row of a table stands alone, never glued to prose
            if current:
                paragraphs.append([])
            paragraphs[-1].append(line)
            paragraphs.append([])
            continue
        if current and _BULLET.match(line):
            paragraphs.append([line])
            continue
        current.append(line)
        if line[-1] in _TERMINAL and len(line) < 0.75 * typical:
            paragraphs.append([])
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


# A footnote mark set after a sentence's last word ("…as an interim action.6 The FAA sent…"):
# left in, it hides the sentence end from the splitter. A word of 3+ letters before the stop
# keeps "No.6" and "2.6" as they are.
_FOOTNOTE_MARK = re.compile(r"(?<=[^\W\d_]{3}[.;:])\d{1,2}(?= [A-Z])")


# A ligature's glyph that maps to no text, one U+0000 per letter (`ingestion.glyphs`): the
# letters it can be, the commonest first.
_LOST_LIGATURE = re.compile(r"([^\W\d_]*)(\x00+)([^\W\d_]*)")
LIGATURES = {2: ("fi", "ff", "fl"), 3: ("ffi", "ffl")}
_WORDS = re.compile(r"[^\W\d_]+")


def restore_ligatures(pages: list[str]) -> list[str]:
    """Pages with each lost ligature spelled out: as the letters that make a word the document
    spells elsewhere (a heading or the metadata in another font, another line), else as its
    commonest ligature of that width ("di\x00\x00\x00culties" -> "difficulties")."""
    if not any("\x00" in p for p in pages):
        return pages
    known = {w.lower() for p in pages for w in _WORDS.findall(p)}

    def spelled(m: re.Match[str]) -> str:
        before, hole, after = m.groups()
        width = min(3, max(2, len(hole)))
        tries = LIGATURES[width] + LIGATURES[5 - width]
        word = next(
            (f"{before}{t}{after}" for t in tries if f"{before}{t}{after}".lower() in known),
            f"{before}{tries[0]}{after}",
        )
        return word

    return [_LOST_LIGATURE.sub(spelled, p) if "\x00" in p else p for p in pages]


# A word split after its ligature, the glyph drawn wider than its letters ("défi nir").
_SPLIT_LIGATURE = re.compile(r"\b([^\W\d_]*(?:fi|fl|ff)) ([a-zà-ÿ][^\W\d_]*)")


def rejoin_ligatures(pages: list[str]) -> list[str]:
    """Pages with each word split after a ligature ("défi nir") joined again where the
    document spells the joined word elsewhere ("définir"); two words ("staff members"), and
    a second half the document also uses as a word of its own ("off line" where "line"
    stands alone elsewhere, beside "offline"), stay apart."""
    counts = Counter(w.lower() for p in pages for w in _WORDS.findall(p))
    after = Counter(m[2].lower() for p in pages for m in _SPLIT_LIGATURE.finditer(p))

    def joined(m: re.Match[str]) -> str:
        word, tail = m[1] + m[2], m[2].lower()
        alone = counts[tail] > after[tail]
        return word if counts[word.lower()] and not alone else m[0]

    return [_SPLIT_LIGATURE.sub(joined, p) for p in pages]


def clean_pages(pages: list[str]) -> list[str]:
    """The whole cleaning pass, page by page (headers/footers need all pages at once)."""
    normalized = rejoin_ligatures([normalize(p) for p in restore_ligatures(pages)])
    stripped = strip_running_lines(normalized)
    return [_FOOTNOTE_MARK.sub("", reflow(dehyphenate(p))) for p in stripped]
