"""Document structure against golden files (#10): small PDFs built here with the shapes real
documents have (two columns, a title in large type, authors, an abstract, numbered headings,
a running header, references, a contents page, a table, a form) and everything the reader
and the extractive engine make of them: title, authors, abstract, outline, the sentences kept
out of summaries with the rule each broke, the summary and the per-section summaries.

A change in any of them fails here with a diff; when the change is intended, rewrite the
files with ``pytest tests/app/test_structure_golden.py --regenerate-golden`` and review
the diff of tests/data/structure in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ingestion import read_pdf
from summarizer.base import SummaryOptions
from summarizer.candidates import junk_reason
from summarizer.engines import input_for
from summarizer.extractive import ExtractiveEngine
from summarizer.gist import document_kind
from tests.conftest import wrap, write_pdf

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "structure"

PROSE = [
    "Harbour walls built of timber decay quickly where fresh and salt water meet.",
    "We surveyed forty piers along the northern coast over three winters.",
    "Piers built on stone footings needed half as many repairs as those on timber piles.",
    "The cost of a repair grew with the age of the pier and the height of the tides.",
    "Harbour boards that inspected their piers every spring spent less on emergency work.",
    "Fishermen reported fewer accidents on piers that had been rebuilt in concrete.",
]
FINDINGS = [
    "Stone footings lasted twice as long as timber piles in every harbour we visited.",
    "Repairs made in spring cost less than the same repairs made after winter storms.",
    "The oldest timber piers were the most expensive to keep open for the fishing fleet.",
]


def _paper(path: Path) -> Path:
    """A two-column paper: title in large type, authors, abstract, numbered sections,
    a running header and a references list."""
    column = 44
    first = [
        "Ada Lovelace, Grace Hopper",
        "Northern Harbour Institute, ada@harbour.example.org",
        "",
        "Abstract",
        *wrap(
            [
                "We compare the upkeep of timber and stone piers along a cold coast and find "
                "that stone footings halve the repairs a pier needs."
            ],
            column,
        ),
        "",
        "1 Introduction",
        *wrap(PROSE[:3], column),
        "",
        "2 Method",
        *wrap(PROSE[3:], column),
    ]
    second = [
        "3 Results",
        *wrap(FINDINGS, column),
        "",
        "4 Conclusions",
        *wrap(
            ["Harbour boards should build new piers on stone and inspect them each spring."], column
        ),
        "",
        "References",
        "[1] A. Smith. Timber in salt water. J. Harb. Eng., 12(3):45-67, 1998.",
        "[2] B. Jones and C. Lee. Stone piers. In Proc. Coastal Works, pp. 1-9, 2004.",
    ]
    return write_pdf(
        path,
        [first, second],
        heading=["Stone and Timber Piers on a Cold Coast"],
        header="Journal of Harbour Works, Vol. 7",
        columns=2,
    )


def _report(path: Path) -> Path:
    """A report: cover, contents page with dot leaders, sections and a table of numbers."""
    body = wrap(PROSE, 88)
    pages = [
        ["Harbour Works Report 2024", "Prepared for the Northern Harbour Board"],
        [
            "Contents",
            "Summary of Findings ............................ 1",
            "Condition of the Piers ......................... 2",
            "Costs ............................................ 4",
        ],
        ["Summary of Findings", *body],
        ["Condition of the Piers", *body],
        [
            "Pier      Built   Footing   Repairs",
            "North 1   1921    timber    14",
            "North 2   1950    stone     6",
            "South 1   1934    timber    11",
            *body[:3],
        ],
        ["Costs", *body],
    ]
    return write_pdf(path, pages, footer_numbers=True)


def _form(path: Path) -> Path:
    """A form: labels and blanks, no running text."""
    pages = [
        [
            "Harbour Berth Application",
            "First Name: ____________ Last Name: ____________",
            "Vessel name: ____________ Length (m): ______",
            "Home port: ____________ Date: __/__/____",
            "[ ] Fishing  [ ] Leisure  [ ] Cargo",
            "Signature: ________________________",
        ]
    ]
    return write_pdf(path, pages)


BUILDERS = {"paper": _paper, "report": _report, "form": _form}


def structure(path: Path) -> dict[str, Any]:
    doc = read_pdf(path)
    item = input_for(doc)  # as the pipeline does: the body less the abstract, the profile
    sents = item.sentences
    summary = ExtractiveEngine().summarize_one(item, SummaryOptions())
    return {
        "title": doc.title,
        "authors": list(doc.authors),
        "abstract": doc.abstract,
        "outline": [[s.level, s.title, s.first_page, s.last_page] for s in doc.outline],
        "kept_out": [[reason, s.text[:70]] for s in sents if (reason := junk_reason(s.text))],
        "kind": document_kind(item),
        "summary": [[p.kind, p.text, list(p.pages)] for p in summary.parts],
        "sections": [[o.title, o.text] for o in summary.outline],
        # Blocks with their roles: page, role, heading level, the first words.
        "blocks": [[b.page, b.role, b.level, b.text[:50]] for b in doc.blocks],
    }


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_structure_matches_its_golden_file(name: str, tmp_path: Path, request) -> None:
    got = structure(BUILDERS[name](tmp_path / f"{name}.pdf"))
    golden = GOLDEN / f"{name}.json"
    if request.config.getoption("--regenerate-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run pytest with --regenerate-golden"
    assert got == json.loads(golden.read_text(encoding="utf-8"))
