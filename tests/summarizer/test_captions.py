"""#19: a letter's subject line and a court's caption, read by the format of the genre."""

from __future__ import annotations

from ingestion.document import Sentence
from ingestion.sentences import split_sentences
from summarizer.base import SummaryOptions
from summarizer.engines import DocInput, Profile
from summarizer.extractive import ExtractiveEngine
from summarizer.gist import document_kind, gist_line

BODY = [
    f"The harbour board sampled the timber piles of pier {i} and weighed each core in the lab."
    for i in range(12)
]


def _item(front: list[tuple[str, int]], title: str, pages: int = 2, body=BODY) -> DocInput:
    lines = tuple(Sentence(t, page, "paragraph") for t, page in front)
    sents = (*lines, *(Sentence(t, 1 + i * pages // len(body)) for i, t in enumerate(body)))
    profile = Profile(title=title, page_count=pages, front=lines)
    return DocInput("k", sents, pages, (), profile)


def test_a_letters_title_is_its_subject_line_not_the_address_block() -> None:
    front = [
        ("Ms. Ann Lee", 1),
        ("Clerk of the Harbour Board", 1),
        ("Re: Lee v. Harbour Board, No. 22-1801 (Arg. & Sub. – Jan. 12, 2023).", 1),
        ("Dear Ms. Lee,", 1),
    ]
    letter = _item(front, "Ms. Ann Lee")
    assert document_kind(letter) == "letter"
    assert gist_line(letter) == "A 2-page letter about “Lee v. Harbour Board, No. 22-1801”."
    # Near misses: no colon after the word, a subject line on a later page.
    for missed in ("Regarding the piers we met about", "Re: the piers"):
        page = 1 if missed.startswith("Regarding") else 2
        other = _item([("Ms. Ann Lee", 1), (missed, page), ("Dear Ms. Lee,", 1)], "Ms. Ann Lee")
        assert gist_line(other) == "A 2-page letter, “Ms. Ann Lee”."


def test_a_letter_says_why_it_was_sent_without_its_greeting() -> None:
    why = "Dear Ms. Lee, Bo Chan submits this letter under Rule 28 to answer the board's notice."
    letter = _item([("Re: Pier 4", 1), ("Dear Ms. Lee,", 1)], "Pier 4", body=[*BODY[:3], why])
    parts = ExtractiveEngine().summarize_one(letter, SummaryOptions()).parts
    about = next(p for p in parts if p.kind == "about")
    assert about.text == "Bo Chan submits this letter under Rule 28 to answer the board's notice."


def test_a_court_opinion_is_known_by_its_caption_and_titled_by_its_parties() -> None:
    caption = [("SUPREME COURT OF THE HARBOUR STATES", 1), ("No. 11–889. Argued April 2013", 1)]
    opinion = _item(caption, "HARBOUR WATER DISTRICT v. LEE", pages=30)
    assert document_kind(opinion) == "court opinion"
    assert gist_line(opinion) == "A 30-page court opinion, “Harbour Water District v. Lee” (2013)."
    between = (
        "THE HIGH COURT 326 & 327/00 Between: ANN LEE A MINOR SUING BY HER MOTHER Plaintiff/"
        "Respondent and THE HARBOUR BOARD, IRELAND AND THE ATTORNEY GENERAL Defendants"
    )
    cited = _item([(between, 1)], "[2001] IEHC 63", pages=1)
    assert gist_line(cited) == "A one-page court opinion, “Ann Lee v. The Harbour Board” (2001)."
    # Near misses: a court's name with neither docket nor parties; a docket with no court.
    assert document_kind(_item([("Court records of the harbour", 1)], "Piers", 30)) == "report"
    assert document_kind(_item([("No. 11–889", 1)], "Piers", pages=30)) == "report"


def test_a_stop_inside_a_bracket_that_soon_closes_ends_no_sentence() -> None:
    text = "The letter answers Lee v. Board (1st Cir. Jan. 9, 2023). The board agreed."
    assert split_sentences(text) == [
        "The letter answers Lee v. Board (1st Cir. Jan. 9, 2023).",
        "The board agreed.",
    ]
    closed = "The board met (in May). The pier fell."
    assert split_sentences(closed) == ["The board met (in May).", "The pier fell."]
