"""Lead-ins that text extraction glues before a sentence (#19): front matter, a numbered or
run-in heading, a field label, a heading the sentence says again, a date stamp, a bullet.
Each is cut by its format (numbering, case, a colon, repetition, a lone symbol), so the
sentence reads as the document's author wrote it.
"""

from __future__ import annotations

import re

from summarizer.sentence_shape import LINKING, function_words

# Front matter glued to the first sentence ("Title Authors Abstract—We present ...") and a
# numbered heading glued to a paragraph's first sentence ("1 Introduction The goal of ...").
_ABSTRACT_LEAD = re.compile(r"^.{0,1500}?\bAbstract(?:\s*[—–:.-]\s*|\s+)(?=[A-Z])", re.DOTALL)
_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,4}\.)"
_HEADING_LEAD = re.compile(
    rf"^{_NUMBER}\s+(?:[A-Z][\w-]*\s+){{1,5}}?(?=[A-Z][a-z]+\s+[a-z])"
    # "1.2 Current state of IBM i security Because …": a dotted section number, any case
    rf"|^\d{{1,2}}(?:\.\d{{1,2}})+\.?\s+[A-Z]\S*\s+(?:\S+\s+){{0,7}}?(?=[A-Z][a-z]+\s+[a-z])"
    # "xi Preface This publication …": a front-matter page number in lower-case Roman figures
    rf"|^.{{0,200}}?\b(?:{_NUMBER}|[ivxl]{{1,5}})\s+(?:Introduction|Background|Related Work"
    r"|Overview|Motivation|Conclusions?|Discussion|Summary|Preface|Foreword)\s+(?=[A-Z])"
)


# A heading set apart by type, glued to its section's first sentence by text extraction
# ("Specification in TIMP: Fixed parameters Every model …"): a short lead in heading style (a
# colon, or most words capitalised) ends on a word without punctuation, and the sentence
# starts again with a capitalised word that opens clauses.
CLAUSE_START = (
    "The This These Those Every Each We Our In It Its A An For To Here When Most All Many "
    "There They Some One Both Such If As Although While Because However After Before During"
).split()
_GLUED_HEADING = re.compile(
    rf"^((?:\S+\s+){{0,9}}?\S*[^\W_])\s+(?=(?:{'|'.join(CLAUSE_START)})\s+\S+\s+\S)"
)
MIN_REST_WORDS = 6


# A field label in capitals before the sentence it labels ("SUMMARY: The FAA proposes …").
_FIELD_LABEL = re.compile(r"^[A-Z][A-Z ]{2,30}:\s+(?=[A-Z][a-z]|[A-Z]{2,}\b)")


MIN_RUN_IN, MAX_RUN_IN = 2, 4


def _without_glued_heading(text: str) -> str:
    label = _FIELD_LABEL.match(text)
    if label and len(text[label.end() :].split()) >= MIN_REST_WORDS:
        text = text[label.end() :]
    said_again = _heading_said_again(text)
    if said_again is not None:
        return said_again
    m = _GLUED_HEADING.match(text)
    if not m:
        return text
    lead = m.group(1).split()
    words = [w for w in lead if w[:1].isalpha()]
    heading_style = ":" in m.group(1) or (
        len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.5 * len(words)
    )
    # A short run-in heading in sentence case: two to four words, none of them a function
    # word, before a capitalised clause start ("Yield related traits The genotypes showed …").
    run_in = MIN_RUN_IN <= len(lead) <= MAX_RUN_IN and not function_words(lead)
    heading_style = heading_style or run_in
    rest = text[m.end() :]
    if (
        not heading_style
        or lead[-1].lower() in LINKING
        or not lead[0][:1].isupper()
        or len(rest.split()) < MIN_REST_WORDS
    ):
        return text
    return rest


REPEAT_LEAD = (2, 6)  # title-case words a heading said again by its sentence has
REPEAT_WITHIN = 12  # ... said again within this many words of the sentence's start


def _heading_said_again(text: str) -> str | None:
    """The sentence without a title-case heading glued before it that the sentence itself
    says again after a linking word ("No Action Alternative Under the no action alternative,
    Reclamation would …"): a repetition, so the lead is the heading, not the sentence's
    subject. None where no such heading leads."""
    words = text.split()
    low, high = REPEAT_LEAD
    for n in range(min(high, len(words) - MIN_REST_WORDS), low - 1, -1):
        lead = words[:n]
        if not all(w.isalpha() and w[0].isupper() for w in lead) or not words[n][:1].isupper():
            continue
        key = [w.lower() for w in lead]
        window = [w.lower().strip(",.;:") for w in words[n : n + REPEAT_WITHIN]]
        for i in range(1, len(window) - n + 1):
            if window[i : i + n] == key and window[i - 1] in LINKING:
                return " ".join(words[n:])
    return None


# A bullet, or a lone symbol a dingbat font's bullet was read as ("¢ Si la PaCO2 …"), or a
# round bullet read as the figure or letter it looks like ("0 Each of the 100 sequences …",
# Word's "o" of a second-level list) before a capitalised word.
BULLET_LEAD = re.compile(
    r"^(?:[•●▪◦‣∙·*\-–—]\s+(?=\S)|[^\w\s\"'“‘(\[<$€£§#@&+=%]\s+(?=[^\W\d_])"
    r"|[0o]\s+(?=[A-Z][a-z])"
    # a dingbat read as a lone accented capital no language writes alone ("Ê Savoir …")
    r"|[ÂÃÄÅÆÇÈÊËÌÍÎÏÐÑÒÔÕÖØÙÛÜÝÞ]\s+(?=[A-Z][a-z]))"
)


def without_bullet(text: str) -> str:
    """A key point as the reader sees it: without the bullet or dingbat before it (summaries
    list their points themselves); a bullet before a lowercase word (a command's name) stays."""
    rest = BULLET_LEAD.sub("", text, count=1)
    return text if rest[:1].islower() else rest


# A date stamp before the first sentence: a word at most, then a numeric date ("Stand
# 30.6.2014 Das neue …", "As of 06/30/2014 The …").
_STAMP_LEAD = re.compile(
    r"^(?:[A-Z][^\W\d_]*\s+){0,2}\d{1,2}[./]\d{1,2}[./](?:19|20)?\d{2}\s+(?=[A-Z][^\W\d_]*\s)"
)


# A dingbat bullet inside the line, a heading glued before it ("Alcaloses (…) Ê Savoir définir
# …"): a symbol font's bullet read as a lone accented capital or a bullet sign.
_BULLET_INSIDE = re.compile(
    r"^(?:\S+\s+){1,15}?(?:[ÂÃÄÅÆÇÈÊËÌÍÎÏÐÑÒÔÕÖØÙÛÜÝÞ]|[•●▪■➢✓✔►▶])\s+(?=[A-Z][a-z])"
)
# A lone spacing accent and a short label at the line's end: a dingbat read as an accent
# before a question's number ("… adaptée ou non ` Q2.").
_TRAILING_MARK = re.compile(r"\s+[`´¨˜ˆ]\s+\w{1,4}(?=[.!?]$)")


# The tail of the line before, in brackets, glued before a sentence: a recommendation's
# strength after it ("(strong recommendation; certainty of evidence: moderate) Task …"); three
# words at least inside, so a list's "(A)" or "(ii)" stays.
_BRACKETED_LEAD = re.compile(r"^\((?:[^()]|\([^()]*\))*\)\s+(?=[A-ZÀ-Þ])")
BRACKETED_WORDS = 3


def _without_bracketed_lead(text: str) -> str:
    m = _BRACKETED_LEAD.match(text)
    if not m or len(m[0].split()) < BRACKETED_WORDS:
        return text
    rest = text[m.end() :]
    return rest if len(rest.split()) >= MIN_REST_WORDS else text


# A section break of three asterisks or more ("* * *", "⁂") glued before the sentence after it.
_DINKUS = re.compile(r"^(?:(?:\*\s*){3,}|⁂\s*)(?=[^\W\d_])")


def strip_lead_in(text: str) -> str:
    """A sentence without the front matter, date stamp or heading that extraction glued to it,
    nor a dingbat's mark and label at its end (a bullet at its start stays: the prose rules
    read it)."""
    text = _TRAILING_MARK.sub("", _STAMP_LEAD.sub("", text, count=1))
    text = _without_bracketed_lead(_DINKUS.sub("", text, count=1))
    inside = _BULLET_INSIDE.match(text)
    if inside and len(text[inside.end() :].split()) >= MIN_REST_WORDS:
        text = text[inside.end() :]
    m = _ABSTRACT_LEAD.match(text)
    if m:
        text = text[m.end() :]
    m = _HEADING_LEAD.match(text)
    if m:
        return text[m.end() :]
    return _without_glued_heading(text)
