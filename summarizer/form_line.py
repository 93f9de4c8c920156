"""What a fill-in form asks for (#19), from its fields (`ingestion.form_fields`), not from the
text around them: "A fill-in form with 8 fields, 2 filled in: First Name; Last Name;
Gender (Female / Male); Nationality (Unknown / German / …)."

A form's printed lines are labels, instructions and codes run together; its fields say what
it records: each field's label (the same label once), a choice field's or a radio group's
choices, and how many fields hold a value. Its main sections are its numbered section lines
on their own lines ("SECTION II: CLAIMANT'S INFORMATION", "Part 3. Income"): a section word,
a number (arabic, roman or a capital letter), a colon or a full stop, then the section's
name, short and without a full stop of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.document import FormField, Sentence

MIN_FIELDS = 3  # fields that make a short document a fill-in form
MAX_SHOWN = 10  # labels named by the line
MAX_CHOICES = 4  # choices named after a label
CHOICE_CHARS = 30  # a longer choice is cut at a word
MIN_SECTIONS = 2  # a form's sections are named where it has at least two
SECTION_WORDS = 8  # a longer line after the number is an instruction, not a section's name
SECTION_LINE = re.compile(
    r"^(?:section|part|sección|seccion|parte|partie|teil|abschnitt|sezione|deel|rozdział)"
    r"\s+([IVX]+|\d{1,2}|[A-Z])\s*[:.]\s+(\S.*)$",
    re.IGNORECASE,
)


def _short(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:(") + " …"


def field_label(field: FormField) -> str:
    """A field's label with its choices ("Gender (Female / Male)"), "" for an unlabelled one."""
    choices = [_short(c, CHOICE_CHARS) for c in field.choices if c]
    if not field.label:
        return ""
    if not choices:
        return field.label
    shown = " / ".join(choices[:MAX_CHOICES]) + (" / …" if len(choices) > MAX_CHOICES else "")
    return f"{field.label} ({shown})"


def _words(text: str) -> str:
    """The text's words in lower case, one space apart and around ("candidate form")."""
    return " " + " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split()) + " "


def form_sections(lines: Sequence[Sentence]) -> list[str]:
    """The form's numbered section lines (see the module docstring), each once, in order, as
    printed ("II CLAIMANT'S INFORMATION"); none where fewer than MIN_SECTIONS."""
    found: dict[str, str] = {}
    for line in lines:
        m = SECTION_LINE.match(line.text.strip())
        name = m.group(2).strip().rstrip(":") if m else ""
        if not m or len(name.split()) > SECTION_WORDS or name.endswith(".") or m.group(1) in found:
            continue
        found[m.group(1)] = f"{m.group(1)} {name}"
    return list(found.values()) if len(found) >= MIN_SECTIONS else []


def form_line(fields: Sequence[FormField], title: str = "", front: Sequence[Sentence] = ()) -> str:
    """The line naming a form's fields (see the module docstring), then its sections from
    its first pages' lines ``front``; "" for fewer than MIN_FIELDS fields. A label the
    ``title`` holds is the title printed over a field, not what the field asks for."""
    if len(fields) < MIN_FIELDS:
        return ""
    sections = form_sections(front)
    after = f" Its sections: {'; '.join(sections)}." if sections else ""
    return _fields_line(fields, title) + after


def _fields_line(fields: Sequence[FormField], title: str) -> str:
    filled = sum(f.filled for f in fields)
    count = f"{len(fields)} fields"
    state = f"{filled} filled in" if filled else "none filled in"
    named = _words(title)
    asked = [f for f in fields if f.label and not (named.strip() and _words(f.label) in named)]
    labels = list(dict.fromkeys(lab for lab in map(field_label, asked) if lab))
    head = f"A fill-in form with {count}, {state}"
    if not labels:
        return head + "."
    shown = labels[:MAX_SHOWN]
    more = len(labels) - len(shown)
    listed = "; ".join(shown) + (f"; and {more} more" if more else "")
    return f"{head}: {listed}."
