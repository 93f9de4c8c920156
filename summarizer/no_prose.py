"""Documents without running prose (#10, #19): a form, a table or a list with a few stray
sentences in it gets one honest line saying so, with its headings, instead of fragments
passed off as a summary."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ingestion.document import Sentence
from ingestion.vocabulary import NUMBER_TOKEN, PDF_OPERATORS
from summarizer.base import SummaryPart
from summarizer.candidates import junk_reason, word_count

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
    sentences: Sequence[Sentence], pages: int, *, after_gist: bool = False
) -> SummaryPart:
    """One honest line for a document without running prose (a form, a rate table, a list):
    what it is and its headings, instead of fragments passed off as a summary. Headings and
    labels are the lines with at most one number (a table's headnote and header row, a form's
    field names; the title is the gist's); its rows of cells are quoted only where there are
    too few of those.
    ``after_gist``: the gist line before it has said what and how long the document is, so
    the line does not say it again."""
    headings = _labels(s for s in sentences if s.role != "title" and not _cells(s.text))
    if len(headings) >= MIN_HEADINGS:
        found = f"; its headings: {', '.join(headings)}."
    else:
        labels = _labels(sentences)
        found = f"; it begins: {', '.join(labels)}." if labels else "."
    what = f"A {pages}-page document" if pages != 1 else "A one-page document"
    line = f"{what} with little running text (a form, a table or a list){found}"
    if after_gist:
        line = f"Little running text (a form, a table or a list){found}"
    first = sentences[0].page if sentences else 1
    return SummaryPart(line, (first,))


MIN_HEADINGS = 2  # headings enough to say what a table or form holds
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
        if len(label) > LABEL_CHARS:
            label = label[:LABEL_CHARS].rsplit(" ", 1)[0]
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
