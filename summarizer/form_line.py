"""What a fill-in form asks for (#19), from its fields (`ingestion.form_fields`), not from the
text around them: "A fill-in form with 8 fields, 2 filled in: First Name; Last Name;
Gender (Female / Male); Nationality (Unknown / German / …)."

A form's printed lines are labels, instructions and codes run together; its fields say what
it records: each field's label (the same label once), a choice field's or a radio group's
choices, and how many fields hold a value.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingestion.document import FormField

MIN_FIELDS = 3  # fields that make a short document a fill-in form
MAX_SHOWN = 10  # labels named by the line
MAX_CHOICES = 4  # choices named after a label
CHOICE_CHARS = 30  # a longer choice is cut at a word


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


def form_line(fields: Sequence[FormField], title: str = "") -> str:
    """The line naming a form's fields (see the module docstring); "" for fewer than
    MIN_FIELDS fields. A label the ``title`` holds is the title printed over a field, not
    what the field asks for."""
    if len(fields) < MIN_FIELDS:
        return ""
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
