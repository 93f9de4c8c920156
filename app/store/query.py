"""What a person types into a search box, as an FTS5 query that is always valid.

Every search (the CLI, the GUI's live search box, anything else) goes through `fts_query`
(#22). Typed text is taken at its word: a run of characters without spaces is one term, and
its words are searched as a phrase, so "COVID-19", "self-employment", "U.S.", "key:value",
"don't", "C++" and "l'idée" find those words in that order. FTS syntax is honoured only where
it is clearly meant:

- ``"double quoted phrases"`` (a quote without its partner is an ordinary character);
- ``OR``, ``AND``, ``NOT`` and ``NEAR`` (or ``NEAR/N``) written in capitals *between* two
  terms (so "OR gate" and "NOT guilty" are words);
- a trailing ``*`` on a term (prefix search).

Everything else is escaped by quoting: parentheses, ``:``, ``^``, ``-`` and ``+`` mean nothing
to the index. Characters that can be no part of a word (control characters, lone surrogates,
which SQLite cannot even encode) are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

OPERATORS = ("OR", "AND", "NOT")
_NEAR = re.compile(r"NEAR(?:/(\d{1,3}))?")
# A balanced "phrase" (with an optional prefix star), a run without spaces or quotes, or a
# lone quote (an unbalanced one: just a character).
_PIECE = re.compile(r'"([^"]*)"(\*?)|[^\s"]+|"')
_SURROGATE_OR_CONTROL = re.compile("[\ud800-\udfff\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class _Term:
    text: str  # the quoted FTS5 phrase, prefix star included


def is_token_char(ch: str) -> bool:
    """Whether FTS5's unicode61 tokenizer keeps ``ch`` in a word (letters, numbers, and
    private-use characters); everything else separates words."""
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat == "Co"


def has_words(text: str) -> bool:
    return any(is_token_char(ch) for ch in text)


def clean(query: str) -> str:
    """``query`` without lone surrogates and control characters (each becomes a space)."""
    return _SURROGATE_OR_CONTROL.sub(" ", query)


def _term(body: str, prefix: bool) -> _Term | None:
    if not has_words(body):
        return None
    if prefix and not is_token_char(body.rstrip()[-1]):
        prefix = False  # "x-*": nothing to complete
    return _Term(f'"{body}"' + ("*" if prefix else ""))


def _pieces(query: str) -> list[_Term | str]:
    """Terms, and the operator words that may turn out to be operators."""
    out: list[_Term | str] = []
    for m in _PIECE.finditer(query):
        if m.group(1) is not None:  # a balanced "phrase"
            term = _term(m.group(1), bool(m.group(2)))
        else:
            raw = m.group(0)
            if raw in OPERATORS or _NEAR.fullmatch(raw):
                out.append(raw)
                continue
            body = raw.rstrip("*")
            term = _term(body, prefix=body != raw) if body else None
        if term is not None:
            out.append(term)
    return out


def _as_word(raw: str) -> _Term:
    return _Term(f'"{raw}"')


def fts_query(query: str) -> str:
    """The FTS5 query for what a person typed: '' when it holds no word to search for.

    An operator word counts as an operator only with a term on each side; otherwise it is
    searched as the word it is.
    """
    pieces = _pieces(clean(query))
    terms: list[_Term | str] = []  # terms, and operators known to sit between two terms
    for i, piece in enumerate(pieces):
        if isinstance(piece, _Term):
            terms.append(piece)
            continue
        before = bool(terms) and isinstance(terms[-1], _Term)
        after = i + 1 < len(pieces) and isinstance(pieces[i + 1], _Term)
        terms.append(piece if before and after else _as_word(piece))
    parts: list[str] = []
    i = 0
    while i < len(terms):
        item = terms[i]
        if isinstance(item, str) and _NEAR.fullmatch(item):
            # "a NEAR b NEAR/5 c" -> NEAR("a" "b" "c", 5): the group takes the last distance.
            group = [parts.pop()]
            distance = ""
            while i < len(terms) and isinstance(terms[i], str):
                near = _NEAR.fullmatch(str(terms[i]))
                if near is None:
                    break
                distance = near.group(1) or distance
                group.append(_text(terms[i + 1]))
                i += 2
            parts.append(f"NEAR({' '.join(group)}{', ' + distance if distance else ''})")
            continue
        parts.append(_text(item))
        i += 1
    return " ".join(parts)


def _text(item: _Term | str) -> str:
    return item.text if isinstance(item, _Term) else item
