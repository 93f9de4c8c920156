"""Which sentences may stand in a summary: prose, not the furniture around it (#10).

Real PDFs hand the summarizer table rows, tables of contents, author blocks, references,
code and formulas as "sentences". Each rule here names one kind of non-prose; a sentence that
trips any of them never enters a summary (it stays stored and searchable). `junk_reason`
says which rule fired, so the corpus benchmark can count them. A document left with no
prose at all gets `no_prose_line` instead of a summary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ingestion.document import Sentence
from ingestion.roles import PROSE_ROLES
from ingestion.vocabulary import (
    BOILERPLATE,
    CAPTION_LABEL,
    FIGURE_END,
    FRONT_LABEL,
    NUMBER_TOKEN,
    PDF_OPERATORS,
    ROADMAP,
)
from summarizer.lead_ins import BULLET_LEAD
from summarizer.math_text import broken_math, glued_caption
from summarizer.point_shape import point_shape_reason
from summarizer.sentence_shape import (
    MIN_LOWERCASE_WORDS,
    function_words,
    latin,
    shouted_prose,
    unfinished_sentence,
)
from summarizer.thanks import acknowledgements

MAX_WORDS = 70  # longer "sentences" are table rows, lists run together or lost punctuation
MIN_WORDS = 5
MIN_LETTER_WORDS = 0.65  # share of tokens that are words of letters

CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_LETTER_WORD = re.compile(r"^[(\"'“‘\[]*[^\W\d_]+(?:[-'’][^\W\d_]+)*[)\"'”’\].,;:!?]*$")
_DOT_LEADERS = re.compile(r"\.{6,}|(?:\.\s){4,}|(?:·\s?){3,}|…\s?…|_{4,}|(?:-\s){4,}")
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.\w|\bdoi\s*:|\b10\.\d{4,}/|\barxiv\s*:"
    r"|\b[\w-]+\.(?:com|org|net|io|edu|gov|de|uk)/",
    re.IGNORECASE,
)
_LABEL_START = re.compile(
    rf"^(?:{CAPTION_LABEL}|example|listing|algorithm|source|note)\s*[\d:A-Z—–-]", re.IGNORECASE
)
_FORM_MARKS = re.compile(r"[▶►▸▲•□■☐☑✓✔]|^[*^]\s|\s\^\s")  # form arrows, boxes, bullets
# A footnote glued into a line: its mark set against its first word ("… (Kang et al., 2023)
# ∗Core contributors; see author contributions.").
_GLUED_FOOTNOTE = re.compile(r"(?:^|\s)[∗†‡][A-Z]")
# A footnote's number set against the word opening its clause ("1We use code snippets …"; a
# section number against its heading, "1Introduction Natural …", is the body going on): a
# footnote, weighed with the body (it shares its terms) but never a key point.
FOOTNOTE_START = re.compile(r"^\d{1,2}(?=(?:We|Our|This|These|The|It|In|For|See|Note|A|An)\s)")
# Thanks, as an acknowledgements section words them: the author's, not the document's point.
_THANKS = re.compile(
    r"\b(?:I|we)\s+(?:would\s+(?:also\s+)?like\s+to\s+|also\s+|wish\s+to\s+)?thank\b"
    r"|\b(?:I|we)\s+(?:am|are)\s+(?:\w+\s+)?(?:grateful|indebted|thankful)\b"
    r"|\bowe\s+(?:my|our)\s+(?:\w+\s+)?gratitude\b"
    # the other languages' thanks, and the heading glued before them
    r"|\bvielen\s+dank\b|\bdanksagung(?:en)?\b|\bremerciements\b|\bagradecimientos\b"
    r"|\b(?:möchte|möchten)\s+(?:ich|wir)\s+.{0,80}\bdanken\b|^acknowledg(?:e)?ments?\b",
    re.IGNORECASE,
)
_MATH = re.compile(r"[⊆⊂⊇∈∉∀∃≤≥→⇒⇔∑∏∫√∞∪∩×÷±≠≈∂∇◦]|:=")
# A variable: a lone Greek letter ("α", "β0", "γ′"; not the Greek articles ο, η, ή), or an
# accent the PDF set apart from its letter ("x ̃0": a typeset tilde, as formulas have).
_VARIABLE = re.compile(r"^(?:[α-ωΑ-Ω](?<![οηή])[\d′']*|[\u0300-\u036f]+\S*)$")
_BIBLIOGRAPHY = re.compile(
    r"^\[\d{1,3}\]\s"  # [12] A. Author ...
    r"|^\d{1,3}\.\s+[A-Z][a-z]+,\s+[A-Z]\."  # 12. Author, A.
    r"|^[A-Z][a-z]+,\s+[A-Z]\.(?:\s?[A-Z]\.)*,?\s+(?:and|&|[A-Z][a-z]+,)"  # Author, A., and ...
    r"|\b(?:In\s+)?Proc(?:eedings|\.)\s+(?:of\s+)?(?:the\s+)?\S.*\b(?:19|20)\d\d\b"
    r"|^In\s+Proc(?:eedings|\.)\s"  # a citation's venue split off as a sentence of its own
    r"|\bet al\.,?\s.*\b(?:19|20)\d\d[a-z]?\b.*\bpp?\.\s*\d"
    r"|\b(?:vol\.|no\.)\s*\d+.*\bpp?\.\s*\d+"
    # a venue line: "Proceedings of the 58th Annual Meeting of …, pages 2270–2282"
    r"|^(?:in\s+)?(?:proceedings|proc\.|transactions|journal)\b.*\bpages?\s+\d+\s*[–-]\s*\d+",
    re.IGNORECASE,
)
# A citation with no sentence of its own: "TRIPP, supra note 37, at 37.", "Id. at 12.",
# "See id.", "Ibid., p. 4." (short, and its words are a citation signal with numbers).
_CITATION_SIGNAL = re.compile(
    r"\b(?:supra|infra|ibid|ibidem|op\.\s?cit|loc\.\s?cit)\b|^(?:see\s+)?id\.(?:\s|$)"
    r"|\bid\.,?\s+at\s+\d",  # "See Art. V(A)1, id., at 88."
    re.IGNORECASE,
)
CITATION_WORDS = 15
# Words of a sentence that announces a list, a table or code after its colon (a story's "And
# then he said softly:" is left to the story).
_ANNOUNCES = re.compile(r"\b(?:following|follows|example|below|these|this|such as)\b", re.I)
_FURNITURE = re.compile(
    r"\bpage \d+ of \d+\b|^\s*(?:table of )?contents\b"
    r"|\bpage\s+\d+\s+\d"  # a running foot glued into a line: "… 2.3.59 page 245 15 19-39 …"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}\s*(?:AM|PM)?\b"  # a file's time stamp
    r"|\S \: .+ / \S",  # a catalogue record's punctuation: "Title : subtitle / Author."
    re.IGNORECASE,
)
_CODE = re.compile(
    r"[{}=<>|].*[{}=<>|].*[{}=<>|]|\b(?:SELECT|INSERT|UPDATE)\b.+\b(?:FROM|INTO|SET)\b"
)
# Section numbers of a table of contents: a dotted number, or page and section side by side.
_CONTENTS_NUMBERS = re.compile(r"(?:^|\s)\d{1,2}(?:\.\d{1,2})+\s|(?:^|\s)\d{1,3}\s+\d{1,2}\s")
_INDEX_ENTRY = re.compile(
    r"[–—-]\s*see(?: also)?\s", re.IGNORECASE
)  # "Side rails – See Bed rails."
# A continuation: a mark, a lowercase word, a number before one ("11, in fact authorizes …":
# a section number cut from "§ 11"), a year in brackets.
_MID_SENTENCE = re.compile(r"^(?:[,;:)\]}.]|[a-z]|\d+[,;]?\s+[a-z]|\(\d{4}[a-z]?\))")
_TERMINAL = re.compile(r"[.!?。！？…:;\"”’')\]—]$")  # "—": speech broken off
# A sentence ends on its own mark (Arabic "؟", Devanagari "।" and the CJK stops included),
# perhaps inside a closing quote or bracket.
_SENTENCE_END = re.compile(r"[.!?。！？…؟।][\"”’')\]»]*$")
UNFINISHED_NUMBERS = 0.1  # share of number cells in a row that ends no sentence
_ABBREVIATION_END = re.compile(r"\b(?:Vol|Nos?|pp?|Fig|Figs|Eq|Ch|Sec|Art|Ed|eds?)\.$")
MIN_WORDS_FOR_FUNCTION_CHECK = 12
MIN_WORDS_FOR_BULLET_CHECK = 6  # a verbless bullet: "– layout information (font size, etc.)"
# ...and in a long one they are not rare: under this share, it is labels with a "to" or two.
MIN_FUNCTION_SHARE = 0.08
MIN_WORDS_FOR_FUNCTION_SHARE = 20


def word_count(text: str) -> int:
    """Words, counting CJK text (written without spaces) as about 1.4 characters a word."""
    spaced = len(text.split())
    cjk = len(CJK.findall(text))
    return max(spaced, round(cjk / 1.4)) if cjk else spaced


# (reason, pattern found anywhere), checked in this order.
_PATTERN_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dot leaders", _DOT_LEADERS),
    ("address or link", _CONTACT),
    ("pdf operators", PDF_OPERATORS),
    ("reference", _BIBLIOGRAPHY),
    ("page furniture", _FURNITURE),
    ("boilerplate", BOILERPLATE),
    ("keywords", FRONT_LABEL),  # anchored at the start by its own ^
    ("caption or label", _LABEL_START),  # anchored at the start by its own ^
    ("form marks", _FORM_MARKS),
    ("footnote", _GLUED_FOOTNOTE),
    ("acknowledgements", _THANKS),
    ("index entry", _INDEX_ENTRY),
    ("code or formula", _CODE),
)


@lru_cache(maxsize=1 << 14)
def junk_reason(text: str, *, whole: bool = True) -> str | None:
    """None for a sentence a reader would want in a summary, else the rule it breaks.
    Remembered per text: a document's sentences are judged by `little_prose`, the overall
    pick and each section's pick. ``whole=False`` asks only whether the text is running
    words, not whether it is a whole sentence too (`little_prose`: a slide deck's verbless
    bullets are text, not a form's labels)."""
    text = text.strip()
    n = word_count(text)
    if n > MAX_WORDS:
        return "too long"
    if n < MIN_WORDS:
        return "too short"
    tokens = text.split()
    if not CJK.search(text):
        letters = sum(1 for t in tokens if _LETTER_WORD.match(t))
        if letters < MIN_LETTER_WORDS * len(tokens):
            return "not words"
    for reason, pattern in _PATTERN_RULES:
        if pattern.search(text):
            return reason
    if _formula(text, tokens):
        return "code or formula"
    if broken_math(text):
        return "broken math"  # "∅ 6= G", "4ABC": TeX's math glyphs read as digits
    if glued_caption(text):
        return "caption or label"  # "… γ3 Abbildung 3.4: Das …": a caption run into the text
    if any(len(_GLUED_WORDS.findall(t)) >= GLUED_WORDS for t in tokens):
        return "glued labels"  # a menu or share bar run together: "withEmailFacebookTwitter…"
    if _capitals_run(tokens):
        return "glued labels"  # a web page's section labels in a line of headlines
    if n <= CITATION_WORDS and _CITATION_SIGNAL.search(text):
        return "citation"
    if _number_run(tokens):
        return "table row"  # cells read across a row: "… 2.3.59 245 15 19-39 …"
    if ROADMAP.search(text):
        return "roadmap"  # "Section 5 describes …" says where things are, not what they say
    shape = point_shape_reason(text) if whole else None  # a key point's shape, not a form's
    if shape is not None:
        return shape
    if text.endswith("?") and not _QUOTED.search(text):
        return "question"  # a template's or a slide's question, not a point the text makes
    if _MID_SENTENCE.match(text) or _lowercase_start(text):
        return "starts mid-sentence"
    cased = [t for t in tokens if t[:1].isalpha() and t[:1].lower() != t[:1].upper()]
    capitalised = len(cased) >= 6 and sum(
        t[0].islower() for t in cased
    ) < MIN_LOWERCASE_WORDS * len(cased)
    if capitalised and not shouted_prose(tokens):
        return "label run"
    if text.endswith(":") and _ANNOUNCES.search(text):
        return "lead-in"  # "Here is an example of the function:" announces what follows
    if text.endswith(" .") and _CONTENTS_NUMBERS.search(text):
        return "contents entry"  # "8 4 Options 9 4.1 Class options ." (its dot leader cut)
    if n <= 12 and (
        not _TERMINAL.search(text)
        or text.endswith("—")  # a short line broken off is no summary sentence either
        or (n <= 8 and text.endswith(" ."))  # a contents entry whose dot leader was cut
        or _ABBREVIATION_END.search(text)
    ):
        return "heading"  # "Proposed Rules Federal Register 47698 Vol." ends no sentence
    numbers = sum(bool(NUMBER_TOKEN.match(t)) for t in tokens)
    ended = _SENTENCE_END.search(text)  # an inch mark or a colon ends no table row
    if not ended and numbers >= 3 and numbers >= UNFINISHED_NUMBERS * len(tokens):
        return "unfinished"  # a table row: cells and numbers, no sentence end
    if FIGURE_END.search(text):
        return "caption or label"
    bullet = whole and BULLET_LEAD.match(text)  # a verbless bullet: "– layout information"
    checked = MIN_WORDS_FOR_BULLET_CHECK if bullet else MIN_WORDS_FOR_FUNCTION_CHECK
    if n >= checked and latin(tokens):
        share = function_words(tokens) / len(tokens)
        if share == 0 or (n >= MIN_WORDS_FOR_FUNCTION_SHARE and share < MIN_FUNCTION_SHARE):
            return "label run"
    return unfinished_sentence(text, n, tokens, bool(ended)) if whole else None


CAPITALS_RUN = 4  # words in capitals side by side inside a line of running words


def _capitals_run(tokens: list[str]) -> bool:
    """Four or more words wholly in capitals in a row inside a line that also has lowercase
    words: a printed web page's section labels and menu run into its headlines ("… makeover
    TECHNOLOGY OF BUSINESS BUSINESS Finland wants …"), bare words without punctuation; prose
    names one or two acronyms at a time ("the NASA JPL team") and punctuates a name in
    capitals ("LIFO KIT CO., LTD., SYRACUSE."), and a notice wholly in capitals is judged as a
    whole."""
    if not any(t[:1].islower() for t in tokens):
        return False
    run = 0
    for t in tokens:
        capitals = len(t) >= 2 and t.isalpha() and t.isupper()
        run = run + 1 if capitals or (run and t == "&") else 0
        if run >= CAPITALS_RUN:
            return True
    return False


_GLUED_WORDS = re.compile(r"[a-z][A-Z]")
GLUED_WORDS = 3  # words run together inside one token (camelCase names have one or two)
_QUOTED = re.compile(r"[\"“”«»„]")
NUMBER_RUN = 3  # numbers side by side, without commas between, are a table's cells


def _number_run(tokens: list[str]) -> bool:
    run = 0
    for t in tokens:
        run = run + 1 if NUMBER_TOKEN.match(t) and not t.endswith((",", ";")) else 0
        if run >= NUMBER_RUN:
            return True
    return False


def _formula(text: str, tokens: list[str]) -> bool:
    """Two math signs, or one with a variable, or three variables ("α1 ≤ α 2", "x ̃0 := (x0,
    e)"); two Greek letters alone ("the α and β chains") are still prose."""
    signs = len(_MATH.findall(text))
    variables = sum(bool(_VARIABLE.match(t)) for t in tokens)
    return signs >= 2 or (signs >= 1 and variables >= 1) or variables >= 3


_NUMBER_THEN_WORD = re.compile(r"^\d+\s+(\w)")


def _lowercase_start(text: str) -> bool:
    """A lowercase letter in any cased script (Cyrillic, Greek, accented Latin), alone or
    after a number, starts a sentence's continuation, not a sentence."""
    m = _NUMBER_THEN_WORD.match(text)
    first = m[1] if m else text[:1]
    return first.isalpha() and first.islower()


def is_prose(text: str) -> bool:
    return junk_reason(text) is None


TITLE_WITHIN = 40  # the title is among the document's first sentences


def above_title(sentences: Sequence[Sentence]) -> set[int]:
    """Sentences set above the title on its page: a court's standing notice, a journal's
    header, a slip sheet's instructions ("NOTE: Where it is feasible, a syllabus will be
    released …"), never the body, which starts under the title."""
    first = next((i for i, s in enumerate(sentences[:TITLE_WITHIN]) if s.role == "title"), None)
    if first is None:
        return set()
    page = sentences[first].page
    return {i for i in range(first) if sentences[i].page == page}


def structure_only(sentences: Sequence[Sentence]) -> set[int]:
    """Which sentences the document's structure names as no running text (`Sentence.role`:
    title, authors, headings, captions, tables, references, furniture …; what stands above
    the title; footnotes glued to their number; the acknowledgements): weighed with the rest,
    never picked."""
    never = {i for i, s in enumerate(sentences) if s.role not in PROSE_ROLES}
    never |= {i for i, s in enumerate(sentences) if FOOTNOTE_START.match(s.text)}
    return never | above_title(sentences) | acknowledgements(sentences)


def body_of(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences of paragraph and list-item blocks under the title (all of them where
    there are none)."""
    never = structure_only(sentences)
    body = [s for i, s in enumerate(sentences) if i not in never]
    return body or list(sentences)
