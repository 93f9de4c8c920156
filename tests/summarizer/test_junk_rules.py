"""#19: each junk class real PDFs put in summaries, caught by a rule of the format; each rule
has a line it must catch and a line of prose it must pass."""

from __future__ import annotations

import pytest

from ingestion.clean import normalize
from summarizer.candidates import junk_reason
from summarizer.lead_ins import strip_lead_in
from summarizer.no_prose import no_prose_line

RULES = [
    (
        "contents entry",
        "8 4 Class options of the package 9 4.1 Options of the harbour classes only .",
        "The class options of version 4.1 are listed in the harbour manual's fourth part.",
    ),
    (
        "acknowledgements",
        "I would also like to thank my family for the support they gave me all these years.",
        "The board would like to rebuild the pier before the winter storms arrive.",
    ),
    (
        "unfinished",
        "Stand 30.6.2014 Display Technologie LCD Typ TFT IPS Farbdisplay Diagonale in cm 14 cm "
        "Diagonale in Zoll 5,5 ”",
        "Das Display misst 14 cm in der Diagonale und zeigt 5,5 Millionen Farben an.",
    ),
    (
        "boilerplate",
        "The publisher reserves the right to change any part of this document without notice.",
        "The board has the right to change the rules for the harbour at its spring meeting.",
    ),
    (
        "glued labels",
        "Share this withEmailFacebookMessengerTwitterPinterestWhatsApp and read the story here.",
        "The iPhone and the PlayStation were on sale at the McDonald's on the corner.",
    ),
    # (reason, a line it must catch, a line of prose it must pass)
    (
        "table row",
        "The accounts are listed in columns 2.3.59 245 15 19-39 for the qualified owners.",
        "In 2009, 15 of 19 piers were rebuilt in stone at a cost of 3 million pounds.",
    ),
    (
        "page furniture",
        "Command Codes BMFOL and BMFOR 2.3.59 page 245 15 19-39 The Qualified accounts.",
        "The index on page 245 lists every command code that the manual describes.",
    ),
    (
        "citation",
        "TRIPP, supra note 37, at 37.",
        "The court held that the earlier ruling applied to the water rights at issue.",
    ),
    (
        "reference",
        "Proceedings of the 58th Annual Meeting of the Association for Computational "
        "Linguistics, pages 2270–2282",
        "The annual meeting of the association drew more papers than ever before this year.",
    ),
    (
        "keywords",
        "Additional Key Words and Phrases: scholarly reading, citations 1 INTRODUCTION A strong "
        "public interest in science.",
        "Readers of scientific papers look up key words and phrases in a glossary first.",
    ),
    (
        "boilerplate",
        "Windows is either a registered trademark or a trademark of Microsoft Corporation in the "
        "United States and/or other countries.",
        "The company registered its new product name in the United States last year.",
    ),
    (
        "boilerplate",
        "Please wait... If this message is not eventually replaced by the proper contents of the "
        "document, your PDF viewer may not be able to display this type of document.",
        "The message was replaced by the proper contents of the letter after a week.",
    ),
    (
        "boilerplate",
        "Copyright © 2007 Emerald Group Publishing Limited. All rights reserved worldwide.",
        "The group published its findings on shift work in a journal for employers.",
    ),
    (
        "boilerplate",
        "ISBN 978-0-596-51033-7 and the cataloguing data are held by the national library.",
        "The national library holds the catalogue of every book printed in the country.",
    ),
    (
        "boilerplate",
        "Reviewers: Jane Doe, John Roe, Mary Major and the members of the programme board.",
        "The reviewers asked the authors to repeat the experiment with more harbours.",
    ),
    (
        "question",
        "For what purpose was the dataset created and was there a specific task in mind?",
        "“Was there a specific task in mind?” she asked the engineers who built the dataset.",
    ),
    (
        "roadmap",
        "Section 5 contains descriptions of the experiments that we ran on the corpus.",
        "The experiments that we ran on the corpus show that stone piers last longer.",
    ),
    (
        "roadmap",
        "A discussion of what creative machines mean for artists follows in Section VI.",
        "A discussion of what the harbour means for the town follows every board meeting.",
    ),
    (
        "roadmap",
        "The results of the harbour survey and the repairs are presented in Section 4.",
        "The results of the harbour survey are presented to the town council in spring.",
    ),
    (
        "roadmap",
        "The rest of this paper is organized as follows.",
        "The rest of the harbour was rebuilt in stone after the storms of that winter.",
    ),
    (
        "roadmap",
        "This section of the Harbour Gazette contains notices to the public of proposed rules.",
        "This harbour section of the town contains the oldest piers on the northern coast.",
    ),
    (
        "pdf operators",
        "BT /F1 12 Tf 72 712 Td (Hello world and more text) Tj ET and the rest of it.",
        "The printer sets the text in twelve point type on the first page of the letter.",
    ),
    # A key point is a whole sentence: by its punctuation and case (#19).
    (
        "lead-in",
        "There are several practical difficulties for the harbour works: 1) the piers are old.",
        "The harbour works met three difficulties: 1) old piers, 2) storms and 3) the budget.",
    ),
    (
        "cut in brackets",
        "The court decided the harbour case under the rule in United States v. Qin (1st Cir.",
        "The court decided the harbour case (and two others) under the rule of 1998.",
    ),
    (
        "cut in brackets",
        "They were reviewed by the institute for environmental protection in Berlin, 1999)",
        "The survey of the harbour (Berlin, 1999) counted the boats in every berth.",
    ),
    (
        "cut at abbreviation",
        "The harbour keeps the records of the self-archiving of boats by owners, e.g.",
        "The harbour keeps the records of the boats, e.g. their names and owners.",
    ),
    (
        "no sentence end",
        "The harbour office keeps an archive of the boats built in the town 1998–2005",
        'The harbour master said: "We have kept every record since the war—"',
    ),
    (
        "no sentence end",
        "(1) The demands of my work interfere with my home and family life",
        "(1) The demands of the work interfere with the life of the harbour families.",
    ),
    (
        "no sentence end",
        "Grobid includes an evaluation framework for every models Other bibliographical "
        "extractions in GROBID",
        "The harbour office includes an archive of every model of boat built in the town.",
    ),
    (
        "heading",
        "Proposed Drilling and Blasting at Temperance Flat.",
        "Welcome to the Children, Young People and Education Committee.",
    ),
    (
        "heading",
        "Space Charge & Halo Formation (A. Fedotov et al.)",
        "Space charge limits the beam (Fedotov et al.).",
    ),
    (
        "label run",
        "– layout information (font size, font style, etc.)",
        "– The layout gives each line a font size and a font style.",
    ),
    (
        "boilerplate",  # a licence notice on a manual's copyright page
        "Any software referred to herein is furnished under license and may only be used or "
        "copied in accordance with the terms of such license.",
        "The city furnished the new library with books and paid for them under a state grant.",
    ),
    (
        "citation",  # a court's citation with its "id., at"
        "See Art. V(A)1, id., at 88.",
        "The court read Article V of the compact at its hearing in the spring.",
    ),
    (
        "footnote",  # a footnote glued into a paragraph's line
        "Interactive clipping and synthesis (Kang et al., 2022, 2023) ∗Core contributors; see "
        "author contributions for details.",
        "The poet († 1970 in Paris) wrote the poem in the spring of that year for his son.",
    ),
    (
        "starts mid-sentence",  # a number cut from the citation before it
        "11, in fact authorizes cross-border diversions of water from the river.",
        "1999, 2000 and 2001 were dry years on the northern coast of the bay.",
    ),
    (
        "no sentence end",  # a bullet whose only full stop ends its bracket
        "– position information (begin/end of line, in the document, etc.)",
        "(The position of each line is read from the page, as the document shows it.)",
    ),
    (
        "glued labels",  # a web page's section labels and menu in a line of headlines
        "Why fast fashion needs a makeover TECHNOLOGY OF BUSINESS BUSINESS Finland wants to "
        "transform how we make clothes.",
        "The publisher was identified as: LIFO KIT CO., LTD., SYRACUSE NEW YORK in the book.",
    ),
]


@pytest.mark.parametrize(("reason", "junk", "prose"), RULES)
def test_each_rule_catches_its_line_and_passes_prose(reason: str, junk: str, prose: str) -> None:
    assert junk_reason(junk) == reason
    assert junk_reason(prose) is None


def test_a_keyword_line_glued_before_the_first_sentence_is_cut_off() -> None:
    glued = (
        "Additional Key Words and Phrases: scholarly reading, citations 1 INTRODUCTION A strong "
        "public interest in science."
    )
    assert strip_lead_in(glued) == "A strong public interest in science."


def test_a_field_label_in_capitals_is_cut_off() -> None:
    labelled = "SUMMARY: The board proposes to rebuild the northern pier in stone next year."
    assert strip_lead_in(labelled) == labelled[len("SUMMARY: ") :]
    assert strip_lead_in("NOTE: Piers decay.") == "NOTE: Piers decay."  # too short to cut


def test_a_heading_glued_to_its_first_sentence_is_cut_off() -> None:
    glued = "Specification in TIMP: Fixed parameters Every model in the package has fixed values."
    assert strip_lead_in(glued) == "Every model in the package has fixed values."
    # Prose with a capitalised name after a preposition is left whole.
    prose = "The report published in The New York Times said the harbour was closed."
    assert strip_lead_in(prose) == prose


def test_private_use_bullets_are_mapped_and_other_glyphs_dropped() -> None:
    assert normalize("\uf0b7 Stone piers last longer") == "• Stone piers last longer"
    assert normalize("Harbour\ue001 board") == "Harbour board"
    assert normalize("• already a bullet") == "• already a bullet"


def test_the_no_prose_line_never_quotes_pdf_operators() -> None:
    from ingestion.document import Sentence

    broken = [
        Sentence("BT /F1 12 Tf 72 712 Td (Name) Tj ET", 1),
        Sentence("Vessel name", 1),
        Sentence("12 0 obj << /Length 44 >> stream", 1),
        Sentence("Home port", 1),
    ]
    line = no_prose_line(broken, 1).text
    assert "Vessel name, Home port" in line
    assert "Tf" not in line and "obj" not in line


def test_the_no_prose_line_names_headings_not_cells() -> None:
    from ingestion.document import Sentence

    table = [
        Sentence("Harbour Sales by Region", 1, role="title"),  # the gist's already
        Sentence("Region Sales Returns Staff", 1),
        Sentence("North 1921 14 12", 1),
        Sentence("South 1934 11 9", 1),
        Sentence("Quarter ending March", 1),
    ]
    line = no_prose_line(table, 1).text
    assert "its headings: Region Sales Returns Staff, Quarter ending March." in line
    assert "1921" not in line and "Harbour Sales by Region" not in line
    # With one line of words only, the line says how the document begins, cells included.
    cells = [Sentence("Region Sales Returns Staff", 1), Sentence("North shore 19 14 12", 1)]
    assert (
        "it begins: Region Sales Returns Staff, North shore 19 14 12."
        in no_prose_line(cells, 1).text
    )


def test_the_no_prose_line_joins_letter_spaced_headings() -> None:
    from ingestion.document import Sentence
    from summarizer.no_prose import unspaced

    form = [Sentence("P R I N T, C L E A R L Y", 1), Sentence("Vessel name Home port", 1)]
    assert "its headings: PRINT, CLEARLY, Vessel name Home port." in no_prose_line(form, 1).text
    # Two capitals apart, or a capital beside a word, are not letter-spaced type.
    assert (
        unspaced("Plan A B testing of U S ports".split()) == "Plan A B testing of U S ports".split()
    )
    assert unspaced("T E L: Harbour".split()) == ["TEL:", "Harbour"]


def test_a_title_case_heading_the_sentence_says_again_is_cut_from_it() -> None:
    glued = (
        "Harbour Repair Plan Under the harbour repair plan, the board would rebuild two piers "
        "before the winter storms."
    )
    assert strip_lead_in(glued).startswith("Under the harbour repair plan, the board")
    # A name the sentence repeats after a verb, not a linking word, is its subject: kept.
    named = "New York City Council members told New York City officials the budget would fall."
    assert strip_lead_in(named) == named
    # A title-case subject followed by a lowercase word is no heading either.
    subject = "Harbour Board members said the harbour board would meet in the spring again."
    assert strip_lead_in(subject) == subject


def test_a_run_in_heading_in_sentence_case_is_cut_from_its_sentence() -> None:
    glued = "Yield related traits The genotypes showed a significant effect on grain yield."
    assert strip_lead_in(glued) == "The genotypes showed a significant effect on grain yield."
    # A lead with a function word is part of the sentence: nothing is cut.
    kept = "Most of the piers The board inspected last year were rebuilt in stone."
    assert strip_lead_in(kept) == kept


def test_a_date_stamp_glued_before_the_first_sentence_is_cut_off() -> None:
    stamped = "Stand 30.6.2014 Das neue Smartphone setzt neue Maßstäbe in der Welt der Telefone."
    assert (
        strip_lead_in(stamped)
        == "Das neue Smartphone setzt neue Maßstäbe in der Welt der Telefone."
    )
    kept = "Am 30.6.2014 stellte der Hersteller das neue Smartphone in Berlin vor."
    assert strip_lead_in(kept) == kept


def test_a_footnote_glued_to_its_number_and_what_stands_above_the_title_are_never_picked() -> None:
    from ingestion.document import Sentence
    from summarizer.candidates import structure_only

    sents = [
        Sentence("NOTE: Where it is feasible, a syllabus will be released with the opinion.", 1),
        Sentence("Harbour Piers", 1, "title"),
        Sentence("1We use code snippets to illustrate the toolkit's core designs.", 1),
        Sentence("1Introduction The harbour piers were built of timber in 1890.", 1),
        Sentence("3D printing lets the harbour board make new parts for the old cranes.", 1),
        Sentence("The piers were rebuilt in stone after the storm of 1953.", 2),
    ]
    assert structure_only(sents) == {0, 1, 2}


def test_a_dingbat_read_as_a_lone_accented_capital_is_a_bullet() -> None:
    from summarizer.lead_ins import without_bullet

    assert without_bullet("Ê Savoir conduire le diagnostic d'une acidose.") == (
        "Savoir conduire le diagnostic d'une acidose."
    )
    kept = "À Paris, le diagnostic d'une acidose est conduit aux urgences."
    assert without_bullet(kept) == kept


def test_a_bracketed_tail_of_the_line_before_is_cut_from_the_sentence() -> None:
    glued = (
        "(strong recommendation; certainty of evidence: moderate) Task sharing: We recommend "
        "delivery of testing and treatment by trained staff."
    )
    assert strip_lead_in(glued).startswith("Task sharing: We recommend")
    # Near misses: a list's letter, and a sentence that is all in brackets, stay.
    item = "(A) The Secretary shall publish the plan in the Federal Register each year."
    assert strip_lead_in(item) == item
    aside = "(In Subsection 1.3 we will indicate how such systems arise.)"
    assert strip_lead_in(aside) == aside


def test_a_section_break_of_asterisks_is_cut_from_the_sentence_after_it() -> None:
    glued = "* * * The Compact does not pre-empt the state statutes, so we affirm the judgment."
    assert strip_lead_in(glued).startswith("The Compact does not pre-empt")
    assert junk_reason(strip_lead_in(glued)) is None
    # Near miss: a footnote's one or two asterisks are no section break.
    marked = "** The figures for 2012 are estimates made by the agency before the audit."
    assert strip_lead_in(marked) == marked
