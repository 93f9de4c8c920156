"""Documents without running prose (#10, #19): a form, a table or a list with a few stray
sentences in it gets one honest line saying so, with its headings, instead of fragments
passed off as a summary."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ingestion.document import FormField, Sentence
from ingestion.vocabulary import NUMBER_TOKEN, PDF_OPERATORS
from summarizer.base import SummaryPart
from summarizer.candidates import junk_reason, word_count
from summarizer.credits import credits_line
from summarizer.form_line import form_line
from summarizer.mixed_scripts import without_broken_words
from summarizer.spec_figures import figures_line
from summarizer.table_facts import describe_table

LABEL_WORDS = 10  # of each label quoted by the no-prose line
LABEL_CHARS = 72
_BLANKS = re.compile(r"_{2,}|\.{4,}")


FORM_PAGES = 4  # a form is short; a long document of fragments is a table or a listing
FORM_PROSE = 0.4  # a form: under this share of its words in prose sentences …
FORM_FRAGMENTS = 0.6  # … and more than this share of its "sentences" too short to be any
TABLE_PROSE = 0.05  # any document with less prose than this is a table or a list


def little_prose(sentences: Sequence[Sentence], pages: int) -> bool:
    """Whether a document is a form, a table or a list with a few stray sentences in it (Form
    1040's "If you have a P.O. box, see instructions."): its summary is then the one honest
    line, not those sentences."""
    words = [word_count(s.text) for s in sentences]
    reasons = [junk_reason(s.text, whole=False) for s in sentences]
    total = sum(words) or 1
    prose = sum(n for n, why in zip(words, reasons, strict=True) if why is None) / total
    fragments = sum(why == "too short" for why in reasons) / max(1, len(reasons))
    form = pages <= FORM_PAGES and prose < FORM_PROSE and fragments > FORM_FRAGMENTS
    return form or prose < TABLE_PROSE


def no_prose_line(
    sentences: Sequence[Sentence],
    pages: int,
    *,
    after_gist: bool = False,
    kind: str = "",
    fields: Sequence[FormField] = (),
    title: str = "",
    front: Sequence[Sentence] = (),
) -> SummaryPart:
    """One honest line for a document without running prose, by its ``kind`` (the gist's):
    a table's header row and rows (`describe_table`), a deck's slide titles, a page of
    headlines, else its headings. Headings and labels are the lines with at most one number
    (a table's headnote, a form's field names; the title is the gist's); its rows of cells
    are quoted only where there are too few of those.
    ``after_gist``: the gist line before it has said what and how long the document is, so
    the line does not say it again. A form's ``fields`` (its AcroForm's) name what it asks
    for (`form_line`, with the sections of its first pages' lines ``front``), not its printed
    labels; ``title`` is left out of a table's note."""
    first = sentences[0].page if sentences else 1
    asks = form_line(fields, title, front) if kind == "form" else ""
    if asks:
        return SummaryPart(asks, (first,), kind="covers")
    said = _by_kind(sentences, kind, pages, title)
    if said:
        said = said if after_gist else f"{_what(pages, kind)}: {said[:1].lower()}{said[1:]}"
        return SummaryPart(said, (first,), kind="covers")
    headings = _labels(
        s for s in sentences if s.role != "title" and not _cells(s.text) and not fine_print(s.text)
    )
    if len(headings) >= MIN_HEADINGS:
        found = f"; its headings: {', '.join(headings)}."
    else:
        labels = _labels(sentences)
        found = f"; it begins: {', '.join(labels)}." if labels else "."
        if labels and sum(map(fine_print, (s.text for s in sentences))) > len(sentences) / 2:
            found = f"; most of it is fine print (notes and conditions), the first: {labels[0]}."
    what = f"A {pages}-page document" if pages != 1 else "A one-page document"
    line = f"{what} with little running text (a form, a table or a list){found}"
    if after_gist:
        line = f"Little running text (a form, a table or a list){found}"
        if kind in NAMED_LABELS and len(headings) >= MIN_HEADINGS:
            line = f"Its {NAMED_LABELS[kind]}: {', '.join(headings)}."
            return SummaryPart(line, (first,), kind="covers")
    return SummaryPart(line, (first,))


# What a kind's label lines are, once the gist has named the kind: a form's headings, a long
# run of labels' headlines (a printed front page).
NAMED_LABELS = {"form": "headings", "list": "headlines"}
TABLE_KINDS = ("table", "document")  # a page too short to be named a table may hold one
MAX_PARTS = 8  # section or slide titles named by the line
PART_CHARS = 70


def _what(pages: int, kind: str) -> str:
    size = "one-page" if pages == 1 else f"{pages}-page"
    return f"A {size} {kind}"


def _by_kind(sentences: Sequence[Sentence], kind: str, pages: int = 1, title: str = "") -> str:
    """The line's words for a table or a slide deck; "" where the document shows none of
    what its kind would (its headings then stand in)."""
    if kind == "slide deck":
        return slides_line(sentences)
    if kind == "credits page":
        return credits_line(sentences)
    if kind == "datasheet" and figures_line(sentences):
        return figures_line(sentences)
    if kind == "document" and len({s.page for s in sentences}) == 1:
        whole = whole_text(sentences)
        if whole:
            return whole
    if kind in TABLE_KINDS:
        table = describe_table(sentences, pages=pages, title=title)
        parts = section_titles(sentences)
        if table:
            return _sentence(f"{table}; its parts: {'; '.join(parts)}" if parts else table)
    return ""


WHOLE_WORDS = 150  # one page this short is given whole, not cut into "headings"


def whole_text(sentences: Sequence[Sentence]) -> str:
    """ "It reads: …" with a short page's whole text (a credits page's roles each before its
    names; no word mixing two alphabets, `without_broken_words`), or "" past WHOLE_WORDS words."""
    lines = [" ".join(s.text.split()) for s in sentences if not PDF_OPERATORS.search(s.text)]
    text = without_broken_words(" ".join(line for line in lines if line))
    if not text or word_count(text) > WHOLE_WORDS:
        return ""
    return f"It reads: {text}" + ("" if text[-1] in ".!?。" else ".")


def slides_line(sentences: Sequence[Sentence]) -> str:
    """A slide deck's titles (its outline: the sections its sentences stand in; without one,
    its pages' title lines, `page_titles`), "Its slides: A; B; …"; "" for fewer than
    MIN_HEADINGS."""
    titles = section_titles(sentences)
    titles = titles if len(titles) >= MIN_HEADINGS else page_titles(sentences)
    return f"Its slides: {'; '.join(titles)}." if len(titles) >= MIN_HEADINGS else ""


SLIDE_TITLE_WORDS = 10
TITLED_SHARE = 0.5  # of the slides after the first that open on a title line


def page_titles(sentences: Sequence[Sentence]) -> list[str]:
    """The title lines of a deck's slides after the title slide: each page's first line that
    is no page furniture, opens on a letter (no bullet or dash), has at most SLIDE_TITLE_WORDS
    words and no full stop at its end; each once, up to MAX_PARTS with how many more; [] where
    under TITLED_SHARE of those slides open so (their first lines are bullets or prose)."""
    firsts: dict[int, Sentence] = {}
    for s in sentences:
        if s.role != "page furniture":
            firsts.setdefault(s.page, s)
    slides = [s for page, s in sorted(firsts.items()) if page > min(firsts, default=0)]
    titles: list[str] = []
    for s in slides:
        text = " ".join(s.text.split())
        short = word_count(text) <= SLIDE_TITLE_WORDS and text[-1:] != "."
        if text[:1].isalpha() and short and text not in titles:
            titles.append(text)
    if not slides or len(titles) < TITLED_SHARE * len(slides):
        return []
    return _shown(titles)


def _sentence(clauses: str) -> str:
    return clauses[:1].upper() + clauses[1:] + "."


def section_titles(sentences: Sequence[Sentence]) -> list[str]:
    """The sections the sentences stand in (their headings, in order, each once), up to
    MAX_PARTS with how many more; each cut at a word, never mid-word, past PART_CHARS."""
    titles: list[str] = []
    for s in sentences:
        title = " ".join(s.section.split()).strip(" .:;,")
        if title and title not in titles:
            titles.append(title)
    return _shown(titles)


def _shown(titles: Sequence[str]) -> list[str]:
    """Up to MAX_PARTS titles, each cut at a word past PART_CHARS, with how many more."""
    shown = [_cut(t, PART_CHARS) for t in titles[:MAX_PARTS]]
    if len(titles) > MAX_PARTS:
        shown.append(f"and {len(titles) - MAX_PARTS} more")
    return shown


def _cut(text: str, limit: int) -> str:
    """``text`` up to ``limit`` characters, cut after a whole word and marked "…" if cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


MIN_HEADINGS = 2  # headings enough to say what a table or form holds
HEADING_WORDS = 8  # a heading is a short line; past this many words, with a comma or a
# sentence's end, a line is a clause (a flyer's fine-print condition), not a heading
_CLAUSE_MARK = re.compile(r"[,，、]|[.!?。]$")
_NOTE_MARK = re.compile(r"^[*※†‡]")


def fine_print(text: str) -> bool:
    """A line that is no heading: a note opening with a note mark ("* Points expire …"), or a
    full clause (over HEADING_WORDS words with a comma or a sentence's end)."""
    text = " ".join(text.split())
    long = len(unspaced(text.split())) > HEADING_WORDS
    return bool(_NOTE_MARK.match(text)) or (long and bool(_CLAUSE_MARK.search(text)))


CELL_NUMBERS = 2  # numbers that make a line a row of cells (a heading may name one year)


def _cells(text: str) -> bool:
    return sum(bool(NUMBER_TOKEN.match(t)) for t in text.split()) >= CELL_NUMBERS


def _labels(sentences: Iterable[Sentence]) -> list[str]:
    """Up to four labels: each line's first words from its first word with a letter."""
    seen: list[str] = []
    for s in sentences:
        if PDF_OPERATORS.search(s.text):
            continue  # a broken file's content stream is no label
        # Words from the first one with a letter: stray digits and marks do not label anything.
        words = unspaced(_BLANKS.sub(" ", s.text).split())  # a form's blanks are not words
        start = next((i for i, w in enumerate(words) if any(ch.isalpha() for ch in w)), 0)
        label = " ".join(words[start : start + LABEL_WORDS]).strip(" .:;,*")
        if len(words) > start + LABEL_WORDS or len(label) > LABEL_CHARS:
            label = _cut(label, LABEL_CHARS) if len(label) > LABEL_CHARS else f"{label} …"
        letters = sum(ch.isalpha() for ch in label)
        if letters >= 2 and letters >= 0.5 * len(label.replace(" ", "")) and label not in seen:
            seen.append(label)
        if len(seen) == 4:
            break
    return seen


SPACED_LETTERS = 3  # capitals set one apart this many times or more are one letter-spaced word


def unspaced(words: Sequence[str]) -> list[str]:
    """Letter-spaced display type joined into its words: a run of single capitals ("P R I N T,
    C L E A R L Y" on a form) is one word per run, the punctuation after its last letter kept;
    shorter runs ("A B testing", "U S") stay as they are."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        out.extend(["".join(run)] if len(run) >= SPACED_LETTERS else run)
        run.clear()

    for word in words:
        letter = word[:1]
        single = letter.isalpha() and letter.isupper() and not word[1:].strip(".,:;")
        if single:
            run.append(word)
            if word[1:]:  # punctuation after the letter ends the word
                flush()
        else:
            flush()
            out.append(word)
    flush()
    return out
