"""#10: only prose enters a summary; the furniture of real PDFs never does."""

from pathlib import Path

import pytest

from ingestion import document_sentences, read_pdf
from ingestion.document import Sentence
from samples.pdfmaker import write_pdf
from summarizer.base import SummaryOptions
from summarizer.candidates import junk_reason
from summarizer.engines import DocInput, input_for
from summarizer.extractive import ExtractiveEngine
from summarizer.lead_ins import strip_lead_in


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Introduction .......... 4", "too short"),
        ("Proposed Rules Federal Register 47698 Vol.", "heading"),
        ("It had sounded like someone stumbling into a chair, or—", "heading"),
        (
            "Layoff Unknown at this time 09/04/2015 07/10/2015 ProCourier, Inc. Los Angeles 71 "
            "Layoff Unknown at this time",
            "unfinished",
        ),
        (
            "Interpret Bytecodes Monitor Record LIR Trace Execute Compiled Trace Enter Compiled "
            "Trace Compile LIR Trace Leave Compiled Trace loop edge hot loop/exit abort recording.",
            "label run",
        ),
        ("Side rails – See Bed rails and the other chapters of this guide.", "index entry"),
        ("Andreas Gal∗+, Brendan Eich∗, Mike Shaver∗ gal@uci.edu mike@mozilla.com", "not words"),
        (
            "Contact the office at help@example.org for the forms and the instructions.",
            "address or link",
        ),
        (
            "The code is available at github.com/allenai/papermage for everyone to use.",
            "address or link",
        ),
        (
            "[12] A. Gal and M. Franz. Incremental dynamic code generation. In PLDI, 2006.",
            "reference",
        ),
        (
            "In Proceedings of the Third Workshop on Scholarly Document Processing, pages 37–48, "
            "Gyeongju, Republic of Korea.",
            "reference",
        ),
        (
            "Figure 1-2 Existing row and column controls for users with special access.",
            "caption or label",
        ),
        (
            "Keywords JavaScript, just-in-time compilation, trace trees, type specialization.",
            "keywords",
        ),
        (
            "▶ 6a Yourself. If someone can claim you as a dependent, do not check box 6a.",
            "form marks",
        ),
        (
            "Inc. Los Angeles 60 Layoff Permanent 04/18/2016 02/17/2016 Yahoo! Inc. Sunnyvale",
            "label run",
        ),
        (
            "SELECT name, salary FROM employees WHERE department = 'HR' AND salary > 100;",
            "code or formula",
        ),
        (
            "Eine Teilmenge U ⊆ X heißt Umgebung von x, wenn es ein U0 ∈ T gibt mit x ∈ U0.",
            "code or formula",
        ),
        (
            "X ̃ ist einfach zusammenhängend: Es sei x ̃0 := (x0, e) und γ ̃ ein geschlossener Weg.",
            "code or formula",
        ),
        (
            "In einer Ebene ist die Winkelsumme gleich π. α 0 α 00 α β β 0 γ A B C g Abbildung.",
            "code or formula",
        ),
        (
            "and then the system recovers the state quickly as the figure shows.",
            "starts mid-sentence",
        ),
        ("Row and Column Access Control Support in IBM DB2 for i", "heading"),
        ("Geometrie und Topologie der Flächen", "heading"),
        (
            "Table of Contents Chapter One The Beginning Chapter Two The Middle of Things",
            "page furniture",
        ),
        ("word " * 80 + "end.", "too long"),
        ("Here is an example of using the VERIFY_GROUP_FOR_USER function:", "lead-in"),
        ("Securing and protecting IBM DB2 data .", "heading"),  # its dot leader cut
        ("-- Buy a copy of this book:", "lead-in"),  # it announces what follows its colon
        (
            "Free culture : how big media uses technology and the law to lock down culture / "
            "Lawrence Lessig.",
            "page furniture",
        ),
        ("Other Friends, Authority, A Companion And The Final Model Of The Year.", "label run"),
        ("TOTAL REVENUE OPERATING COSTS NET INCOME PER SHARE DILUTED BASIC EARNINGS.", "label run"),
    ],
)
def test_non_prose_is_named_by_its_rule(text: str, reason: str) -> None:
    assert junk_reason(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "The committee approved the budget for next year after a long debate.",
        "LayoutParser (Shen et al., 2021) provides models for visually-rich documents.",
        "Es beinhaltet die Mitschriften aus der Vorlesung von Prof. Dr. Herrlich sowie Übungen.",
        "본 보고서는 정보 검색 시스템의 설계와 구현 및 사용자 피드백을 소개합니다.",
        "本报告介绍了信息检索系统的设计与实现以及用户反馈。",
        "A report creeps into camp that Johnston is coming with fifty thousand men.",
        "Lorem ipsum dolor sit amet, consectetuer adipiscing elit, sed diam nonummy nibh euismod.",
        "Le comité a approuvé le budget de la commune après un long débat au conseil municipal.",
        "Los trabajadores del puerto votaron a favor del acuerdo con la empresa naviera ayer.",
        # Prose in capitals (a telegram, a disclaimer) is prose: its function words tell.
        "I AM PLEASED TO ADVISE YOU THAT I AM ABLE TO DISCERN WHETHER THE DOOR IS OPEN.",
        "The α and β chains of haemoglobin bind oxygen in the lungs and release it in tissue.",
        "He plucked a heavy parchment from a folder before him, harrumphed and read aloud:",
        "Η κυβέρνηση ανακοίνωσε ότι η νέα γέφυρα θα ανοίξει την άνοιξη μετά από δύο χρόνια.",
    ],
)
def test_prose_in_any_language_stays_a_candidate(text: str) -> None:
    assert junk_reason(text) is None


def test_glued_front_matter_and_headings_are_cut_off() -> None:
    glued = (
        "Trace-based Type Specialization Andreas Gal∗ University of California "
        "Abstract—Dynamic languages such as JavaScript are more difficult to compile."
    )
    assert (
        strip_lead_in(glued)
        == "Dynamic languages such as JavaScript are more difficult to compile."
    )
    assert strip_lead_in("1 Introduction The goal of this work is discovery.") == (
        "The goal of this work is discovery."
    )
    assert strip_lead_in("In 2009 the results were good.") == "In 2009 the results were good."
    assert strip_lead_in(
        "1.2 Current state of IBM i security Because of its design, it is safe."
    ) == ("Because of its design, it is safe.")
    assert strip_lead_in("3.5 million people live there and Paris is big.").startswith(
        "3.5 million"
    )


def summarize(texts: list[str], pages: int = 1) -> list[str]:
    sents = tuple(Sentence(t, 1 + i % pages) for i, t in enumerate(texts))
    summary = ExtractiveEngine().summarize_one(DocInput("k", sents, pages), SummaryOptions())
    return [p.text for p in summary.parts]


def test_summaries_take_prose_and_leave_the_furniture() -> None:
    prose = [
        f"The harbour board met in week {i} and agreed to repair the northern pier before winter."
        for i in range(8)
    ]
    furniture = [
        "Contents .......... 3",
        "Annual Report 2024 Harbour Board Northern Pier Committee Minutes Appendix Index",
        "[3] J. Smith. Piers and harbours. In Proc. of Harbour Engineering, 2019, pp. 1-9.",
        "Contact: board@harbour.example.org, www.harbour.example.org",
    ] * 4
    parts = summarize(furniture + prose, pages=4)
    assert parts and all(junk_reason(p) is None for p in parts)


def test_a_document_without_prose_gets_one_honest_line() -> None:
    form = ["First Name", "Last Name", "Birthday", "Gender", "Nationality", "Agree to policy"]
    (line,) = summarize(form, pages=2)
    assert line.startswith("A 2-page document with little running text")
    assert "First Name, Last Name, Birthday" in line


def test_a_form_with_a_few_instructions_is_still_a_form() -> None:
    """Form 1040's "If you have a P.O. box, see instructions." is prose, but a short document
    of labels with a few such lines is a form: it gets the honest line too (#10)."""
    labels = ["Your first name", "Last name", "Home address", "Apt. no.", "City, town", "ZIP"]
    instructions = ["If you have a P.O. box, see instructions in the booklet for this form."]
    (line,) = summarize(labels * 5 + instructions * 2, pages=2)
    assert line.startswith("A 2-page document with little running text")
    # A report with a table in it is no form: its sentences are summarized.
    report = [
        f"The harbour board met in week {i} and agreed to repair the northern pier before winter."
        for i in range(8)
    ]
    parts = summarize(labels * 3 + report, pages=2)
    assert parts and not parts[0].startswith("A 2-page document")


def test_the_reference_list_is_weighed_but_never_picked(tmp_path: Path) -> None:
    """The structure names the reference list (after a "References" heading in the second
    half, up to an appendix); its entries weigh in the ranking but are never picked."""
    prose = [
        f"The harbour board tested pier design {i} and found that stone footings halve repairs."
        for i in range(12)
    ]
    cited = [
        "Stone piers and their footings in cold harbour water over many winters.",
        "Timber piers and their repairs in cold harbour water over twelve hard winters.",
        "A survey of harbour piers, stone footings and the repairs that boards must plan.",
    ]
    appendix = ["The harbour board measured every pier footing twice a year in spring."]
    pages = [prose[:6], prose[6:], ["References", *cited, "Appendix A", *appendix]]
    doc = read_pdf(write_pdf(tmp_path / "piers.pdf", pages), isolate=False)
    sents = document_sentences(doc)

    def role(text: str) -> str:
        return next(s.role for s in sents if s.text.endswith(text))

    assert [role(c) for c in cited] == ["reference"] * 3
    assert role(appendix[0]) == "paragraph" and role(prose[2]) == "paragraph"
    summary = ExtractiveEngine().summarize_one(input_for(doc), SummaryOptions())
    parts = [p.text for p in summary.parts]
    assert parts and not set(parts) & set(cited)


def test_references_early_in_a_document_are_no_reference_list(tmp_path: Path) -> None:
    prose = [f"The harbour board met in week {i} and agreed to mend the pier." for i in range(9)]
    pages = [["References", *prose[:3]], prose[3:6], prose[6:]]
    doc = read_pdf(write_pdf(tmp_path / "early.pdf", pages), isolate=False)
    assert {s.role for s in document_sentences(doc) if s.text in prose[1:-1]} == {"paragraph"}
