"""#19: a sentence that recurs on many pages, wherever it stands, is page furniture (the rule
of running lines); one said on two pages is still the text's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingestion import read_pdf
from ingestion.sentences import document_sentences

NOTICE = "The harbour office is not responsible for the content of other sites."
TWICE = "The pier was mended in stone after the storm of that winter."


def test_a_sentence_on_many_pages_is_furniture(make_pages_pdf: Callable[..., Path]) -> None:
    pages = []
    for n in range(5):
        body = [
            f"Boats of the {word} fleet came into the harbour on the morning tide."
            for word in ("north", "south", "east", "west", "old")[n : n + 2]
        ]
        pages.append([*body, "", NOTICE, "", TWICE if n < 2 else body[0].replace("Boats", "Ships")])
    doc = read_pdf(make_pages_pdf("notice.pdf", pages), isolate=False)
    roles: dict[str, set[str]] = {}
    for s in document_sentences(doc):
        roles.setdefault(s.text, set()).add(s.role)
    assert roles[NOTICE] == {"page furniture"}
    assert roles[TWICE] == {"paragraph"}


def test_a_colon_before_a_list_is_a_lead_in(make_pages_pdf: Callable[..., Path]) -> None:
    lead = "If you are new to the harbour and its rules, we suggest:"
    told = "The keeper told the boatmen what he had seen:"
    lines = [
        "The harbour opened in spring after the storms had passed over the coast.",
        "",
        lead,
        "- Read the rules of the harbour before the first trip out.",
        "- Ask the keeper where the boats may be moored overnight.",
        "",
        told,
        "",
        "The boats of the northern fleet were coming home on the tide.",
    ]
    doc = read_pdf(make_pages_pdf("lead.pdf", [lines]), isolate=False)
    roles = {s.text: s.role for s in document_sentences(doc)}
    assert roles[lead] == "lead-in"
    # a colon before a quotation or a paragraph: the sentence stays (here with what follows)
    assert {r for t, r in roles.items() if t.startswith(told)} == {"paragraph"}
