"""Chinese, Japanese and Korean text for full-text search.

FTS5's unicode61 tokenizer keeps a run of CJK characters as one token, so a word inside a
longer run (a sentence written without spaces) is never found. A second index holds every
such run as overlapping character pairs ("信息检索" -> "信息 息检 检索"); a query run becomes the
phrase of its pairs, which matches wherever the run stands, inside any longer text.
"""

from __future__ import annotations

import re

from app.store.records import SNIPPET_CLOSE, SNIPPET_OPEN

# Han (with extensions and compatibility), kana, Hangul syllables and jamo.
CJK_RUN = re.compile(
    "[\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\u1100-\u11ff\u3130-\u318f\uf900-\ufaff\U00020000-\U0002fa1f]+"
)


def has_cjk(text: str) -> bool:
    return CJK_RUN.search(text) is not None


def bigrams(run: str) -> list[str]:
    """Overlapping pairs of one run; a single character stands alone."""
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text: str) -> str:
    """The CJK runs of ``text`` as space-separated pairs ('' when it has none)."""
    return " ".join(" ".join(bigrams(run)) for run in CJK_RUN.findall(text))


def match_query(query: str) -> str:
    """An FTS5 query for the CJK runs of a typed query: every run must occur ('' if none)."""
    parts = []
    for run in CJK_RUN.findall(query):
        if len(run) == 1:
            parts.append(f'"{run}"*')  # a pair starting with it, or the lone character
        else:
            parts.append('"' + " ".join(bigrams(run)) + '"')
    return " AND ".join(parts)


def snippet(text: str, query: str, width: int = 40) -> str:
    """The first place a query run occurs in ``text``, marked like FTS5 snippets."""
    runs: list[str] = CJK_RUN.findall(query)
    for run in runs:
        at = text.find(run)
        if at >= 0:
            start, end = max(0, at - width), min(len(text), at + len(run) + width)
            return (
                ("…" if start else "")
                + text[start:at]
                + SNIPPET_OPEN
                + run
                + SNIPPET_CLOSE
                + text[at + len(run) : end]
                + ("…" if end < len(text) else "")
            )
    return text[: 2 * width]
