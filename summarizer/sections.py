"""Top-level sections of long documents, for outline summaries (#10).

A document of at least ``OUTLINE_MIN_PAGES`` pages whose outline has two or more top-level
sections is summarized section by section; each section gets the sentences from its heading
to the next section's heading.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingestion.document import Section, Sentence

OUTLINE_MIN_PAGES = 10
MAX_OUTLINE_SECTIONS = 40
SECTION_WORDS = 45  # one or two sentences per section


def _heading_words(title: str) -> str:
    words = title.lower().split()
    if len(words) > 1 and any(ch.isdigit() for ch in words[0]):
        words = words[1:]  # "9. Conclusions": the number may sit in a sentence of its own
    return " ".join(words)


def without_heading(text: str, title: str) -> str:
    """A section summary without its own heading glued to the front ("Conclusions This…").
    A sentence whose subject is the heading's words ("The northern pier cracked…") keeps
    them: the heading is glued on only when a capitalised sentence start follows it."""
    heading = _heading_words(title)
    for lead in (" ".join(title.split()), heading):
        if lead and text.lower().startswith(lead.lower() + " "):
            rest = text[len(lead) + 1 :]
            if rest[:1].isupper() or rest[:1].isdigit():
                return rest
    return text


def sections_of(
    sentences: Sequence[Sentence], outline: Sequence[Section], pages_with_text: int
) -> list[tuple[Section, list[Sentence]]]:
    """The top-level sections of a long document with an outline, each with its sentences;
    [] for short documents and those without at least two top-level sections."""
    if not outline:
        return []
    top = min(s.level for s in outline)
    sections = [s for s in outline if s.level == top][:MAX_OUTLINE_SECTIONS]
    pages = max(pages_with_text, max((s.page for s in sentences), default=0))
    if len(sections) < 2 or pages < OUTLINE_MIN_PAGES:
        return []
    starts = [_section_start(sentences, sec) for sec in sections]
    out = []
    for i, section in enumerate(sections):
        end = next((x for x in starts[i + 1 :] if x > starts[i]), len(sentences))
        inside = [s for s in sentences[starts[i] : end] if s.page <= section.last_page]
        out.append((section, inside))
    return out


def _section_start(sentences: Sequence[Sentence], section: Section) -> int:
    """Index of the sentence where ``section`` begins: the one holding its heading on its
    first page, else the first sentence of that page (sections can share a page)."""
    first = next(
        (i for i, s in enumerate(sentences) if s.page >= section.first_page), len(sentences)
    )
    heading = _heading_words(section.title)
    for i in range(first, len(sentences)):
        if sentences[i].page > section.first_page:
            break
        if heading in " ".join(sentences[i].text.split()).lower():
            return i
    return first
