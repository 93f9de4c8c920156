"""A credits page (#19): a page of roles, each with its names, told in one line by format.

- A **role** is one short token closed by a colon (":" or the full-width "："), with names
  after it before the next role: "Editor: Jane Doe", "主编: 贾益民". A colon with nothing
  after it before the next one ("Name: Date:"), or a blank to fill in ("Date: ____", "[ ]"),
  is a form's caption, not a role.
- A **credits page** is a short document (at most CREDITS_PAGES pages) with at least
  MIN_ROLES roles and almost no sentences: at most MAX_SENTENCE_ENDS full stops closing a
  word, and short runs of names (at most NAME_TOKENS tokens on average between roles).
Its summary is one line naming each role with its first names ("监制: 中华人民共和国国务院
侨务办公室; 监制人: 刘泽彭; 顾问: 杨启光 陈光磊 …"): a role's names are cut after NAME_CHARS
characters at a space, and a parenthesised note after the role ("(按姓氏笔画排列)") is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingestion.document import Sentence

CREDITS_PAGES = 2
MIN_ROLES = 4
MAX_SENTENCE_ENDS = 1
NAME_TOKENS = 12  # tokens of names after a role, on average
MAX_SHOWN = 10
NAME_CHARS = 24  # characters of a role's names shown before "…"
_BLANK = re.compile(r"_{3,}|\[ \]")  # a form's blank to fill in, a box to tick
_NOTE = re.compile(r"^[(（][^)）]*[)）]\s*")
_ROLE = re.compile(r"(?<![^\s(（])([^\W\d_][^\s:：()（）]{0,15})\s?[:：](?!/)\s*")
_SENTENCE_END = re.compile(r"[^\W\d_]{2,}[.!?。！？](?:\s|$)")


def named_roles(sentences: Sequence[Sentence]) -> list[tuple[str, str]]:
    """The page's roles, in order, each once, with the names after its first mention
    ([] where a role has nothing after it)."""
    text = " ".join(" ".join(s.text.split()) for s in sentences)
    found = list(_ROLE.finditer(text))
    out: dict[str, str] = {}
    ends: list[re.Match[str] | None] = [*found[1:], None] if found else []
    for m, after in zip(found, ends, strict=True):
        names = text[m.end() : after.start() if after else len(text)].strip()
        if not names or _BLANK.search(names):
            return []  # a caption with nothing or a blank after it: a form's label
        out.setdefault(m.group(1), _NOTE.sub("", names).strip() or names)
    return list(out.items())


def roles(sentences: Sequence[Sentence]) -> list[str]:
    """The page's roles, in order, each once, where each has names after it ([] otherwise)."""
    return [role for role, _ in named_roles(sentences)]


def _first_names(names: str) -> str:
    """``names`` cut after NAME_CHARS characters at a space, "…" marking the cut."""
    if len(names) <= NAME_CHARS:
        return names
    cut = names.rfind(" ", 0, NAME_CHARS + 1)
    return (names[:cut] if cut > 0 else names[:NAME_CHARS]).rstrip(" ,;") + " …"


def credits_page(sentences: Sequence[Sentence], pages: int) -> bool:
    """Whether the document is a credits page (see the module docstring)."""
    if pages > CREDITS_PAGES or not sentences:
        return False
    found = roles(sentences)
    if len(found) < MIN_ROLES:
        return False
    text = " ".join(s.text for s in sentences)
    if len(_SENTENCE_END.findall(text)) > MAX_SENTENCE_ENDS:
        return False
    tokens = len(text.split()) - len(found)
    return tokens <= NAME_TOKENS * len(found)


def credits_line(sentences: Sequence[Sentence]) -> str:
    """ "Its roles and names: A: x, y; B: z; …" for a credits page."""
    found = named_roles(sentences)
    more = f"; and {len(found) - MAX_SHOWN} more roles" if len(found) > MAX_SHOWN else ""
    said = "; ".join(f"{role}: {_first_names(names)}" for role, names in found[:MAX_SHOWN])
    return f"Its roles and names: {said}{more}."


def holds_role(text: str) -> bool:
    """Whether ``text`` names a role ("主编: 贾益民"): a credits page's first line is no title."""
    return bool(_ROLE.search(text))
