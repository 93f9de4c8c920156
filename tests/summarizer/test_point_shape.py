"""#19: key points of running prose. Shapes that are no key point (a numbered statement with
its math set-up, a cut list item, fields of a reference page, a specification's cells, a
roadmap step), each with a line it must catch and a near-miss it must pass; and in long
documents a chapter's overview before context-bound sentences and set-ups."""

from __future__ import annotations

import pytest

from ingestion.document import Section
from summarizer.candidates import junk_reason
from summarizer.lead_ins import strip_lead_in
from summarizer.long_prior import (
    CONTEXT_WEIGHT,
    LONG_PAGES,
    OPENING_WEIGHT,
    SETUP_WEIGHT,
    context_bound,
    long_document_prior,
    math_setup,
)
from summarizer.point_shape import label_runs, option_letter_runs, option_run
from summarizer.preference import EARLY_CLAIM_WEIGHT, FINDING_WEIGHT, key_point_prior

SHAPES = [
    # (reason, a line it must catch, a near-miss it must pass)
    (
        "numbered statement",
        "Bemerkung 8 Seien X, Y topologische Räume und f : X → Y eine Abbildung.",
        "Windows 10 brings a new start menu and a faster browser to every office.",
    ),
    (
        "numbered statement",
        "Theorem 2.1 (Packing bound) Every instance I has a packing of all but k items.",
        "Chapter 2 of the guide walks the reader through the first installation.",
    ),
    (
        "numbered statement",
        "3) Ist X diskreter topologischer Raum, so ist jede Abbildung stetig.",
        "1) DL models are trained on large corpora that nobody has read in full.",
    ),
    (
        "numbered statement",
        "Let R[i] be the number of items of color i in the list.",
        "Let us consider the case of a very large repository with many users.",
    ),
    (
        "numbered statement",
        "Proof: By the lemma above the packing is feasible for every disk.",
        "Proof of identity is required before the card can be issued to anyone.",
    ),
    (
        "list item",
        "(1) AT-RISK COMMUNITY.—The term community means an area— (A) that is comprised of—",
        "(b) RELATION TO PLANS.—A project shall be conducted consistent with the plan.",
    ),
    (
        "list item",
        "(C) watershed-scale forest management activities and conservation planning;",
        "(C) The Secretary shall publish the plan in the Federal Register each year.",
    ),
    (
        "list item",
        "—a heavy disk is assigned either zero or all items in a small color, and",
        "— The heavy disks are filled first, then the light ones in their turn.",
    ),
    (
        "field labels",
        "Return type: int x X-coordinate of top-left corner Return type: int y Y-coordinate",
        "Project Manager: Let me see Industrial Designer: Right Project Manager: we have got "
        "forty minutes",
    ),
    (
        "spec cells",
        "Kapazität 3.000 mAh Stand-by-Zeit 2G: Bis zu 548 Std.",
        "Der Akku hält bis zu 548 Stunden im Stand-by und lädt in einer Stunde.",
    ),
    (
        "spec cells",
        "Sprechzeit (Netzversorgung abhängig) 2G: Bis zu 1140 min.",
        "The trial ran as follows: patients were treated for 12 weeks.",
    ),
    (
        "spec cells",
        "Akku: 3.000 mAh Gewicht: 149 g Display: 5,5 Zoll",
        "Lynne Neagle AM: Item 3, then.",
    ),
    (
        "roadmap",
        "Then, we discuss how we extract metadata associated with a paper such as authors.",
        "Then the storm turned north and reached the coast two days later.",
    ),
    (
        "roadmap",
        "In the previous section, we described how we populate the backbone of the graph.",
        "In the previous season, the club won the cup for the third time in a row.",
    ),
    (
        "table pieces",
        "New New New HCV RNA testing – Detection of viraemic HCV infection follows here.",
        "Well I think the the the goal of a remote is that it is easy to use for all.",
    ),
    (
        "table pieces",
        "DECENTRALIZATION AND INTEGRATION 5.1 Recommendations: decentralized HCV testing.",
        "The NASA 2.0 Program was launched in the year after the first review.",
    ),
    (
        "quiz options",
        "Which of these cities is the capital of France? a) Paris b) Rome c) Madrid d) Berlin",
        "We consider three cases: a) the disk is full and takes no more items, b) the disk is "
        "empty and idle, c) the disk is partly filled.",
    ),
    (
        "acknowledgements",
        "Vielen Dank auch an Frau Lenz, die es mir erlaubt hat, ihre Aufgaben zu benutzen.",
        "Vielen Menschen ist der Unterschied zwischen den beiden Räumen nicht klar.",
    ),
]


@pytest.mark.parametrize(("reason", "junk", "prose"), SHAPES)
def test_each_shape_catches_its_line_and_passes_a_near_miss(
    reason: str, junk: str, prose: str
) -> None:
    assert junk_reason(junk) == reason
    assert junk_reason(prose) is None


def test_a_sentence_that_needs_the_one_before_is_context_bound() -> None:
    assert context_bound("So Harry asks his client to merge any new changes into his copy.")
    assert context_bound("Thus S′ satisfies both properties of the packing.")
    assert context_bound("In this way, the client learns of every change made on the server.")
    assert context_bound("The second packing satisfies both properties above.")
    assert not context_bound("Subversion clients use URLs to name versioned files.")
    assert not context_bound("This chapter is a short introduction to version control.")
    # Near miss: "Next"/"Now" before a plain noun phrase is no narrative step.
    assert not context_bound("Next generation networks use a new protocol.")


def test_a_line_dense_with_variables_is_a_set_up() -> None:
    assert math_setup("If there is a disk d with m < k colors, then X holds.")
    assert not math_setup("A disk with fewer colors than its capacity is never full.")
    # One variable and a math sign: a proof's step.
    assert math_setup("If a load-saturated disk dj has mj < k colors, then all items are packed.")
    assert not math_setup("Type A disks hold fewer colors than their capacity allows.")


def _book(pages: int) -> tuple[list[str], list[int], list[Section], list[str]]:
    texts = [
        "This chapter is a short introduction to version control and its main ideas.",
        "So Harry asks his client to merge the new changes into his working copy.",
        "A repository keeps every version of every file that was ever committed.",
        "If X holds for disk d and color c, the packing is feasible.",
    ]
    outline = [Section(0, f"Chapter {n}", n, n) for n in (1, 2, 3)]
    sections = ["Chapter 1", "Chapter 1", "Chapter 1", "Chapter 1"]
    return texts, [1, pages // 2, pages - 1, pages], outline, sections


def test_a_long_book_prefers_a_chapters_opening_over_context_bound_and_set_up() -> None:
    texts, pages, outline, sections = _book(LONG_PAGES * 4)
    prior = long_document_prior(texts, pages, outline, sections)
    assert prior[0] == OPENING_WEIGHT
    assert prior[1] == OPENING_WEIGHT * CONTEXT_WEIGHT
    assert prior[2] == OPENING_WEIGHT
    assert prior[3] == SETUP_WEIGHT  # the fourth sentence of its chapter: no opening
    assert key_point_prior(texts, pages, outline, sections)[1] < prior[0]


def test_short_texts_keep_their_weights() -> None:
    """News opens with "So …" or a line of figures often enough: no weights under LONG_PAGES."""
    texts, _, outline, sections = _book(LONG_PAGES * 4)
    short_pages = [1, 1, 2, 2]
    assert long_document_prior(texts, short_pages, outline, sections) == [1.0] * 4


def test_a_run_of_lines_opened_by_capitals_labels_is_no_key_point() -> None:
    lines = [
        "USAGE VARCHAR(7) Usage setting:",
        "ALLOWED: The user profile is allowed to use the function.",
        "DENIED: The user profile is not allowed to use the function.",
        "USER: The user profile is a user.",
        "The function usage is checked before every query that the user runs.",
        "SUMMARY: The agency proposes to amend the rule for all operators.",
    ]
    assert label_runs(lines) == {1, 2, 3}
    speakers = ["Grad A: So we start.", "Grad B: Yes we do.", "Grad A: Then the digits."]
    assert label_runs(speakers) == set()


def test_a_dingbat_inside_the_line_and_a_question_label_at_its_end_are_cut() -> None:
    line = "Alcaloses (non incluses dans le programme) Ê Savoir définir l’alcalose et son type."
    assert strip_lead_in(line) == "Savoir définir l’alcalose et son type."
    asked = "Le pH urinaire permet de définir si la réponse rénale est adaptée ou non ` Q2."
    assert (
        strip_lead_in(asked)
        == "Le pH urinaire permet de définir si la réponse rénale est adaptée ou non."
    )
    plain = "Le Québec (Canada) Énergie produit plus de courant que la province ne consomme."
    assert strip_lead_in(plain) == plain


def test_a_claim_on_a_papers_first_pages_weighs_most() -> None:
    texts = [
        "We show that the algorithm packs every item of the instance.",
        "We show that the bound holds for every instance of the problem.",
        "(In Subsection 1.3 we will indicate how such systems arise.)",
        "The disks are identical in a homogeneous storage system.",
    ]
    pages = [1, LONG_PAGES, 2, 2]
    prior = key_point_prior(texts, pages, [], ["", "", "", ""])
    assert prior[0] == pytest.approx(FINDING_WEIGHT * EARLY_CLAIM_WEIGHT)
    assert prior[1] == pytest.approx(FINDING_WEIGHT)  # a claim further on
    assert prior[2] <= FINDING_WEIGHT  # an aside in brackets is no claim up front
    assert prior[3] == 1.0
    # A text of one or two pages: all of it is up front, no claim weighs more.
    assert key_point_prior(texts[:1], [1], [], [""])[0] == pytest.approx(FINDING_WEIGHT)


def test_quiz_options_in_another_alphabet_are_an_option_run() -> None:
    assert option_run("Какой из этих городов является столицей? а) Москва б) Киев в) Минск")
    assert not option_run(
        "Алгоритм делает три шага: а) выбирает лучший признак для разбиения, б) делит "
        "выборку на две части, в) строит оба поддерева рекурсивно."
    )


def test_a_court_opinions_opening_and_closing_pages_weigh_more() -> None:
    from summarizer.preference import ENDS_WEIGHT, ends_prior

    pages = [1, 2, 5, 10, 15, 19, 20]
    assert ends_prior(pages) == [ENDS_WEIGHT, ENDS_WEIGHT, 1.0, 1.0, 1.0, ENDS_WEIGHT, ENDS_WEIGHT]
    # Near miss: a two-page order has no middle to weigh against.
    assert ends_prior([1, 1, 2]) == [1.0, 1.0, 1.0]


def test_a_run_of_sentences_cut_at_capital_option_letters_is_a_quiz() -> None:
    # A quiz whose options "A." … "E." the splitter cut into sentences ending in the letters.
    quiz = [
        "Which of these statements about the tides is true?",
        "A.",
        "A spring tide follows the full moon B. A neap tide is the highest of the month C.",
        "The harbour drains at every low tide D.",
        "The pier floods twice a day E. The tide tables are printed yearly.",
        "The board met again in the spring to discuss the northern pier.",
    ]
    assert option_letter_runs(quiz) == {1, 2, 3, 4}
    # A single sentence ending in a letter passes, and so do appendix labels after a
    # capitalised word or a page number, and initials among initials.
    prose = [
        "Patients low in sunlight were given vitamin D.",
        "The dose was doubled in winter for all patients in the north.",
        "See Web Annex A. Tide tables, Web Annex B. Charts and Web Annex C. Surveys.",
        "Appendix A. Piers ........ 405 B. Tides ........ 415 C. Charts",
        "The survey was led by A. B. Lee and C. D. Marsh of the harbour board.",
    ]
    assert option_letter_runs(prose) == set()
