"""Whether a line reads as a whole sentence, by its punctuation and case (#19): the rules
`candidates.junk_reason` applies after the format rules (list lead-ins cut from their items,
brackets cut off, abbreviations taken for a sentence end, no sentence end or only a bracket's,
title-case headings), and the function-word tests they share with it."""

from __future__ import annotations

import re

MIN_LOWERCASE_WORDS = 0.25  # prose in cased scripts has function words; label runs do not

# A sentence cut where an abbreviation's full stop was taken for its end ("… by authors, e.g.").
_CUT_AT_ABBREVIATION = re.compile(
    r"(?:\be\.\s?g|\bi\.\s?e|\bcf|\bvs|\bet al|\bz\.\s?B|\bd\.\s?h|\bvgl)\.$", re.IGNORECASE
)
# A list's number or letter, or a footnote's number, closing a bracket it never opened ("1) DL
# models …", "a) the holder", "재해분류표5)는"): no bracket cut off.
_ENUMERATOR = re.compile(r"(?:(?<!\d)\d{1,2}|(?<![^\s:;,])(?:[a-zA-Z]|[ivxIVX]{1,4}))$")
# A lead-in and its list's first item only ("… for several reasons: 1) DL models are …."),
# the other items cut off by the sentence splitter.
_FIRST_ITEM = re.compile(r":\s*\(?(?:1|a|i)[.)]\s")
_NEXT_ITEM = re.compile(r"[\s;,]\(?(?:2|b|ii)[.)]\s")

_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")

# Function words of the languages written in Latin script that Synopsis reads most: a real
# sentence of a dozen words (a bullet's of six) has one; a run of figure labels or table cells
# has none.
FUNCTION_WORDS = frozenset(
    """the of and to in is a an for that with on as by are be this from it was or not
    der die das und ist zu den von mit ein eine nicht auf für sich
    le la les de et est des un une du en que pour dans qui sur au
    el los las y es por con del se lo una al
    il di che non per sono della
    o os do da em com não uma
    at no if but its has have were will can which into than then also
    i my me he she his her we our you your they their all had been would could there who
    het een van en is op niet
    et ut sed ac ad cum est non quod""".split()
)

LINKING = frozenset("in of on at by to for from with and or the a an as into than".split())

HEADING_CASE_WORDS = 3  # capitalised words a short title-case line has at least


def unfinished_sentence(text: str, n: int, tokens: list[str], ended: bool) -> str | None:
    """Whether a line is no whole sentence by its punctuation and case: a lead-in with only
    its list's first item, a bracket opened or closed outside it, an abbreviation taken for its end,
    no sentence end at all, or a short line in title case (a slide's or a section's heading)."""
    if _FIRST_ITEM.search(text) and not _NEXT_ITEM.search(text):
        return "lead-in"  # "… for several reasons: 1) DL models are …": the list is elsewhere
    if _unbalanced(text):
        return "cut in brackets"  # "… (1st Cir." or "Universität Berlin, 1999)"
    if _CUT_AT_ABBREVIATION.search(text):
        return "cut at abbreviation"
    spoken = _SPEECH_END.search(text)  # a quotation's end, or speech broken off ("… now—\"")
    if not (ended or spoken) and (_LIST_LEAD.match(text) or not _running_word(tokens[-1])):
        # A slide's bullet, a table's cells, a label: a list mark before it, or no word of
        # running text at its end (a number, a bracket, capitals, a script without case); a
        # paragraph that only lost its stop still reads as one.
        return "no sentence end"
    if n <= HEADING_WORDS and title_case(tokens):
        return "heading"  # "Space Charge & Halo Formation (A. Fedotov et al.)"
    if _BRACKET_STOP.search(text) and not text.startswith(("(", "[")):
        return "no sentence end"  # "– position information (begin/end of line, in the doc.)"
    return None


HEADING_WORDS = 12
# A full stop inside a closing bracket ends the bracket's words, not the line's: a line that
# ends so and did not open with the bracket has no sentence end of its own (a bullet's
# "… (font size, font style, etc.)"); a sentence set wholly in brackets has one.
_BRACKET_STOP = re.compile(r"[.!?…]\s?[)\]]$")


_SPEECH_END = re.compile(r"(?:[.!?…—–-]\s*[\"”’'»]?|[.!?…—–-][\"”’'»]?\s+[\"”’'»])$")
_LIST_LEAD = re.compile(r"^(?:[•●▪◦‣∙·*\-–—]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")


def _running_word(token: str) -> bool:
    word = token.strip("\"'“”‘’«»,;:")
    cased = word.lower() != word.upper()
    return word.isalpha() and cased and not (len(word) > 1 and word.isupper())


def _unbalanced(text: str) -> bool:
    """A bracket left open at the end, or one closed that was never opened (a list's or a
    footnote's number aside)."""
    for opening, closing in ("()", "[]"):
        depth = 0
        for i, ch in enumerate(text):
            if ch == opening:
                depth += 1
            elif ch == closing and depth:
                depth -= 1
            elif ch == closing and not _ENUMERATOR.search(text[max(0, i - 4) : i]):
                return True
        if depth:
            return True
    return False


def title_case(tokens: list[str]) -> bool:
    """Every word outside brackets capitalised (linking words aside), three or more of them,
    and no comma among them (a sentence naming "the Children, Young People and Education
    Committee" has one)."""
    outside = _BRACKETED.sub(" ", " ".join(tokens))
    if "," in outside:
        return False
    words = [
        w
        for w in outside.split()
        if w[:1].isalpha() and w[:1].lower() != w[:1].upper() and w.lower() not in LINKING
    ]
    if len(words) < HEADING_CASE_WORDS or not all(w[0].isupper() for w in words):
        return False
    return not shouted_prose(tokens)


def shouted_prose(tokens: list[str]) -> bool:
    """A sentence in capitals that reads as prose ("I AM PLEASED TO ADVISE YOU THAT…"): a
    telegram, a notice, a contract's disclaimer; its function words give it away."""
    shouted = all(not c.islower() for t in tokens for c in t)
    return shouted and function_words(tokens) >= MIN_LOWERCASE_WORDS * len(tokens)


def latin(tokens: list[str]) -> bool:
    letters = [c for t in tokens for c in t if c.isalpha()]
    return bool(letters) and sum(c.isascii() or "À" <= c <= "ɏ" for c in letters) > 0.9 * len(
        letters
    )


def function_words(tokens: list[str]) -> int:
    return sum(t.strip("(\"'“‘[),.;:!?”’]").lower() in FUNCTION_WORDS for t in tokens)
