"""Shapes of a line that is no key point of running prose (#19), by its format: a numbered
statement of lecture notes with its math set-up ("Remark 8 Let X, Y be spaces …"), a
definition cut into enumerated items (a dash or a semicolon at its end, an item opening in
lowercase), a reference page's fields run together ("Return type: int x … Return type: …"),
a specification's label–value cells ("Capacity 3.000 mAh Stand-by 2G: up to 548 h."), and a
roadmap step ("Then, we discuss how …"). `candidates.junk_reason` asks `point_shape_reason`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

# A single-letter variable, perhaps with an index, a prime or a bracketed index ("X", "f",
# "x0", "R[i]", "U′"); the one-letter words of the languages Synopsis reads are no variables.
_VARIABLE = re.compile(r"^[(\[{]*[A-Za-z](?:\d+|[′']+|\[[^\]]{1,4}\]|_\w)?[)\]},.;:]*$")
_ONE_LETTER_WORDS = frozenset("a A I i e o y u w z à é è ó O E Y".split())
MATH_SIGN = re.compile(r"[⊆⊂⊇∈∉∀∃≤≥→⇒⇔∑∏∫√∞∪∩×÷±≠≈∂∇◦∅]|:=|(?<=\s)[=<>+](?=\s)")

# "Word N" or "Word N.M" opening a line, perhaps with a name in brackets: a numbered
# theorem, definition or remark of lecture notes and textbooks ("Definition 3", "Satz 2.1");
# or a list's number ("3) Ist X diskret, …").
_NUMBERED_LABEL = re.compile(
    r"^(?:[A-ZÀ-Þ][^\W\d_]{2,}\s+\d{1,3}(?:\.\d{1,3})*\s+(?:\([^)]{1,80}\)\s+)?"
    r"|\(?\d{1,2}\)\s+)"
)
# A proof's label: its steps lean on the statement before them.
_PROOF = re.compile(r"^(?:proof|beweis|preuve|démonstration|demostración|dimostrazione)\b\s*[.:]",
                    re.IGNORECASE)  # fmt: skip
SETUP_VARIABLES = 1  # a variable or a math sign after the label makes it a math set-up


def variables(tokens: list[str]) -> int:
    """Single-letter variables among ``tokens`` (one-letter words aside)."""
    return sum(bool(_VARIABLE.match(t)) and t.strip("()[]{},.;:") not in _ONE_LETTER_WORDS
               for t in tokens)  # fmt: skip


# A math set-up opening: "Let X be …", "Sei (X, T) …", "Soit f …", "Sea A …", "Suppose x …"
# (a variable after it; "Let us …" and "Assume a user …" are prose).
_SETUP = re.compile(r"^(?:let|sei|seien|soit|soient|sea|sean|suppose|assume)\s+(\S+)", re.I)


def _defines_variable(text: str) -> bool:
    m = _SETUP.match(text)
    return m is not None and variables([m[1]]) == 1


def numbered_statement(text: str) -> bool:
    """A numbered label opening a statement with a math set-up ("Bemerkung 8 Seien X, Y
    topologische Räume und f : X → Y …"), a proof ("Proof: …"), a variable defined ("Let R[i]
    be …"); "Windows 10 brings a new start menu." has no set-up."""
    if _PROOF.match(text) or _defines_variable(text):
        return True
    m = _NUMBERED_LABEL.match(text)
    if not m:
        return False
    rest = text[m.end() :]
    return bool(MATH_SIGN.search(rest)) or variables(rest.split()) >= SETUP_VARIABLES


# An enumerator: "(A)", "(1)", "(ii)", "‘‘(d)" (a bill quoting the law it amends).
_ENUMERATOR = r"[‘'\"“]*\((?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})\)"
# An item that goes on a sentence opened elsewhere: its enumerator before a lowercase word.
_ITEM_GOES_ON = re.compile(rf"^{_ENUMERATOR}\s+[a-z]")
# A definition cut into items: a dash before an enumerator inside the line ("… means an
# area— (A) that is …").
_DASH_THEN_ITEM = re.compile(rf"[—–]\s*{_ENUMERATOR}\s")
# Ending on a dash or a semicolon: the lead-in of a list, or one item of it (a hyphen set
# apart is a speaker breaking off, as transcripts write it).
_ITEM_END = re.compile(r"(?:[—–]|;)$")
# A dash set against an item's lowercase first word ("—a heavy disk is assigned …").
SHORT_LINE = 12
_DASH_ITEM = re.compile(r"^[—–-][a-z]")


def cut_list_item(text: str) -> bool:
    """One item of an enumerated list, or a definition cut into its items: no whole point."""
    # (a short line broken off on a dash is left to the heading rule of `junk_reason`)
    ended = _ITEM_END.search(text) and (text.endswith(";") or len(text.split()) > SHORT_LINE)
    return bool(
        ended or _ITEM_GOES_ON.match(text) or _DASH_THEN_ITEM.search(text) or _DASH_ITEM.match(text)
    )


# A field label: one or two words and a colon ("Return type:", "Parameters:").
# A name before it ("Project Manager:", "User Interface:") makes it a transcript's speaker.
_FIELD = re.compile(r"(?:^|(?<=\s))([A-Z][a-z]+(?:\s[a-z]+)?):\s")
FIELD_VALUE_WORDS = 8  # a field's value is short; a speaker's turn in a transcript is long


def _after_a_name(text: str, at: int) -> bool:
    before = text[:at].split()
    return bool(before) and before[-1][:1].isupper()


def repeated_fields(text: str) -> bool:
    """Fields of a reference page run together: a label said twice in the line, with short
    values between labels ("Return type: int x X-coordinate … Return type: int y …")."""
    labels = [m for m in _FIELD.finditer(text) if not _after_a_name(text, m.start())]
    names = [m[1] for m in labels]
    if len(names) == len(set(names)):
        return False
    gaps = [len(text[a.end() : b.start()].split()) for a, b in pairwise(labels)]
    return bool(gaps) and max(gaps) <= FIELD_VALUE_WORDS


# A quantity: a number and its unit ("3.000 mAh", "548 Std.", "1140 min.", "5 MP").
_NUMBER = re.compile(r"^\d[\d.,]*$")
_UNIT = re.compile(r"^[^\W\d_]{1,4}\.?$")
SPEC_WORDS = 15  # a specification's cell is short
SPEC_QUANTITIES = 2
_LABEL_THEN_VALUE = re.compile(r":\s+(?:\S+\s+){0,3}\d(?:[\d.,]*\d)?\s+[^\W\d_]{1,4}\.?$")


def spec_cells(text: str) -> bool:
    """Label–value cells of a specification read as one line: two quantities with their
    units, or a label and its value ending on one ("Sprechzeit 2G: Bis zu 1140 min.")."""
    tokens = text.split()
    if len(tokens) > SPEC_WORDS:
        return False
    quantities = sum(
        bool(_NUMBER.match(a) and _UNIT.match(b)) and b.rstrip(".").lower() not in _NOT_UNITS
        for a, b in pairwise(tokens)
    )
    return quantities >= SPEC_QUANTITIES or bool(_LABEL_THEN_VALUE.search(text))


# Short words after a number that are no unit ("3 of them", "in 2010 and").
_NOT_UNITS = frozenset("of and or to in the for on at by per und der die das de et la le y".split())

# A step of the document's roadmap: "Then, we discuss how …", "In the previous section, we
# described …", "Next, we turn to …".
_ROADMAP_STEP = re.compile(
    r"^(?:(?:then|next|first|second|third|finally|afterwards|subsequently|lastly),?\s+"
    r"|in\s+(?:this|the\s+(?:next|following|previous|preceding|last|remaining))\s+(?:sections?"
    r"|chapters?|parts?|subsections?),?\s+)we\s+(?:\w+\s+)?(?:discuss|describe|present|explain|show"
    r"|introduce|review|outline|turn|detail|consider|evaluate|described|presented|discussed"
    r"|showed|introduced|explained|reviewed|saw)\b",
    re.IGNORECASE,
)


# A label in capitals and a colon opening a line ("DENIED: The user profile is …").
_CAPITALS_LABEL = re.compile(r"^[A-Z][A-Z0-9_]{1,30}(?: [A-Z0-9_]{1,30}){0,2}:\s")
LABEL_RUN = 3  # lines in a row opened so: a table's or a definition list's cells


def label_runs(texts: Sequence[str]) -> set[int]:
    """Indices of lines in a run of `LABEL_RUN` or more, each opened by a label in capitals
    ("ALLOWED: The user profile is allowed …", "DENIED: …", "USER: …"): a table's cells
    that happen to be sentences, no key point out of it. A transcript's speakers ("Grad A:")
    and a lone "SUMMARY: …" are not such a run."""
    out: set[int] = set()
    run: list[int] = []
    for i, text in enumerate([*texts, ""]):
        if _CAPITALS_LABEL.match(text):
            run.append(i)
            continue
        if len(run) >= LABEL_RUN:
            out.update(run)
        run = []
    return out


# A capitalised word said three times side by side ("New New New HCV RNA testing"): a
# table's column of labels read across into the line; speech stammers in lower case ("the
# the the", "next next next"), and a sentence says a word twice at most ("very, very").
_SAID_THRICE = re.compile(r"(?<!\S)([A-ZÀ-Þ][^\W\d_]+)(?:\s+\1){2,}(?!\S)")
# A heading in capitals with its section number glued into the line ("… DECENTRALIZATION
# AND INTEGRATION 5.1 Recommendations: …"): two words in capitals, then a dotted number.
_CAPITALS_NUMBER = re.compile(
    r"(?<!\S)[A-ZÀ-Þ]{2,}(?:\s+[A-ZÀ-Þ]{2,})+\s+\d{1,2}(?:\.\d{1,2})+\.?\s+[A-ZÀ-Þ]"
)
# A quiz's options after its question ("… a) 12 b) 15 c) 20"): letters in order, each before
# a short option; a sentence's own enumeration ("(a) the disk is full, (b) …") runs longer.
_OPTION = re.compile(r"(?<![\w(])([a-eа-д])\)\s")
OPTIONS = 3
OPTION_WORDS = 4  # the mean length of a quiz's options at most


def option_run(text: str) -> bool:
    """Three options or more, lettered in order ("a) … b) … c) …"), that are short."""
    marks = list(_OPTION.finditer(text))
    letters = [m[1] for m in marks]
    start = next(
        (i for i, c in enumerate(letters) if letters[i : i + OPTIONS] == _ORDERED[c]), None
    )
    if start is None:
        return False
    run = marks[start:]
    ends = [m.start() for m in run[1:]] + [len(text)]
    words = [len(text[m.end() : e].split()) for m, e in zip(run, ends, strict=True)]
    return sum(words) <= OPTION_WORDS * len(words)


# A quiz's option letter in capitals, lone and lettered A–E with a full stop or a bracket:
# at a sentence's start ("A. Héroïne"), alone ("A."), or after a word that ends in a letter,
# where an option's text ends ("… métabolique D." / "… acidose C. En cas …"); after a page
# number it is a contents line's appendix letter ("… 405 A. …"). Not an initial among
# initials ("A. B. Lee"; "Lee, A." follows a comma). After a capitalised word ("Diarrhée
# D.") it counts only beside such letters of its sentence: alone there it is a label's
# letter ("Appendix A. …", "Web Annex C. …").
_OPTION_LETTER = re.compile(r"(?:^|(?<=(\S)\s))([A-E])[.)](?=\s+[^\W\d_](?![.)])|\s*$)")
_WORD_BEFORE = re.compile(r"(\S+)\s$")


def _option_letters(text: str) -> list[str]:
    """The lone option letters of a sentence, in order (`_OPTION_LETTER`)."""
    plain: list[tuple[int, str]] = []
    capital: list[tuple[int, str]] = []
    for m in _OPTION_LETTER.finditer(text):
        before = m.group(1)
        if before is None:
            plain.append((m.start(), m.group(2)))  # at the start
        elif before[-1:].isalpha():
            word = _WORD_BEFORE.search(text[: m.start()])
            label = word is not None and word.group(1)[:1].isupper()
            (capital if label else plain).append((m.start(), m.group(2)))
    return [c for _, c in sorted(plain + capital)] if plain else []


def option_letter_runs(texts: Sequence[str]) -> set[int]:
    """Indices of sentences in a run of quiz options lettered in capitals: side by side, each
    with a lone option letter, their letters in order OPTIONS or more ("A." / "… acide B." /
    "… attendue C." …): a quiz's choices cut into sentences where the letters end or open
    them, no facts to present. A lone "vitamin D." is no run."""
    out: set[int] = set()
    run: list[int] = []
    letters: list[str] = []
    for i, text in enumerate([*texts, ""]):
        found = _option_letters(text.strip())
        if found:
            run.append(i)
            letters += found
            continue
        if _lettered_in_order(letters):
            out.update(run)
        run, letters = [], []
    return out


def _lettered_in_order(letters: list[str]) -> bool:
    """Whether OPTIONS or more letters follow each other in the alphabet ("A B C", "B C D")."""
    streak = 1
    for a, b in pairwise(letters):
        streak = streak + 1 if ord(b) == ord(a) + 1 else 1
        if streak >= OPTIONS:
            return True
    return False


def _ordered(alphabet: str) -> dict[str, list[str]]:
    return {c: list(alphabet[i : i + OPTIONS]) for i, c in enumerate(alphabet)}


_ORDERED = _ordered("abcde") | _ordered("абвгд")


def point_shape_reason(text: str) -> str | None:
    """Which of these shapes ``text`` has (the reason `junk_reason` reports), else None."""
    if _ROADMAP_STEP.match(text):
        return "roadmap"
    if _SAID_THRICE.search(text) or _CAPITALS_NUMBER.search(text):
        return "table pieces"
    if option_run(text):
        return "quiz options"
    if numbered_statement(text):
        return "numbered statement"
    if cut_list_item(text):
        return "list item"
    if repeated_fields(text):
        return "field labels"
    if spec_cells(text):
        return "spec cells"
    return None
