"""What a summary opens with: what the document is, then one sentence on what it is about (#19).

The gist is given, never generated: both engines open their summaries with it.

- **The line** (`SummaryPart.kind == "gist"`): the kind of document, its length, its title,
  who wrote or issued it and when, where known ("A 13-page paper, “Disk-Based Storage for
  Scalable Video”, by D. J. Gemmell and others (1997).").
- **What it is about** (`"abstract"`): a paper's abstract, its first sentence or two, in the
  authors' own words; otherwise (`"about"`) the sentence that states the document's purpose
  ("This report describes …", "We present …") near its start; otherwise the sentence the
  ranking puts first in its opening, raised by the words it shares with the title (news keeps
  its lead sentence); a long text without a title (a meeting's transcript) gets none.

The kind comes from the format: a short document with fill-in fields is a form; a browser's
printout is a web page (`summarizer.web_page`, titled by the page or its site); an anthology
whose parts each have a byline a collection (`ingestion.collection`; its line names the parts);
a form or a table has little prose (`little_prose`; a long document of labels without numbers
is a list: a printed web page of headlines; a short one mostly of figure rows a table), a
page of roles and names a credits page (`summarizer.credits`), a text dense with figures
and their units a datasheet (`summarizer.spec_figures`), slides are landscape pages with
few words, a letter has a salutation, a paper an abstract or a reference list, lecture notes
mathematics set up on most pages (`summarizer.lecture`), a book hundreds of pages; a title
naming its genre ("… User Manual", "… Leaflet", a short "… Letter of Assurance") says so.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date

from ingestion.bylines import in_capitals
from ingestion.collection import MIN_PARTS
from ingestion.document import Sentence
from ingestion.sentences import split_sentences
from ingestion.title_choice import real_metadata_title
from ingestion.vocabulary import NUMBER_TOKEN, PURPOSE, SALUTATION, TITLE_GENRES, slide_pages
from summarizer.base import Summary, SummaryPart
from summarizer.candidates import junk_reason, structure_only, word_count
from summarizer.captions import (
    act_heading,
    court_caption,
    letter_subject,
    parties,
    without_greeting,
)
from summarizer.credits import credits_page, holds_role
from summarizer.dates import YEAR, printed_anywhere, printed_year
from summarizer.engines import DocInput, Profile
from summarizer.form_line import MIN_FIELDS
from summarizer.lecture import LECTURE_NOTES, kind_line, lecture_signs
from summarizer.no_prose import FORM_PAGES, little_prose
from summarizer.spec_figures import spec_sheet
from summarizer.table_facts import mostly_figures
from summarizer.textrank import content_terms, select
from summarizer.web_page import page_title, printed_web_page

ABSTRACT_WORDS = 25  # the abstract's first sentences, up to about this many words
ABSTRACT_SENTENCES = 2
PURPOSE_SHARE = 0.3  # a purpose statement is looked for in the document's first 30 % ...
PURPOSE_SENTENCES = 80  # ... and its first 80 sentences
TITLE_WEIGHT = 2.0  # a sentence with all the title's words counts three times as much
TITLE_ITSELF = 0.5  # share of a sentence's words from the title that makes it the title line
OPENING_SENTENCES = 40  # the opening searched when there is no purpose statement
SHORT_TEXT_WORDS = 2000  # news and notes: their opening says what they are about
MIN_ABOUT_WORDS = 8
LETTER_PAGES = 4
BOOK_PAGES = 150
REPORT_PAGES = 10
THESIS_PAGES = 60
FORM_WORDS = 12  # a form or a table has at least this many words of labels or cells
TABLE_NUMBERS = 0.25  # share of number tokens that makes a document of little prose a table
MAX_AUTHORS = 3
_NAME_JUNK = re.compile(
    r"\b(?:user|admin(?:istrator)?|owner|unknown|default|microsoft|adobe|acrobat|word|pc"
    r"|computer|scanner|office|windows|print|distiller|pdf|tex)\b|[\d@/\\_:;]",
    re.IGNORECASE,
)


# A degree page: a thesis says what it was submitted for, in the standard phrasing of its genre.
DEGREE_PAGE = re.compile(
    r"\b(?:submitted|presented)\b.{0,80}\b(?:fulfil+ment|requirements?|degree)\b"
    r"|\b(?:degree|grade?) of (?:master|doctor|bachelor|magister)\b|\bdoctor of philosophy\b"
    r"|\b(?:master|doctoral|phd|ph\.d\.|bachelor)(?:'s)? (?:thesis|dissertation)\b"
    r"|\b(?:thesis|dissertation) (?:submitted|presented)\b|\bzur erlangung des\b"
    r"|\b(?:thèse|mémoire) (?:de|présentée?|soutenue?)\b|\btesis (?:doctoral|de)\b",
    re.IGNORECASE,
)
DEGREE_PAGES = 5  # the degree page is among the first pages
THESIS_AUTHORS = 2  # a thesis has one author (a byline may add the supervisor)


def thesis_signs(doc: DocInput) -> bool:
    """A long document with a degree page among its first pages and a single author (a
    byline of at most THESIS_AUTHORS names): a thesis, not a book or a report."""
    p = doc.profile
    if max(p.page_count, doc.pages_with_text) <= THESIS_PAGES or len(p.authors) > THESIS_AUTHORS:
        return False
    return any(s.page <= DEGREE_PAGES and DEGREE_PAGE.search(s.text) for s in doc.sentences)


def document_kind(doc: DocInput) -> str:
    """What kind of document ``doc`` is, by the format rules of the module docstring."""
    p = doc.profile
    pages = max(p.page_count, doc.pages_with_text, 1)
    sents = doc.sentences
    words = sum(word_count(s.text) for s in sents)
    named = next((k for k, pattern in TITLE_GENRES if p.title and pattern.search(p.title)), "")
    if named == "letter" and pages > LETTER_PAGES:
        named = ""  # a long text named for a letter (an edition, a study of one) is no letter
    if not named and act_heading(p.front, p.title):
        named = "law"  # "DECREE" alone above the title: the act's kind
    tokens = [t for s in sents for t in s.text.split()]
    numeric = sum(bool(NUMBER_TOKEN.match(t)) for t in tokens) >= TABLE_NUMBERS * len(tokens)
    if printed_web_page(p.made_by, p.front):
        return "web page"
    if len(p.parts) >= MIN_PARTS:
        return "collection"
    if len(p.fields) >= MIN_FIELDS and pages <= FORM_PAGES:
        return "form"  # fill-in fields: a form, whatever prose its instructions have
    if credits_page(sents, pages):
        return "credits page"
    if spec_sheet(sents):
        return "datasheet"  # dense with figures and their units: whatever its layout
    if sents and little_prose(sents, doc.pages_with_text or pages):
        if words < FORM_WORDS:
            return "document"  # a word or two on a page: no fields to call it a form
        if named == "table" or numeric:
            return "table"
        return "form" if pages <= FORM_PAGES else "list"  # a long run of labels: headlines
    if pages <= FORM_PAGES and mostly_figures(sents):
        return "table"  # a short document mostly of figure rows, whatever its few notes
    if slide_pages(p.landscape_pages, pages, words):
        return "table" if numeric else "slide deck"  # wide pages of numbers are a table
    if named:
        return named
    if thesis_signs(doc):
        return "thesis"
    if pages <= LETTER_PAGES and any(SALUTATION.search(s.text) for s in sents[:40]):
        return "letter"
    if not p.abstract and court_caption(p.front, p.title):
        return "court opinion"
    if p.abstract:
        return "thesis" if pages > THESIS_PAGES else "paper"
    if lecture_signs(sents, pages):
        return LECTURE_NOTES
    if pages <= THESIS_PAGES and any(s.role == "reference" for s in sents):
        return "paper"
    if pages >= BOOK_PAGES:
        return "book"
    return "report" if pages >= REPORT_PAGES else "document"


_LABEL_MARKS = re.compile(r"[\d@/\\_:;]")
MAX_NAME_WORDS = 4  # "Marie Gee Wilson", "U.S. Census Bureau"; longer is a heading or a note
MAX_CAPITALS_WORDS = 2  # "LEANA GOLUBCHIK"; "INTERNATIONAL MONETARY FUND UPDATE" names no one


def name_like(text: str) -> bool:
    """Whether a byline entry reads as a person's or an issuer's name, by its shape: a few
    words with letters, capitalised where the script has cases, not a line of capitals
    longer than a name, no digits or label marks (a session heading, a place and date line)."""
    words = text.split()
    letters = sum(c.isalpha() for c in text)
    cased = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if not 1 <= len(words) <= MAX_NAME_WORDS or letters < 0.7 * len(text.replace(" ", "")):
        return False
    if _LABEL_MARKS.search(text):
        return False
    if cased and not any(c.isupper() for c in cased):
        return False  # "none", "anonymous": no name is written in lowercase
    shouted = cased and all(c.isupper() for c in cased)
    # Initials are no words of a line of capitals ("R. K. ANDJUS" is a name of one word).
    spelled = [w for w in words if not _INITIAL.match(w)]
    return not (shouted and len(spelled) > MAX_CAPITALS_WORDS)


_INITIAL = re.compile(r"^\w\.(?:-?\w\.)*$")  # "R.", "J.-P."


# Affiliation and note marks glued to a name: digits, superscripts, stars, daggers, Greek
# letters after a Latin one ("Gal∗+", "Loα∗", "Smith1,2", "Lee¹").
_GLUED_MARKS = re.compile(
    r"(?<=[^\W\d_])[\d\u00b9\u00b2\u00b3\u2070-\u209f*\u2217\u2020\u2021\u00a7\u00b6#+,\u2032]+$"
    r"|(?<=[A-Za-z\u00c0-\u024f])[\u03b1-\u03c9\d*\u2217\u2020\u2021,+]+$"
)
_LETTER_MARK = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]+([a-h])$")


def without_marks(names: Sequence[str]) -> list[str]:
    """The byline's names less the affiliation marks glued to them: symbols and digits always;
    a lone trailing lower-case letter (a-h) only where every name of a byline of two or more
    ends in one and the letters run from "a" without a gap ("Lanea, Bestb" -> "Lane, Best";
    "Costa, Silva" keep theirs: one letter, no run)."""
    out = [_GLUED_MARKS.sub("", " ".join(n.split())).strip(" ,") for n in names]
    marks = [_LETTER_MARK.match(n.split()[-1]) if n.split() else None for n in out]
    letters = sorted({m.group(1) for m in marks if m})
    run = "abcdefgh"[: len(letters)]
    if len(out) >= 2 and all(marks) and len(letters) >= 2 and "".join(letters) == run:
        out = [n[:-1] for n in out]
    return out


AUTHOR_PAGES = 2  # a metadata author is shown where these first pages print the name


def _web_title(p: Profile) -> str:
    """A web page's name: the page's or its site's, else a real metadata title; else none."""
    title = page_title(p.meta_title, p.front, p.notices)
    title = title or (p.title if real_metadata_title(p.title) else "")
    return title.strip(" .")


def _in_capitals(name: str) -> bool:
    """A name with cased letters, all of them capitals (a script without case never is)."""
    return any(c.lower() != c.upper() for c in name) and in_capitals(name)


def _authors(p: Profile, printed: str = "") -> str:
    """The byline's names; else the PDF metadata's author where the first pages print it
    (``printed``, their text): a name the document never prints is whoever made the file (a
    scanner operator, a template's owner)."""
    names = [n for n in without_marks(p.authors) if name_like(n)]
    # A form's captions ("First Name Last Name", a choice's "Female Male") are never a byline.
    captions = {w.casefold() for f in p.fields for t in (f.label, *f.choices) for w in t.split()}
    names = [n for n in names if not set(n.casefold().split()) <= captions]
    if any(not _in_capitals(n) for n in names):
        # Among names in mixed case, one wholly in capitals is an institution's initials
        # ("Е. А. Соколов" / "ФКН ВШЭ"); a byline all in capitals keeps its names, and a
        # name in a script without capitals ("王小明") is no initials.
        names = [n for n in names if not _in_capitals(n)]
    if not names and p.author:
        meta = " ".join(p.author.split())
        shown = meta.lower() in printed.lower()
        if shown and name_like(meta) and not _NAME_JUNK.search(meta):
            names = [meta]
    if len(names) > MAX_AUTHORS:
        return f"{', '.join(names[:MAX_AUTHORS])} and others"
    if len(names) > 1:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return names[0] if names else ""


_TITLE_YEAR = re.compile(rf"(?<![\d/.-]){YEAR}(?![\d/.-])")


def document_year(doc: DocInput) -> str:
    """The document's year: the one printed on its first lines (`printed_year`: the first
    pages' blocks, then its sentences), else the one its title names ("U.S. Individual Income
    Tax Return 2010", "[2001] IESC 63"; the last of several), else the PDF's metadata date
    where the pages print that year (a 1950s paper scanned in 2019 is from the 1950s; a
    Redpaper sampled in 2024 is not from 2024); "" when nothing says."""
    latest = date.today().year + 1
    named: list[str] = [y for y in _TITLE_YEAR.findall(doc.profile.title) if int(y) <= latest]
    printed = printed_year(doc.profile.front, latest, named)
    printed = printed or printed_year(doc.sentences, latest, named)
    if printed:
        return printed
    if named:
        return named[-1]
    texts = [s.text for s in (*doc.profile.front, *doc.sentences)]
    return doc.profile.year if printed_anywhere(doc.profile.year, texts) else ""


def _role_line(kind: str, title: str) -> bool:
    """A credits page's first line, a role with its names, taken for its title."""
    return kind == "credits page" and holds_role(title)


def gist_line(doc: DocInput) -> str:
    """ "A 13-page paper, “Title”, by A and B (1997)."; "" when the title is unknown (a plain
    text); a placeholder title (a file name, "Document1", "untitled") is not shown as one."""
    p = doc.profile
    if not p.title:
        return ""
    kind = document_kind(doc)
    pages = max(p.page_count, doc.pages_with_text)
    size = "one-page" if pages == 1 else f"{pages}-page"
    article = "An" if size[0] in "8" or size.startswith(("11-", "18-")) else "A"
    line = kind_line(article, size, pages, kind)
    subject = letter_subject(p.front) if kind == "letter" else ""
    named = parties(p.front, p.title) if kind == "court opinion" else ""
    if subject:
        line += f" about “{subject}”"  # its subject line, not the address block
    elif named:
        line += f", “{named}”"
    elif kind == "web page" and _web_title(p):
        line += f", “{_web_title(p)}”"
    elif kind != "web page" and real_metadata_title(p.title) and not _role_line(kind, p.title):
        line += f", “{p.title.strip(' .')}”"
    printed = " ".join(" ".join(s.text.split()) for s in doc.sentences if s.page <= AUTHOR_PAGES)
    who = _authors(p, printed)
    if who:
        line += f", by {who}"
    year = document_year(doc)
    if year:
        line += f" ({year})"
    return line + "."


def from_abstract(abstract: str) -> str:
    """The abstract's first sentence or two (up to about ABSTRACT_WORDS words)."""
    out: list[str] = []
    for sentence in split_sentences(abstract):
        out.append(sentence)
        if sum(word_count(s) for s in out) >= ABSTRACT_WORDS or len(out) >= ABSTRACT_SENTENCES:
            break
    return " ".join(out)


_TRADEMARK = re.compile(r"[®™]|(?<=[a-z])TM\b")


def about_index(
    sentences: Sequence[str], title: str = "", never: Collection[int] = ()
) -> int | None:
    """Which sentence says what the document is about: its purpose statement near the start,
    else the sentence the ranking puts first in its opening (for news, nearly always its
    lead), raised by the words it shares with the title; None for a text without prose.
    ``never`` are sentences the structure names as no running text (`structure_only`)."""
    skip = set(never)
    # The window counts sentences of running text only: a long contents list read as
    # fragments ("Notices .", ".") is no reason to miss the preface's purpose statement.
    running = [
        i
        for i, text in enumerate(sentences)
        if i not in skip and word_count(text) >= MIN_ABOUT_WORDS
    ]
    limit = min(PURPOSE_SENTENCES, max(OPENING_SENTENCES, int(PURPOSE_SHARE * len(running))))
    for i in running[:limit]:
        text = sentences[i]
        # A trademark sign on a product's name does not make its purpose statement a notice.
        if PURPOSE.search(text) and not junk_reason(_TRADEMARK.sub("", text)):
            return i
    if not title and sum(word_count(t) for t in sentences) > SHORT_TEXT_WORDS:
        return None  # a long untitled text (a transcript) opens with chatter, not its subject
    opening = list(sentences[: max(OPENING_SENTENCES, len(sentences) // 5)])
    named = set(content_terms(title))
    prior = None
    skip = {i for i in skip if i < len(opening)}
    if named:
        terms = [set(content_terms(t)) for t in opening]
        prior = [1.0 + TITLE_WEIGHT * len(named & own) / len(named) for own in terms]
        # The title line itself, with a byline or a date, restates the title: it is not what
        # the document says about itself.
        skip |= {i for i, own in enumerate(terms) if len(own & named) > TITLE_ITSELF * len(own)}
    central = select(opening, 1, never=skip, prior=prior)
    return central[0] if central else None


MAX_PARTS_NAMED = 8  # a collection's parts named by its line, then how many more


def parts_line(parts: Sequence[str]) -> str:
    """ "It collects 12 pieces: A; B; …; and 4 more." for a collection's parts."""
    named = "; ".join(parts[:MAX_PARTS_NAMED])
    more = f"; and {len(parts) - MAX_PARTS_NAMED} more" if len(parts) > MAX_PARTS_NAMED else ""
    return f"It collects {len(parts)} pieces: {named}{more}."


def gist_parts(doc: DocInput, about: Sentence | None) -> list[SummaryPart]:
    """The gist's parts: the line (with a collection's parts after it), then the abstract's
    words or ``about`` (the sentence the engine chose as what the document is about, see
    `about_index`)."""
    parts: list[SummaryPart] = []
    first = doc.sentences[0].page if doc.sentences else 1
    line = gist_line(doc)
    if line:
        parts.append(SummaryPart(line, (first,), kind="gist"))
    if len(doc.profile.parts) >= MIN_PARTS and document_kind(doc) == "collection":
        parts.append(SummaryPart(parts_line(doc.profile.parts), (first,), kind="covers"))
    if doc.profile.abstract:
        parts.append(SummaryPart(from_abstract(doc.profile.abstract), (1,), kind="abstract"))
    elif about is not None:
        # Trademark signs on product names, dropped: the line says what the document is about.
        shown = _TRADEMARK.sub("", without_greeting(about.text))
        parts.append(SummaryPart(shown, (about.page,), kind="about"))
    return parts


def with_gist(doc: DocInput, summary: Summary, about: bool = True) -> Summary:
    """``summary`` opened with the gist (for an engine whose key points were generated: the
    gist is given, never generated); ``about`` False leaves out the sentence on what it is
    about (a form's summary is its one honest line)."""
    texts = [s.text for s in doc.sentences]
    found = None
    if about and not doc.profile.abstract:
        found = about_index(texts, doc.profile.title, structure_only(doc.sentences))
    opening = gist_parts(doc, doc.sentences[found] if found is not None else None)
    parts = (*opening, *summary.parts)
    return replace(summary, parts=parts, text=" ".join(p.text for p in parts))
