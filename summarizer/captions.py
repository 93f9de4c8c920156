"""What the front page of a letter or a court's judgment names (#19), by the format of the genre.

- **A letter's subject** is its subject line ("Re: …", "Subject: …", "Betreff: …"), not the
  address block a title search finds first; a parenthetical or dash after the subject's first
  clause is procedure, not subject ("Re: Lee v. Harbour Board, No. 22-1801 (argued …)").
- **A court opinion** (a judgment, an order of a court) is known by its caption on the first
  page: the court's name opening a line ("SUPREME COURT OF …", "THE HIGH COURT", "Court of
  Appeals for …") with a docket or neutral-citation number ("No. 11–889", "326 & 327/00",
  "[2001] IESC 63") or a parties line ("X v. Y").
- **Its title** is the parties line: the title found when it reads "X v. Y"; else the parties
  the caption names after "Between": each party up to its first comma or article, the
  claimant's side and the other side joined by "v." ("JAMIE LEE A PERSON OF … Plaintiff and
  THE HARBOUR BOARD, IRELAND … Defendants" → "Jamie Lee v. The Harbour Board").
- **An act** (a decree, a regulation, an order of a government) is known by a line above its
  title naming the act's kind alone, often letter-spaced ("П О С Т А Н О В Л Е Н И Е",
  "DECREE"), on the first page and not under a court's caption.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.document import Sentence
from ingestion.vocabulary import ACT_KIND, LETTER_SPACED

SUBJECT_LINE = re.compile(
    r"^(?:re|subject|subj|betreff|objet|asunto|oggetto|onderwerp)\s*:\s*(\S.*)$", re.IGNORECASE
)
_PROCEDURE = re.compile(r"\s+(?:\(|[-–—]\s).*$")  # "(Arg. & Sub. – …)", " — heard …"
SUBJECT_WORDS = 20
_COURT_NAME = re.compile(
    r"^(?:the\s+)?(?:(?:[\w.]+\s+){0,4}court\b|tribunal\b|cour\b|\w*gerichtshof\b)",
    re.IGNORECASE,
)
DOCKET = re.compile(
    r"\bNos?\.\s*\d[\d\-–]*|\b\d+(?:\s*&\s*\d+)?/\d{2}\b|\[\d{4}\]\s+[A-Z]{2,}[A-Za-z]*\s+\d+"
)
PARTIES = re.compile(r"^[A-Z][^.;:]{0,80}?\s+v(?:s)?\.?\s+[A-Z]")  # "X v. Y", "X v Y", "X vs. Y"
_CLAIMANT = r"(?:plaintiffs?|applicants?|appellants?|petitioners?|claimants?|prosecutors?)"
_DEFENDANT = r"(?:defendants?|respondents?|appellees?|appellants?)"
_BETWEEN = re.compile(
    rf"\bbetween\s*:?\s+(.+?)\s+{_CLAIMANT}(?:/\w+)?\s+(?:and|v\.?|-v-)\s+(.+?)\s+{_DEFENDANT}\b",
    re.IGNORECASE,
)
_PARTY_END = re.compile(r",|\s+(?:a|an|the|suing|by)\s", re.IGNORECASE)
_SMALL = {"a", "an", "the", "of", "for", "and", "in", "on", "to", "at", "by", "v."}
CAPTION_LINES = 60  # the caption is among the first page's first lines


_GREETING = re.compile(
    r"^(?:Dear|Sehr geehrte[rn]?|Estimad[oa]s?|Cher|Chère)\s[^,:;.]{1,40}(?:\.[^,:;]{1,40})?[,:]\s+"
    r"(?=[A-Z])"
)


def without_greeting(sentence: str) -> str:
    """A letter's sentence less the greeting glued before it ("Dear Mr. Lee, Ann Lee submits
    …" → "Ann Lee submits …")."""
    return _GREETING.sub("", sentence)


def letter_subject(front: Sequence[Sentence]) -> str:
    """A letter's subject, from its subject line on the first page; "" when it has none."""
    for line in front[:CAPTION_LINES]:
        m = SUBJECT_LINE.match(line.text) if line.page == 1 else None
        if m:
            subject = _PROCEDURE.sub("", m.group(1)).strip(" .,;:")
            return " ".join(subject.split()[:SUBJECT_WORDS])
    return ""


def court_caption(front: Sequence[Sentence], title: str) -> bool:
    """Whether the first page carries a court's caption: a line opening with the court's name,
    and a docket number or a parties line among the first page's lines or the title."""
    lines = [s.text for s in front[:CAPTION_LINES] if s.page == 1]
    if not any(_COURT_NAME.match(t) for t in lines):
        return False
    return any(DOCKET.search(t) or PARTIES.match(t) for t in (*lines, title))


def act_heading(front: Sequence[Sentence], title: str) -> bool:
    """Whether a first-page line above the title (among the first CAPTION_LINES) names the
    kind of act alone, letter-spaced or not, and no court's caption is there (see above)."""
    for line in front[:CAPTION_LINES]:
        text = line.text.strip(" .:")
        if line.page != 1 or (title and text == title):
            break
        if LETTER_SPACED.match(text):
            text = text.replace(" ", "")
        if ACT_KIND.match(text):
            return not court_caption(front, title)
    return False


def _display(party: str) -> str:
    words = party.split()
    if not any(c.islower() for w in words if w not in ("v.", "v") for c in w):  # in capitals
        words = [
            w.lower() if i and w.lower() in _SMALL else w.capitalize() for i, w in enumerate(words)
        ]
    return " ".join(words)


def parties(front: Sequence[Sentence], title: str) -> str:
    """A judgment's parties line: ``title`` where it reads "X v. Y", else "X v. Y" from the
    caption's "Between … Plaintiff and … Defendant"; "" when neither is found."""
    if PARTIES.match(title):
        return _display(title)
    for line in front[:CAPTION_LINES]:
        m = _BETWEEN.search(line.text) if line.page == 1 else None
        if m:
            first, second = (_PARTY_END.split(g, maxsplit=1)[0] for g in m.groups())
            if first and second:
                return f"{_display(first)} v. {_display(second)}"
    return ""
