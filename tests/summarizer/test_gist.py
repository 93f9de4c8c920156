"""#19: every summary opens with what the document is and what it is about; key points put
findings before method and leave out roadmap sentences."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.base import Summary, SummaryOptions, SummaryPart
from summarizer.engines import DocInput, Profile
from summarizer.extractive import ExtractiveEngine
from summarizer.gist import document_kind, gist_line, with_gist
from summarizer.textrank import Weights

METHOD = [
    f"We sampled the timber piles of pier {i} with a drill and weighed each core in the lab."
    for i in range(10)
]
FINDING = "We find that stone footings halve the repairs a pier needs over thirty years."
ROADMAP = "Section 4 describes the drilling method and Section 5 presents the pier survey."
PURPOSE = "This paper examines how the footings of harbour piers decay in cold salt water."
OPENING = "Harbour piers along the northern coast were built between 1890 and 1950 by hand."
ABSTRACT = (
    "We compare the upkeep of timber and stone piers along a cold coast. Stone footings halve "
    "the repairs a pier needs. Boards should build on stone."
)


def doc(texts: list[str], pages: int = 4, **profile: object) -> DocInput:
    sents = tuple(Sentence(t, 1 + i * pages // len(texts)) for i, t in enumerate(texts))
    return DocInput("k", sents, pages, (), Profile(page_count=pages, **profile))  # type: ignore[arg-type]


def summarize(item: DocInput) -> Summary:
    return ExtractiveEngine().summarize_one(item, SummaryOptions())


def test_a_paper_opens_with_what_it_is_and_the_authors_words() -> None:
    item = doc(
        [OPENING, *METHOD, FINDING],
        title="Stone and Timber Piers",
        authors=("Ada Lovelace", "Grace Hopper"),
        year="2021",
        abstract=ABSTRACT,
    )
    parts = summarize(item).parts
    assert parts[0] == SummaryPart(
        # The file's date (2021) is printed nowhere in the text: no year is shown.
        "A 4-page paper, “Stone and Timber Piers”, by Ada Lovelace and Grace Hopper.",
        (1,),
        kind="gist",
    )
    assert parts[1].kind == "abstract"
    assert parts[1].text == (
        "We compare the upkeep of timber and stone piers along a cold coast. Stone footings "
        "halve the repairs a pier needs."
    )
    assert all(p.kind == "point" for p in parts[2:]) and parts[2:]


def test_without_an_abstract_the_purpose_statement_says_what_it_is_about() -> None:
    parts = summarize(
        doc([OPENING, *METHOD[:4], PURPOSE, *METHOD[4:], FINDING], title="Piers")
    ).parts
    assert parts[0].kind == "gist" and "“Piers”" in parts[0].text
    assert (parts[1].kind, parts[1].text) == ("about", PURPOSE)
    assert PURPOSE not in [p.text for p in parts[2:]]  # said once


def test_a_plain_text_opens_with_its_lead_sentence() -> None:
    lead = "The harbour board voted on Monday to rebuild the northern pier in stone next year."
    story = [
        lead,
        "Members said the old timber pier had needed repairs after every winter storm.",
        "The chairman told reporters that stone would cost more at first but last longer.",
        "Fishermen who use the northern pier welcomed the vote at the meeting on Monday.",
        "Work on the new pier is expected to start in the spring and to take two years.",
        "A temporary landing stage will be built for the fishing fleet in the meantime.",
    ]
    item = DocInput("news", tuple(Sentence(t, 1) for t in story), 1)
    parts = summarize(item).parts
    assert (parts[0].kind, parts[0].text) == ("about", lead)  # no title: no gist line


def test_findings_come_before_method_and_roadmaps_are_no_key_points() -> None:
    method = [f"{m[:-1]} in week {w}." for w in range(3) for m in METHOD]
    parts = summarize(doc([OPENING, ROADMAP, *method[:20], FINDING, *method[20:]], 12)).parts
    points = [p.text for p in parts if p.kind == "point"]
    assert FINDING in points
    assert ROADMAP not in [p.text for p in parts]


def test_the_kind_comes_from_the_format() -> None:
    labels = ["First Name", "Last Name", "Birthday", "Gender", "Nationality", "Signature"] * 4
    assert document_kind(doc(labels, pages=2)) == "form"
    assert document_kind(doc(labels, pages=15)) == "list"  # a printed web page's headlines
    assert document_kind(doc(["habibi"], pages=1)) == "document"  # one word: no form
    cells = ["2019 2020 2021 12 14 16", "North 1 1921 14", "South 2 1934 11"] * 8
    assert document_kind(doc(cells, pages=2)) == "table"
    slides = ["Stone piers last longer than timber piles in cold water.", *METHOD[:3]]
    assert document_kind(doc(slides, pages=10, landscape_pages=10)) == "slide deck"
    wide = ["Votes 2014 1203 455 12 98", "Seats 3 1 0 1 2", "District 4 991 12 7 3"] * 3
    assert document_kind(doc(wide, pages=4, landscape_pages=4)) == "table"
    assert document_kind(doc([*METHOD, FINDING], pages=10)) == "report"
    assert document_kind(doc([*METHOD, FINDING], pages=5, abstract=ABSTRACT)) == "paper"
    assert document_kind(doc(METHOD, pages=400)) == "book"
    letter = ["Dear Mr. Gans: the board writes to tell you the pier is closed for repairs."]
    assert document_kind(doc(letter + METHOD[:3], pages=2)) == "letter"
    assert document_kind(doc(METHOD, pages=30, title="Pier Inspection Manual")) == "manual"
    words = ["Arrests by sex", "Under 18", "Male", "Female", "Total", "Rate per 1,000"] * 4
    assert document_kind(doc(words, pages=1, title="Table 324. Arrests by Sex and Age")) == "table"


def test_the_title_line_itself_is_not_what_the_document_is_about() -> None:
    from summarizer.gist import about_index

    opening = [
        "Harbour Piers and their Footings, Lecture 7, March 2016.",
        "The footings of harbour piers decay within ten winters where fresh water meets salt.",
    ]
    assert about_index(opening) == 0  # the lead, without a title to compare
    assert about_index(opening, "Harbour Piers and their Footings") == 1


def test_names_in_a_script_without_capitals_are_no_initials() -> None:
    # Initials in capitals among mixed-case names are an institution ("ФКН ВШЭ"); a name in a
    # script without case is a name.
    mixed = doc(METHOD, pages=12, title="Harbour Works", authors=("王小明", "John Smith"))
    assert gist_line(mixed).endswith("by 王小明 and John Smith.")
    inst = doc(METHOD, pages=12, title="Harbour Works", authors=("Ann Lee", "HBRC"))
    assert gist_line(inst).endswith("by Ann Lee.")


def test_the_gist_line_names_the_issuer_from_metadata_when_no_byline() -> None:
    issuer = "Issued by the Northern Harbour Board for its members in the spring."
    item = doc([issuer, *METHOD], pages=12, title="Harbour Works", author="Northern Harbour Board")
    assert gist_line(item) == "A 12-page report, “Harbour Works”, by Northern Harbour Board."
    # A metadata author the first pages never print made the file, not the document (#19).
    unprinted = doc(METHOD, pages=12, title="Harbour Works", author="Emily Elkin")
    assert gist_line(unprinted) == "A 12-page report, “Harbour Works”."
    junk = doc([issuer, *METHOD], pages=12, title="Harbour Works", author="Microsoft Word - d.doc")
    assert gist_line(junk) == "A 12-page report, “Harbour Works”."
    assert gist_line(doc(METHOD, pages=8, title="Piers")) == "An 8-page document, “Piers”."


def test_the_year_a_title_names_comes_before_the_files_date() -> None:
    form = doc(METHOD, pages=12, title="Harbour Dues Return 2010", year="2008")
    assert gist_line(form) == "A 12-page report, “Harbour Dues Return 2010” (2010)."
    printed = [*METHOD, "The harbour board has met every spring since 2008 to plan works."]
    assert gist_line(doc(printed, pages=12, title="Harbour Works", year="2008")).endswith("(2008).")
    # A year printed on the first pages comes first; a number in the title is no year.
    dated = doc(["Berlin, 3 December 2011", *METHOD], pages=12, title="Pier 2010", year="2008")
    assert gist_line(dated).endswith("(2011).")
    assert gist_line(doc(printed, pages=12, title="Form 20105", year="2008")).endswith("(2008).")
    # The file's date where the pages never print that year (a file sampled or re-saved years
    # later): no year rather than a wrong one.
    assert gist_line(doc(METHOD, pages=12, title="Harbour Works", year="2008")).endswith("Works”.")


def test_a_generated_summary_gets_the_same_given_gist() -> None:
    item = doc([OPENING, *METHOD, FINDING], title="Piers", abstract=ABSTRACT)
    made = Summary("Piers decay.", (SummaryPart("Piers decay.", (2,)),), "abstractive", "t", "m",
                   "fp32", "medium")  # fmt: skip
    opened = with_gist(item, made)
    assert [p.kind for p in opened.parts] == ["gist", "abstract", "point"]
    assert opened.text.startswith("A 4-page paper, “Piers”.") and opened.text.endswith("decay.")


def test_the_prior_puts_findings_and_their_sections_before_method() -> None:
    from ingestion.document import Section
    from summarizer.preference import key_point_prior
    from summarizer.textrank import select

    outline = [Section(0, "2 Methods", 2, 2), Section(0, "3 Results", 3, 3)]
    texts = [METHOD[0], METHOD[1], FINDING, METHOD[2]]
    prior = key_point_prior(texts, [1, 2, 3, 3], outline)
    assert prior[0] == 1.0  # no section yet, no finding
    assert prior[1] < 1.0  # method section
    assert prior[2] > prior[3] > 1.0  # a finding in Results, then a method line in Results
    # A sentence's own section (from the blocks) outranks its page's latest outline heading:
    # a Methods section that starts on page 3 below the Results' last lines.
    own = key_point_prior(texts, [1, 2, 3, 3], outline, ["", "", "", "2 Methods"])
    assert own[3] < 1.0 < prior[3]
    same = [f"Stone piers in harbour {i} were inspected by the board in spring." for i in range(6)]
    assert select(same, 1) == [0]  # the lead, all else equal
    assert select(same, 1, prior=[1, 1, 1, 1, 1, 2.5]) == [5]


def test_a_byline_that_names_no_one_is_left_out() -> None:
    from summarizer.gist import name_like

    # Lines of capitals longer than a name, a session heading, a lowercase placeholder.
    for caught in ("INTERNATIONAL MONETARY FUND UPDATE", "Session 3: Posters", "none"):
        assert not name_like(caught), caught
    for passed in ("LEANA GOLUBCHIK", "Marie Gee Wilson", "U.S. Census Bureau", "김창호"):
        assert name_like(passed), passed
    sents = [Sentence("The harbour board met and agreed to repair the northern pier.", 1)]
    shouted = Profile(title="Harbour Piers", authors=("NORTHERN HARBOUR BOARD MINUTES",))
    assert (
        gist_line(DocInput("k", sents, 1, (), shouted)) == "A one-page document, “Harbour Piers”."
    )
    named = Profile(title="Harbour Piers", author="none", authors=("Ann Lee",))
    assert gist_line(DocInput("k", sents, 1, (), named)).endswith("by Ann Lee.")


def test_a_placeholder_title_is_not_presented_as_the_title() -> None:
    sents = [Sentence("In 2001 the harbour board met and agreed to repair the northern pier.", 1)]
    for placeholder in ("Document1", "report_final.docx", "Microsoft Word - piers.doc"):
        line = gist_line(DocInput("k", sents, 1, (), Profile(title=placeholder, year="2001")))
        assert line == "A one-page document (2001).", line
    real = gist_line(DocInput("k", sents, 1, (), Profile(title="Harbour Piers", year="2001")))
    assert real == "A one-page document, “Harbour Piers” (2001)."


def _dated(lines: list[tuple[str, int, str]], year: str = "2019", pages: int = 6) -> DocInput:
    sents = tuple(Sentence(t, page, role) for t, page, role in lines)
    return DocInput("k", sents, pages, (), Profile(title="Piers", page_count=pages, year=year))


def test_the_year_printed_on_the_first_pages_beats_the_files_date() -> None:
    from summarizer.gist import document_year

    body = [(m, 2, "paragraph") for m in METHOD]
    # A 1950s paper scanned in 2019: its "Received" dateline, a short line of the first page.
    scanned = _dated([("7 (Received 3 December 1954)", 1, "authors"), *body])
    assert document_year(scanned) == "1954"
    assert gist_line(scanned).endswith("(1954).")
    # A byline with its date ("University of Bordeaux 1 April 2010 (v.1.01)").
    byline = "Harbour Works Lecture Ann Lee University of Brest 1 April 2010 (v.1.01)"
    assert document_year(_dated([(byline, 1, "authors"), *body])) == "2010"
    # The last year of a copyright line on the first two pages.
    notice = "Copyright © 2002, 2003, 2011 Ann Lee and the Northern Harbour Board."
    assert document_year(_dated([(notice, 2, "paragraph"), *body])) == "2011"
    # A date in running prose is some event's, not the document's.
    prose = "On November 7, 2018, the harbour board issued an interim order closing the pier."
    assert document_year(_dated([(prose, 1, "paragraph"), *body], year="2020")) == ""
    # The file's date stands where the pages print that year, and only there.
    assert document_year(_dated([(prose, 1, "paragraph"), *body], year="2018")) == "2018"
    assert document_year(_dated(body, year="2020")) == ""
    # A date on a later page is not the document's either.
    assert document_year(_dated([("Brest, 3 May 1999", 3, "paragraph"), *body])) == ""


def test_the_first_pages_lines_give_the_year_where_sentences_run_them_together() -> None:
    from summarizer.gist import document_year

    body = tuple(Sentence(m, 2) for m in METHOD)

    def year(front: list[tuple[str, int, str]]) -> str:
        lines = tuple(Sentence(t, page, role) for t, page, role in front)
        profile = Profile(title="Piers", page_count=6, year="2019", front=lines)
        return document_year(DocInput("k", body, 6, (), profile))

    # A year alone under a thesis's title; a date line a sentence would run into a contents list.
    assert year([("Piers", 1, "title"), ("2010", 1, "page furniture")]) == "2010"
    assert year([("August 2015", 1, "heading"), ("Overview 3", 1, "paragraph")]) == "2015"
    # A copyright line whose holder stands between the sign and the year.
    assert year([("© Copyright Harbour Board Ltd. 2014. All rights reserved.", 2, "x")]) == "2014"
    # Of two printed years equally often, the one the title names (a newsletter's issue date
    # over its calendar's), else the latest.
    calendar = [("November 2006 Volume 47", 1, "paragraph"), ("Monday, January 1, 2007", 1, "p")]
    assert year(calendar) == "2007"
    issue = Profile(
        title="Piers - November 2006",
        page_count=6,
        front=tuple(Sentence(t, page, role) for t, page, role in calendar),
    )
    assert document_year(DocInput("k", body, 6, (), issue)) == "2006"
    # Near misses: a year alone on a later page, a year after lower-case words.
    assert year([("2010", 3, "page furniture")]) == ""
    assert year([("Copyright law since 1976 protects the harbour plans.", 2, "paragraph")]) == ""


def test_a_thesis_is_known_by_its_degree_page_and_single_author() -> None:
    degree = (
        "A thesis submitted in fulfilment of the requirements for the degree of Master of "
        "Science in Civil Engineering."
    )
    chapters = [Sentence(m, 3 + i) for i, m in enumerate(METHOD * 3)]

    def long_doc(first: list[Sentence], authors: tuple[str, ...]) -> DocInput:
        profile = Profile(title="Piers", authors=authors, page_count=200)
        return DocInput("k", (*first, *chapters), 200, (), profile)

    assert document_kind(long_doc([Sentence(degree, 2)], ("Ann Lee",))) == "thesis"
    assert document_kind(long_doc([], ("Ann Lee",))) == "book"  # no degree page
    many = ("Ann Lee", "Bo Chan", "Cy Dunn", "Di Eyre")
    assert document_kind(long_doc([Sentence(degree, 2)], many)) == "book"  # many authors
    late = [Sentence(degree, 40)]  # quoted deep inside: not the degree page
    assert document_kind(long_doc(late, ("Ann Lee",))) == "book"


def test_affiliation_marks_glued_to_names_are_removed() -> None:
    from summarizer.gist import without_marks

    marked = ["Patrick N.J. Lanea", "Alice E. Bestb", "Klaus Hickelb"]
    assert without_marks(marked) == ["Patrick N.J. Lane", "Alice E. Best", "Klaus Hickel"]
    assert without_marks(["Andreas Gal∗+", "Kyle Loα∗", "Ann Smith1,2", "Bo Lee¹"]) == [
        "Andreas Gal",
        "Kyle Lo",
        "Ann Smith",
        "Bo Lee",
    ]
    # Names that end in a letter of their own keep it: one letter, no run from "a"; a name
    # alone; a run that does not start at "a".
    for names in (["Ana Costa", "Rui Silva"], ["Ana Costa"], ["Jan Bach", "Li Zhang"]):
        assert without_marks(names) == names
    assert without_marks(["Νίκος Παππάς", "Ana Costa"]) == ["Νίκος Παππάς", "Ana Costa"]
    item = doc(METHOD, title="Flow Curves", authors=("Pat Lanea", "Al Bestb"))
    assert gist_line(item) == "A 4-page document, “Flow Curves”, by Pat Lane and Al Best."


def test_key_points_never_repeat_the_gist_or_each_other() -> None:
    from summarizer.textrank import select

    said = "Stone footings under the northern piers halved the repairs over thirty winters."
    longer = said[:-1] + ", while timber piles rotted within ten years of being driven."
    texts = [said, *METHOD[:4], longer, *METHOD[4:]]
    assert {0, 5} <= set(select(texts, 400, weights=Weights(max_overlap=1.1)))  # rule off
    both = select(texts, 400)
    assert (0 in both) != (5 in both)  # the longer one repeats every word of the other
    assert not {0, 5} & set(select(texts, 400, said=[said]))  # the gist said it
    # Through the engine: the abstract's first sentence, glued after a byline in the text,
    # is not a key point again.
    glued = "Ann Lee Bo Chan " + ABSTRACT.split(". ")[0] + "."
    parts = summarize(doc([OPENING, glued, *METHOD, FINDING], 2, abstract=ABSTRACT)).parts
    assert parts[0].kind == "abstract"
    assert not any(ABSTRACT.split(". ")[0] in p.text for p in parts[1:])


def test_key_points_are_shown_without_their_bullets() -> None:
    from summarizer.lead_ins import without_bullet

    assert without_bullet("¢ Si la PaCO2 est plus basse, il faut suspecter un désordre.") == (
        "Si la PaCO2 est plus basse, il faut suspecter un désordre."
    )
    assert without_bullet("0 Each of the 100 sequences contains 32 tracks.") == (
        "Each of the 100 sequences contains 32 tracks."
    )
    assert without_bullet("o The board met on Monday.") == "The board met on Monday."
    # A number that opens a sentence, a word that starts with o, are no bullets.
    assert without_bullet("0.5 percent of the piers failed.") == "0.5 percent of the piers failed."
    assert without_bullet("Oslo is cold in winter.") == "Oslo is cold in winter."
    assert (
        without_bullet("• magstyle の既定値は usemag である。")
        == "• magstyle の既定値は usemag である。"
    )
    bulleted = [f"– {m}" for m in METHOD] + [f"– {FINDING}"]
    points = [p.text for p in summarize(doc(bulleted)).parts if p.kind == "point"]
    assert points and not any(p.startswith("–") for p in points)
    assert FINDING in points


def test_a_titled_form_says_its_length_and_kind_once() -> None:
    labels = ["First Name", "Last Name", "Vessel name", "Home port", "Length", "Signature"] * 4
    parts = summarize(doc(labels, pages=2, title="Harbour Berth Application")).parts
    assert [p.kind for p in parts] == ["gist", "covers"]
    assert parts[0].text.startswith("A 2-page form, “Harbour Berth Application”")
    assert parts[1].text.startswith("Its headings: First Name, Last Name")
    assert "2-page" not in parts[1].text and "First Name, Last Name" in parts[1].text


def test_a_preface_purpose_statement_after_a_long_contents_list_says_what_it_is_about() -> None:
    from summarizer.gist import about_index
    from summarizer.lead_ins import strip_lead_in

    contents = ["Notices .", "."] * 200  # a contents list read as fragments
    preface = (
        "xi Preface This Harbour® Works™ publication provides information about the pier "
        "footings of the northern coast and their repair."
    )
    texts = [strip_lead_in(t) for t in [*contents, preface, *METHOD]]
    assert texts[400].startswith("This Harbour® Works™ publication provides")
    assert about_index(texts, "Pier Footings") == 400
    # Near miss: a notice is still no purpose statement.
    notice = "This publication provides no warranty; Harbour® is a registered trademark of ours."
    assert about_index([*contents, notice, *METHOD], "Pier Footings") != 400


def test_initials_in_capitals_among_names_in_mixed_case_are_an_institution() -> None:
    item = doc(METHOD, pages=8, title="Piers", authors=("Е. А. Соколов", "ФКН ВШЭ"))
    assert gist_line(item) == "An 8-page document, “Piers”, by Е. А. Соколов."
    # Near miss: a byline all in capitals keeps its names.
    caps = doc(METHOD, pages=8, title="Piers", authors=("LEANA GOLUBCHIK", "SANJEEV KHANNA"))
    assert gist_line(caps) == "An 8-page document, “Piers”, by LEANA GOLUBCHIK and SANJEEV KHANNA."


def test_a_title_naming_a_leaflet_or_a_short_letter_says_so() -> None:
    text = [*METHOD[:3], FINDING]
    assert document_kind(doc(text, pages=1, title="Pier Care Service Leaflet")) == "brochure"
    assert document_kind(doc(text, pages=2, title="Harbour Fact Sheet")) == "brochure"
    assert document_kind(doc(text, pages=1, title="Pier Footing Letter of Assurance")) == "letter"
    # near misses: a long text named for a letter, a newsletter, a letter report, a plain title
    assert document_kind(doc(text, pages=30, title="The Letter of the Harbour Law")) == "report"
    assert document_kind(doc(text, pages=2, title="Harbour Newsletter")) == "newsletter"
    assert document_kind(doc(text, pages=2, title="Pier Letter Report")) == "report"
    assert document_kind(doc(text, pages=1, title="Pier Care Service")) == "document"
