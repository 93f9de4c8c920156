"""Who wrote a document, from the lines under its title (#10, #20): personal names in any of
Latin, Cyrillic or Greek capitals, with footnote marks, affiliation letters, "By" and "and"
between them; affiliations, e-mails and the abstract end the run. Also OCR's old-style
figures in a line of capitals ("BETWEEN o AND i°C" → "BETWEEN 0 AND 1°C")."""

from __future__ import annotations

import re

from ingestion.layout import SizedLine
from ingestion.vocabulary import DATE_LINE

TOP_REGION = 0.4  # a title's (and its byline's) top is in the top 60 % of the page

_AFFILIATION = re.compile(
    r"@|\babstract\b|universit|institut|department|corporation|laborator|\binc\b|\bltd\b|"
    r"school|college|research|center|centre|e-mail|email|\d{5}",
    re.IGNORECASE,
)
# Footnote marks, affiliation letters and numbers that separate names in author lines; with the
# symbols and dingbats journals use as marks ("Thomason1☯", "Babar1☯*").
NAME_MARKS = re.compile(
    r"(?:\s*[∗*†‡§¶#$+α-ωΑ-Ω\d\u2600-\u27bf]+[,\s]*)+(?=\s|$)|\s*,\s*(?:and\s+)?|\s+and\s+"
)
BY = re.compile(r"^(?:by|von|par|por)(?:\s+|$)", re.IGNORECASE)  # "By R. K. Andjus"; "by" alone
_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁΑ-Ω"
_PART = rf"(?:[{_CAPITAL}][\w.'’-]*|van|von|de|der|den|da|di|le|la)"
NAME = re.compile(rf"^{_PART}(?:\s+{_PART}){{1,4}}$")
_NOT_NAME = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Your Name|Abstract|Introduction|In|For|Of|The|And|On|To|With|At|From|An?)\b"
)
INITIALS = re.compile(rf"\b[{_CAPITAL}]\.\s?[{_CAPITAL}]\.")  # "R. K."


# A society's membership grade after a byline's names: the grades' own words (a member or a
# fellow, with its rank), then the society's initials in capitals ("…, Member, IEEE", "…,
# Senior Member, IEEE"). Any capitalised words there would take a co-author before an
# organisation's initials ("Jane Roe, John Doe, CNN").
_GRADE = re.compile(
    r",\s*(?:(?:Senior|Life|Student|Graduate\s+Student|Associate)\s+)?(?:Member|Fellow)"
    r",\s*[A-Z]{2,6}(?=\s*(?:,|$))"
)


def unsigned(line: str) -> str:
    """An author line without its "By" and the membership grades after its names, and a byline
    in capitals with its "AND" as "and" where initials show it joins names ("R. K. ANDJUS AND
    J. E. LOVELOCK")."""
    line = _GRADE.sub("", BY.sub("", line.strip()))
    return re.sub(r"\s+AND\s+", " and ", line) if INITIALS.search(line) else line


_AND_LINE = re.compile(r"^(?:and|&|und|et|y|e|и)$", re.IGNORECASE)
MAX_AUTHOR_LINES = 8
BYLINE_SIZES = 0.1  # a byline's name lines differ in size by at most this share
MAX_NAME_LINE_WORDS = 8  # a longer line mostly in lower case is a sentence: no more names
# A line of dates and figures only ("07/01/2015 - 03/25/2016", "2019"): a byline comes above
# the date, so under a date line only a signed or plain list of names ("By …", two names,
# initials, marks) is one; a lone name-like line there is a subtitle ("Fiscal Year").
_DATES_ONLY = re.compile(r"^(?=.*\d{4})[\d\s./,:()–—-]+$")


def _dated(text: str) -> bool:
    return bool(_DATES_ONLY.match(text) or DATE_LINE.match(text))


def _joined(run: list[str], text: str) -> str:
    """``text`` as it continues ``run``: after a line that ends in a whole name, a new name
    ("Ruikai Liu" / "Jorj McKie" are two people); else the same name or list, wrapped."""
    if not run:
        return text
    last = [p for p in (p.strip(" ,;") for p in NAME_MARKS.split(run[-1])) if p]
    ends_in_name = bool(last) and bool(NAME.match(last[-1]))
    return ", " + text if ends_in_name else text


def authors_after(lines: list[SizedLine], start: int) -> tuple[str, ...]:
    """Names on the lines that follow a title, up to affiliations, e-mails or the abstract;
    where each name has its affiliation lines under it and a lone "and" line before the next
    name (a journal's byline: "LEANA GOLUBCHIK" / "Department of …" / "and" / "SANJEEV
    KHANNA" / …), the names after each "and" as well."""
    run: list[str] = []
    size = affiliation_size = 0.0  # the byline's type size; its affiliations' smaller one
    affiliated = joined = dated = False  # past an affiliation; a lone "and" after it; a date
    for line in lines[start : start + MAX_AUTHOR_LINES * 3]:
        if line.top < TOP_REGION:
            break
        text = line.text.strip()
        if not run and _dated(text):
            dated = True
            continue
        if dated and not (BY.match(text) or author_line(text)):
            break  # under the date line, a lone unmarked name-like line ("Fiscal Year")
        if affiliated:
            if _AND_LINE.match(text):
                joined = True
            elif joined and not _AFFILIATION.search(text):
                run.append(", " + unsigned(text))  # a name of its own
                joined = False
            elif _next_name(text, line.size, size, affiliation_size):
                run.append(", " + unsigned(text))  # the next author's block
            elif _sized(line.size, affiliation_size) and not _sentence(text):
                continue  # the affiliation wraps in its own smaller type ("New Zealand, and")
            elif not _AFFILIATION.search(text):
                break  # the affiliation run ended without another name
            continue
        if _AFFILIATION.search(text):
            if not run:
                break
            affiliated = True
            affiliation_size = line.size if line.size < (1 - BYLINE_SIZES) * size else 0.0
            continue
        if _sentence(text):
            break  # a sentence: the body has begun
        if not names_cover(unsigned(text)):
            continue  # a subtitle or an event's name with a name-like piece ("…, Saison I")
        # Not a mark set apart ("1", "*") nor a lone "by" over the names in their own size.
        lettered = any(c.isalpha() for c in unsigned(text))
        if run and size and lettered and abs(line.size - size) > BYLINE_SIZES * size:
            break  # a byline is set in one size: a line in another is no name of it
        run.append(_joined(run, unsigned(text)))
        size = size or (line.size if lettered else 0.0)
    names = []
    for piece in NAME_MARKS.split(" ".join(run)):
        name = " ".join(piece.replace("( )", " ").split()).strip(" ,;")
        good = NAME.match(name) and not _NOT_NAME.search(name) and len(name) <= 40
        if good and name not in names:
            names.append(name)
    return tuple(names[:40])


def _sentence(text: str) -> bool:
    """A longer line mostly in lower case: a sentence, no line of names."""
    words = text.split()
    lower = sum(w[:1].islower() for w in words)
    return len(words) > MAX_NAME_LINE_WORDS and lower >= len(words) / 2


def _sized(size: float, like: float) -> bool:
    return bool(like) and abs(size - like) <= BYLINE_SIZES * like


def _next_name(text: str, size: float, byline: float, affiliation: float) -> bool:
    """Whether a line after an author's affiliation lines names the next author: set in the
    byline's size, above the affiliations' smaller type, and made of names (each author's own
    block of name, e-mail and affiliation, side by side or one under another)."""
    if not (affiliation and _sized(size, byline)) or _AFFILIATION.search(text):
        return False
    names, _ = _names(unsigned(text))
    return bool(names) and names_cover(unsigned(text))


NAMES_SHARE = 0.7  # of a byline's text that its names make up


def _names(text: str) -> tuple[list[str], list[str]]:
    """The pieces of a line split at name marks, commas and "and", and those that are names."""
    pieces = [p for p in (p.strip(" ,;") for p in NAME_MARKS.split(text)) if p]
    names = [p for p in pieces if NAME.match(p) and not _NOT_NAME.search(p) and len(p) <= 40]
    return names, pieces


def names_cover(text: str) -> bool:
    """Whether names make up most of a line (NAMES_SHARE of its pieces' letters): a byline,
    not a subtitle whose list holds a name-like piece ("…, Fresno and Madera Counties,
    California"); an empty line passes."""
    names, pieces = _names(text)
    return sum(len(p) for p in names) >= NAMES_SHARE * sum(len(p) for p in pieces)


def author_line(text: str) -> bool:
    """A line of personal names: two or more (or one with a footnote mark), each a few
    capitalised words or initials, separated by commas, "and" or marks; or an e-mail."""
    if "@" in text:
        return True
    text = unsigned(text)
    marked = bool(re.search(r"[A-Za-zÀ-ÿ][∗*†‡♦§¶]|[a-zà-ÿ]\d{1,2}(?:,\d{1,2})*(?:\s|,|$)", text))
    names, pieces = _names(text)
    if not pieces:
        return False
    covered = names_cover(text)
    initials = any(re.match(rf"^(?:[{_CAPITAL}]\.\s?)+\s*[{_CAPITAL}]", p) for p in names)
    return covered and (len(names) >= 2 or (len(names) == 1 and (marked or initials)))


def in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters if c.lower() != c.upper())


_OLD_STYLE = re.compile(r"(?<!\S)(?:[oil]{1,2}|[oil]+(?=[°%]))(?=[°%]|\s|$)")  # "BETWEEN o AND i°C"
_FIGURE_LIKE = re.compile(r"\b(?=[\dIlOo]*\d)[\dIlOo]{3,}\b")  # "(I955)", "54I"


def old_style_figures(text: str) -> str:
    """A line in capitals with its old-style figures as digits: OCR reads a lowercase-looking
    0 and 1 among capitals as "o" and "i" ("BETWEEN o AND i°C"), and a 1 or 0 among digits
    as I or O ("I955"). Other lines are returned as they are."""
    if not in_capitals(_OLD_STYLE.sub("", text)):
        return text
    text = _OLD_STYLE.sub(lambda m: m.group().translate(_TO_DIGITS), text)
    return _FIGURE_LIKE.sub(lambda m: m.group().translate(_TO_DIGITS), text)


_TO_DIGITS = str.maketrans("oiIlO", "01110")
