"""How a start-anchored pattern may open, read from its parse: a test before the rules (#19's
speed pass).

Grouping a page's lines and naming its blocks ask every line a dozen patterns anchored at its
start ("References", "3.1 Mining rules", a page number, a caption, a bullet), and most lines
are prose that none of them matches. `opening` reads each pattern's parse (`re._parser`) for
the characters its match may open with, up to OPENING characters, and compiles those openings,
with the pattern's own flags, into one pattern: a line none of them opens cannot match any of
the patterns, so none need run. What the parse cannot be read for (a lookaround, a back
reference, a group with flags of its own, a pattern that may match nothing) opens on anything.
Answers are remembered by a line's first characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

OPENING = 3  # characters read: the first three tell most prose from every rule here
REMEMBERED = 1 << 16  # openings remembered at most (then forgotten at once)

_Item = tuple[Any, Any]  # an (opcode, argument) of a parse that reads one character
_Openings = set[tuple[_Item, ...]]  # each up to OPENING items; shorter: the match may end


class _Unread(Exception):
    """A parse element whose openings are not read here."""


def _joined(heads: _Openings, tails: _Openings) -> _Openings:
    """Every opening of a head followed by a tail, up to OPENING items."""
    return {h if len(h) >= OPENING else (h + t)[:OPENING] for h in heads for t in tails}


def _openings(items: Iterable[_Item]) -> _Openings:
    """The openings of a parse's sequence of elements."""
    from re import _constants as sre  # type: ignore[attr-defined]

    found: _Openings = {()}
    for op, av in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY):
            each: _Openings = {((op, av),)}
        elif op is sre.IN:
            each = {((op, tuple(av)),)}  # a set's items, hashable
        elif op is sre.AT:
            continue  # zero-width: an opening that ignores it opens at least as much
        elif op is sre.BRANCH:
            each = set().union(*(_openings(branch) for branch in av[1]))
        elif op is sre.SUBPATTERN:
            if av[1] or av[2]:
                raise _Unread(op)  # flags of its own
            each = _openings(av[3])
        elif op is sre.ATOMIC_GROUP:
            each = _openings(av)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, inner = av
            once = _openings(inner)
            each = set()
            for times in range(min(low, OPENING), min(high, OPENING) + 1):
                repeated: _Openings = {()}
                for _ in range(times):
                    repeated = _joined(repeated, once)
                each |= repeated
        else:
            raise _Unread(op)
        found = _joined(found, each)
        if all(len(opening) >= OPENING for opening in found):
            break
    return found


def _opening_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """One pattern matching the start of every text that ``pattern`` may match at its start;
    None where the parse cannot be read or the pattern may match an empty text (and where
    Python's parser is not the one read here: then every line opens, as before the test)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]
        from re import _constants as sre  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        found = _openings(parsed.data)
        if () in found:
            return None
        state = parsed.state
        branches = [
            _parser.SubPattern(
                state, [(op, list(av) if op is sre.IN else av) for op, av in opening]
            )
            for opening in sorted(found, key=repr)
        ]
        whole = _parser.SubPattern(state, [(sre.BRANCH, (None, branches))])
        compiled: re.Pattern[str] = _compiler.compile(whole, pattern.flags)
    except (_Unread, ImportError, AttributeError, TypeError, ValueError, re.error):
        return None
    return compiled


class Opening(dict[str, bool]):
    """Whether any of the patterns may match a text opening with the key's characters (the
    text's first OPENING): False only where none of them can match it at its start (see the
    module docstring). Hot loops look a text up as ``opening[text[:OPENING]]`` (no call), else
    ``opening(text)``. The openings are read at the first look-up (an import stays quick)."""

    def __init__(self, *patterns: re.Pattern[str]) -> None:
        super().__init__()
        self.patterns = patterns
        self.tests: list[Callable[[str], object]] = []

    def __missing__(self, start: str) -> bool:
        if not self.tests:
            openers = [_opening_pattern(p) for p in self.patterns]
            self.tests = (
                [lambda text: True]
                if any(o is None for o in openers)
                else [o.match for o in openers if o is not None]
            )
        if len(self) >= REMEMBERED:
            self.clear()
        found = self[start] = any(test(start) for test in self.tests)
        return found

    def __call__(self, text: str) -> bool:
        return self[text[:OPENING]]


def opening(*patterns: re.Pattern[str]) -> Opening:
    """An `Opening` for ``patterns``."""
    return Opening(*patterns)
