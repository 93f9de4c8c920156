"""#19, blind read 7: a title naming its genre in a language that writes no spaces (a Japanese
user manual) names the kind; a line above the title naming the act's kind alone (a decree,
letter-spaced or not) makes the document a law. Each rule catches a built document and passes
a near miss."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.engines import DocInput, Profile
from summarizer.gist import document_kind

PROSE = [
    f"The harbour board shall inspect the timber piles of pier {i} every spring and record "
    "the state of each pile in the register kept at the harbour office."
    for i in range(40)
]


def doc(pages: int = 20, front: tuple[str, ...] = (), **profile: object) -> DocInput:
    sents = tuple(Sentence(t, 1 + i * pages // len(PROSE)) for i, t in enumerate(PROSE))
    lines = tuple(Sentence(t, 1) for t in front)
    return DocInput(
        "k",
        sents,
        pages,
        (),
        Profile(page_count=pages, front=lines, **profile),  # type: ignore[arg-type]
    )


def test_a_genre_word_glued_to_its_neighbours_in_a_spaceless_script_names_the_kind() -> None:
    assert document_kind(doc(title="BXjscls パッケージ ユーザマニュアル")) == "manual"
    assert document_kind(doc(title="港湾管理系统用户手册")) == "manual"
    assert document_kind(doc(title="Руководство пользователя системы")) == "manual"
    # Near misses: the same titles without the genre word are a report.
    assert document_kind(doc(title="BXjscls パッケージ")) == "report"
    assert document_kind(doc(title="港湾管理系统")) == "report"


def test_a_line_above_the_title_naming_the_act_alone_makes_a_law() -> None:
    title = "О порядке присуждения ученых степеней"
    front = ("ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ", "П О С Т А Н О В Л Е Н И Е", "МОСКВА", title)
    assert document_kind(doc(front=front, title=title)) == "law"
    english = ("GOVERNMENT OF THE HARBOUR STATE", "DECREE", "No. 842", "On Pier Inspections")
    assert document_kind(doc(front=english, title="On Pier Inspections")) == "law"
    # Near misses: the act's word inside a line, or below the title, or under a court's caption.
    inside = ("GOVERNMENT OF THE HARBOUR STATE", "Decree on pier inspections follows", title)
    assert document_kind(doc(front=inside, title=title)) == "report"
    below = (title, "ПОСТАНОВЛЕНИЕ")
    assert document_kind(doc(front=below, title=title)) == "report"
    court = ("THE HIGH COURT", "ORDER", "Lee v. Harbour Board", "No. 22-1801")
    assert document_kind(doc(front=court, title="Lee v. Harbour Board")) != "law"
