"""The title rules of `ingestion.titles` (#10): masthead, subtitle, mixed sizes, the heading
above the body. Lines are given as PDFium measures them; two real PDFs go through read_pdf."""

from ingestion import read_pdf
from ingestion.layout import SizedLine
from ingestion.titles import front_matter, heading_above_body
from tests.conftest import text_pdf

BODY = "The board met on Tuesday and discussed the repairs of the northern pier in detail."


def line(text, size=10.0, top=0.5, bold=False, left=0.1, right=0.9, pieces=()):
    return SizedLine(text, size, top, bold, left, right, top - 0.01, pieces)


def body(top: float, n: int = 6) -> list[SizedLine]:
    return [line(BODY, top=top - 0.015 * i) for i in range(n)]


def test_a_bold_centred_subtitle_continues_the_title_and_footnote_marks_go() -> None:
    lines = [
        line("WARN Report*", 14, 0.96, True, 0.44, 0.56),
        line("Summary by Received Date", 10, 0.93, True, 0.41, 0.59),
        line("07/01/2015 - 03/25/2016", 10, 0.90, True, 0.43, 0.57),
        *body(0.8, 20),
    ]
    assert front_matter(lines)[0] == "WARN Report Summary by Received Date"
    # Off the title's axis, or not bold, it is not a subtitle.
    shifted = [lines[0], line("Summary by Received Date", 10, 0.93, True, 0.05, 0.25), *lines[2:]]
    assert front_matter(shifted)[0] == "WARN Report"
    plain = [lines[0], line("Summary by Received Date", 10, 0.93, False, 0.41, 0.59), *lines[2:]]
    assert front_matter(plain)[0] == "WARN Report"


def test_authors_under_a_title_are_not_a_subtitle() -> None:
    lines = [
        line("Harbour Repairs in Practice", 18, 0.9, True, 0.3, 0.7),
        line("Ada Lovelace", 11, 0.86, True, 0.42, 0.58),
        *body(0.38, 20),
    ]
    assert front_matter(lines) == ("Harbour Repairs in Practice", ("Ada Lovelace",))


def test_a_mixed_size_line_is_judged_by_its_pieces_and_keeps_the_year_beside_it() -> None:
    form = line(
        "U.S. Individual Income Tax Return 2010 (99) IRS Use Only",
        25.2,
        0.95,
        pieces=(
            ("U.S. Individual Income Tax Return", 14.2),
            ("2010", 25.2),
            ("(99) IRS Use Only", 7.0),
        ),
    )
    lines = [
        line(
            "1040 Department of the Treasury",
            28.8,
            0.96,
            pieces=(("1040", 28.8), ("Department of the Treasury", 7.0)),
        ),
        form,
        line("Income", 14.3, 0.57, True),
        *body(0.5, 30),
    ]
    assert front_matter(lines)[0] == "U.S. Individual Income Tax Return 2010"


def test_a_masthead_beside_its_volume_line_is_not_the_title() -> None:
    lines = [
        line("Harbour Gazette", 17, 0.93, True),
        line("Vol. 85, No. 152", 8, 0.91),
        line("Pier Repairs Approved", 9, 0.75, True),
        *body(0.72, 10),
    ]
    assert front_matter(lines)[0] == ""  # nothing else stands out …
    assert heading_above_body(lines) == "Pier Repairs Approved"  # … the heading above the body
    # Without the volume line the big type is the title.
    assert front_matter([lines[0], *lines[2:]])[0] == "Harbour Gazette"


def test_without_large_type_the_bold_heading_above_the_body_is_the_title(tmp_path) -> None:
    memo = text_pdf(
        tmp_path / "memo.pdf",
        ["** Repairs to the Northern Pier", *[BODY] * 12],
    )
    assert read_pdf(memo).title == "Repairs to the Northern Pier"
    # A section name above the body is not a title.
    summary = [line("Executive Summary", 10, 0.9, True), *body(0.88, 6)]
    assert heading_above_body(summary) == ""
    assert heading_above_body([line("Pier Repairs", 10, 0.9, True), *body(0.88, 6)])
    # A real metadata title is a stronger sign than a bold heading.
    named = text_pdf(
        tmp_path / "named.pdf",
        ["** Repairs to the Northern Pier", *[BODY] * 12],
        title="Harbour Board Minutes, March",
    )
    assert read_pdf(named).title == "Harbour Board Minutes, March"


def test_a_masthead_in_a_real_pdf_gives_way_to_the_heading_above_the_body(tmp_path) -> None:
    path = text_pdf(
        tmp_path / "gazette.pdf",
        ["** Pier Repairs Approved by the Board", *[BODY] * 12],
        heading=["Harbour Gazette", "Vol. 3, No. 12"],
    )
    assert read_pdf(path).title == "Pier Repairs Approved by the Board"


# Rules of #20, each on a PDF built here ("<N> " sets a line in N-point type, "b" bold,
# "c" centred; `to_unicode` makes Helvetica's glyphs read as other letters).


def _title(tmp_path, pages, **kwargs):
    from tests.conftest import write_pdf

    doc = read_pdf(write_pdf(tmp_path / "t.pdf", pages, **kwargs))
    return doc.title, doc.authors


def test_author_lines_with_marks_or_initials_end_the_title(tmp_path) -> None:
    marked = ["<20> Harbour Corpus: An Open Dataset", "<20> Ada Lovelace~ Charles Babbage~"]
    title, authors = _title(tmp_path, [[*marked, *[BODY] * 12]], to_unicode={"~": "†"})
    assert title == "Harbour Corpus: An Open Dataset"
    assert authors == ("Ada Lovelace", "Charles Babbage")
    # Initials and a surname, in Cyrillic letters: a name, not the title's second line.
    cyrillic = {c: r for c, r in zip("EASokolv", "ЕАСоколв", strict=True)}
    lecture = ["<20> Lecture 7. Decision Trees", "<20> E. A. Sokolov"]
    title, authors = _title(tmp_path, [[*lecture, *[BODY] * 12]], to_unicode=cyrillic)
    assert title == "Lecture 7. Decision Trees".translate(str.maketrans(cyrillic))
    assert authors == ("Е. А. Соколов",)


def test_venue_volume_and_repeated_banners_are_not_titles(tmp_path) -> None:
    journal = ["<24> Journal of Harbour Engineering", "<18> Tidal Loads on Timber Piers"]
    assert _title(tmp_path, [[*journal, *[BODY] * 12]])[0] == "Tidal Loads on Timber Piers"
    volume = ["<24> Volume 47", "<18> Tidal Loads on Timber Piers"]
    assert _title(tmp_path, [[*volume, *[BODY] * 12]])[0] == "Tidal Loads on Timber Piers"
    banner = "<24> Harbour Quarterly Review"
    pages = [[banner, "<18> Tidal Loads on Timber Piers", *[BODY] * 12]]
    pages += [[banner, *[BODY] * 12] for _ in range(4)]
    assert _title(tmp_path, pages)[0] == "Tidal Loads on Timber Piers"
    # On one page alone, the same large line is the title.
    assert _title(tmp_path, pages[:1])[0] == "Harbour Quarterly Review"


def test_a_court_or_an_issuer_is_not_the_title(tmp_path) -> None:
    court = [
        "<17bc> SUPREME COURT OF THE UNITED STATES",
        "<13c> HARBOUR BOARD v.",
        "<13c> NORTHERN PIER COMPANY",
    ]
    assert _title(tmp_path, [[*court, *[BODY] * 12]])[0] == "HARBOUR BOARD v. NORTHERN PIER COMPANY"
    decree = [
        "<16bc> HARBOUR AUTHORITY OF RIVERTON",
        "<14c> D E C I S I O N",
        "of 24 September 2013 No. 842",
        "** On the repair of the northern pier",
    ]
    assert _title(tmp_path, [[*decree, *[BODY] * 12]])[0] == "On the repair of the northern pier"


def test_a_numbered_section_heading_or_a_contents_heading_is_never_the_title(tmp_path) -> None:
    report = ["Review of the Harbour Accounts", BODY, BODY, "<17> 4 Conclusions", *[BODY] * 9]
    assert _title(tmp_path, [report])[0] == "Review of the Harbour Accounts"
    contents = ["<20> Table of Contents", "Tides . . . . . 4", "Piers . . . . . 9", *[BODY] * 9]
    assert _title(tmp_path, [contents], title="Harbour Manual")[0] == "Harbour Manual"


def test_a_title_over_several_sizes_takes_the_smaller_lines_above_it(tmp_path) -> None:
    pages = [
        [
            "<18> UPDATED RECOMMENDATIONS ON",
            "<30b> TREATMENT OF TIMBER",
            "<30b> PIERS AND QUAYS",
            *[BODY] * 12,
        ]
    ]
    title = "UPDATED RECOMMENDATIONS ON TREATMENT OF TIMBER PIERS AND QUAYS"
    assert _title(tmp_path, pages)[0] == title


def test_a_metadata_title_is_judged_and_wins_where_the_large_type_holds_it(tmp_path) -> None:
    from ingestion.title_choice import real_metadata_title

    for stamp in (
        "Microsoft Word - pier.doc",
        "Screenshot 2025-07-29 at 00.15.56.png",
        "Document1",
        "untitled",
        "新規文書2",
        "pier_report_v2",
    ):
        assert not real_metadata_title(stamp), stamp
    assert real_metadata_title("Tidal Loads on Timber Piers")
    cover = ["<40b> HARBOUR", "<40b> OUTLOOK", "<20> Tides Rising amid Low Growth", *[BODY] * 9]
    whole = "Harbour Outlook, January 2023: Tides Rising amid Low Growth"
    assert _title(tmp_path, [cover], title=whole.replace(", January 2023", ""))[0] == (
        "Harbour Outlook: Tides Rising amid Low Growth"
    )
    # A stamp gives way to the page; a metadata title not in the large type, too.
    assert _title(tmp_path, [cover], title="Document1")[0] == "HARBOUR OUTLOOK"
    assert _title(tmp_path, [cover], title="Minutes of March")[0] == "HARBOUR OUTLOOK"


def test_a_cjk_title_counts_its_characters_and_drops_its_list_number(tmp_path) -> None:
    cjk = dict(zip("ABCDEF", "連結株主資本", strict=True))
    page = ["<14> (3) ABCDEF", *["7 8 9 10 11 12"] * 3, *[BODY] * 9]
    assert _title(tmp_path, [page], to_unicode=cjk)[0] == "連結株主資本"


def test_a_cover_page_all_in_large_type_still_has_its_title(tmp_path) -> None:
    cover = ["<40> HARBOUR WORKS:", "<40> A Field Guide", "<24> Ada Lovelace"]
    title, authors = _title(tmp_path, [cover, [BODY] * 20])
    assert title == "HARBOUR WORKS: A Field Guide" and authors == ("Ada Lovelace",)


def test_an_act_is_titled_by_its_short_title_and_a_judgment_by_its_case(tmp_path) -> None:
    act = [
        "<23c> One Hundred Eighth Congress",
        "<23c> of the United States of America",
        "<17c> An Act",
        "To improve the capacity of the harbour board to repair piers, and for other purposes.",
        'This Act may be cited as the "Harbour Piers Restoration Act of 2003".',
        *[BODY] * 10,
    ]
    assert _title(tmp_path, [act])[0] == "Harbour Piers Restoration Act of 2003"
    from ingestion.title_choice import guess_title

    doubled = "This Act may be cited as the ‘‘Harbour Piers Act of 2003’’."  # as enrolled bills
    assert guess_title({}, "", tmp_path / "a.pdf", opening=doubled) == "Harbour Piers Act of 2003"
    # Without its short title, the issuer above "An Act" is still not the title.
    assert "Congress" not in _title(tmp_path, [act[:4] + act[5:]])[0]
    judgment = [
        "WORKERS' COMPENSATION APPEALS BOARD",
        "Goodwin v. Harbour Pier Services, Inc.",
        *[BODY] * 10,
    ]
    assert _title(tmp_path, [judgment])[0] == "Goodwin v. Harbour Pier Services, Inc."
    cited = ["[2001] IESC 63", "THE SUPREME COURT", "Keane C.J.", "Between:", *[BODY] * 10]
    assert _title(tmp_path, [cited])[0] == "[2001] IESC 63"


def test_a_metadata_title_that_completes_or_ends_the_layout_title_wins(tmp_path) -> None:
    cover = ["<60b> Riverton", "<30b> Harbour Survey 2006-07", *[BODY] * 9]
    whole = "Riverton: Harbour Survey 2006-07"
    # The largest type is one word of the title the metadata holds whole.
    assert _title(tmp_path, [cover[:1] + cover[2:]], title=whole)[0] == whole
    form = [
        "<17b> Verification of Pier Eligibility",
        "<16b> Department of Harbour Safety",
        *[BODY] * 9,
    ]
    # Type of one size ran on into the issuing department: the metadata ends the title.
    got = _title(tmp_path, [form], title="Verification of Pier Eligibility")[0]
    assert got == "Verification of Pier Eligibility"
    # A metadata title that adds a venue does not win.
    paper = ["<20> Disk Storage for Harbour Video", *[BODY] * 9]
    venue = "Disk Storage for Harbour Video - Transactions on Harbour Engineering"
    assert _title(tmp_path, [paper], title=venue)[0] == "Disk Storage for Harbour Video"


def test_a_running_title_or_a_product_name_on_every_page_may_be_the_title(tmp_path) -> None:
    running = [["<12> THE SIEGE OF HARBOUR TOWN. 4" + str(n), *[BODY] * 12] for n in range(4)]
    assert _title(tmp_path, running)[0] == "THE SIEGE OF HARBOUR TOWN"
    product = [["<15b> PIER6075", *[BODY] * 12] for _ in range(4)]
    product[0][1:1] = ["<14b> Tide Sensor with I2C Interface"]
    assert _title(tmp_path, product)[0].startswith("PIER6075")  # not a banner
    opening = ["<21> 1.1 Harbour Group Passenger Traffic Data", *[BODY] * 12]
    assert _title(tmp_path, [opening])[0] == "Harbour Group Passenger Traffic Data"


def test_a_caption_over_three_lines_is_the_title(tmp_path) -> None:
    caption = [
        "APPEALS BOARD",
        "Charles Goodwin Docket No. 2017-03-1235",
        "V. State File No. 80097-2017",
        "Harbour Pier Services, Inc., et al.",
        *[BODY] * 10,
    ]
    assert _title(tmp_path, [caption])[0] == "Charles Goodwin v. Harbour Pier Services, Inc."


def test_a_dynamic_xfa_forms_placeholder_page_is_not_its_title(tmp_path) -> None:
    placeholder = [
        "<20> Please wait...",
        "If this message is not eventually replaced by the proper contents of the document,",
        "your PDF viewer may not be able to display this type of document.",
    ]
    name = "Application for a Harbour Berth"
    assert _title(tmp_path, [placeholder], title=name, dynamic_xfa=True)[0] == name
    # The same page in an ordinary PDF: its large type wins over the metadata.
    assert _title(tmp_path, [placeholder], title=name)[0] == "Please wait"


def test_a_byline_is_a_line_mostly_of_names() -> None:
    from ingestion.bylines import authors_after
    from ingestion.layout import SizedLine

    def names(*texts: str) -> tuple[str, ...]:
        lines = [SizedLine("Harbour Piers", 20, 0.9)]
        lines += [SizedLine(t, 10, 0.85 - i / 100) for i, t in enumerate(texts)]
        return authors_after(lines, 1)

    # A subtitle whose list holds one name-like piece is no byline; nor is an event's name.
    assert (
        names(
            "Pier Drilling & Sampling Program, Upper River Basin, Fresno and Madera "
            "Counties, California"
        )
        == ()
    )
    assert names("The Harbour Saturdays, Saison I", "University of Brest") == ()
    # Names with dingbat marks, after a lone "by" line; near miss: a byline of names only.
    assert names("Kayla Thomason1☯, Md Ali Babar1☯*, John E. Erickson1☯, Greg Mac2") == (
        "Kayla Thomason",
        "Md Ali Babar",
        "John E. Erickson",
        "Greg Mac",
    )
    assert names("by", "Frank Schmager", "A thesis submitted to the University of Brest") == (
        "Frank Schmager",
    )
    assert names("Ann Lee, Bo Chan and Cy Dunn") == ("Ann Lee", "Bo Chan", "Cy Dunn")


def test_a_byline_loses_its_membership_grades_and_splits_a_name_a_line() -> None:
    from ingestion.bylines import authors_after
    from ingestion.layout import SizedLine

    def names(*texts: str) -> tuple[str, ...]:
        lines = [SizedLine("Harbour Piers", 20, 0.9)]
        lines += [SizedLine(t, 10, 0.85 - i / 100) for i, t in enumerate(texts)]
        return authors_after(lines, 1)

    # A society's grade after the names is no part of them; near miss: a place after names
    # is not a grade (no initials in capitals), so the line stays a subtitle.
    assert names("Ann Lee and Bo Chan, Member, IEEE") == ("Ann Lee", "Bo Chan")
    assert names("Ann Lee and Bo Chan, Senior Member, IEEE") == ("Ann Lee", "Bo Chan")
    assert names("Fresno and Madera Counties, Upper Basin, California") == ()
    # Near miss: a co-author before an organisation's initials is a name, not a grade.
    from ingestion.bylines import unsigned

    assert unsigned("By Jane Roe, John Doe, CNN") == "Jane Roe, John Doe, CNN"
    assert "Bo Chan" in names("Ann Lee, Bo Chan, NASA")
    # One name a line: two people; near miss: a list wrapped after a comma keeps its names.
    assert names("Ann Lee", "Bo Chan", "November 20, 2015") == ("Ann Lee", "Bo Chan")
    assert names("Ann Lee, Bo Chan", ", and Cy Dunn") == ("Ann Lee", "Bo Chan", "Cy Dunn")
    # A line in another size under the names is no name of the byline ("Technical Note #12").
    sized = [SizedLine("Harbour Piers", 20, 0.9), SizedLine("Harbour Board Support", 14, 0.85)]
    sized.append(SizedLine("Technical Note #12", 21, 0.8))
    assert authors_after(sized, 1) == ("Harbour Board Support",)
    # A lone "by" in smaller type over the name is part of the byline.
    signed = [SizedLine("Harbour Piers", 20, 0.9), SizedLine("by", 11, 0.85)]
    signed.append(SizedLine("Frank Schmager", 14, 0.8))
    assert authors_after(signed, 1) == ("Frank Schmager",)


def test_under_a_date_line_a_lone_name_like_line_is_no_byline() -> None:
    from ingestion.bylines import authors_after
    from ingestion.layout import SizedLine

    def names(*texts: str) -> tuple[str, ...]:
        lines = [SizedLine("Harbour Berth Report", 20, 0.9)]
        lines += [SizedLine(t, 10, 0.85 - i / 100) for i, t in enumerate(texts)]
        return authors_after(lines, 1)

    assert names("07/01/2015 - 03/25/2016", "Fiscal Year") == ()
    assert names("March 2016", "Harbour Master") == ()
    # Near misses: the lone name above the date; a signed name or a list of names under it.
    assert names("Harbour Master", "March 2016") == ("Harbour Master",)
    assert names("March 2016", "By Ann Lee") == ("Ann Lee",)
    assert names("March 2016", "Ann Lee and Bo Chan") == ("Ann Lee", "Bo Chan")


def test_a_note_number_after_a_title_goes_but_a_parenthesis_it_opened_stays() -> None:
    def title(last: str) -> str:
        lines = [
            line("Certificate of Wages and Credits", 22, 0.96, True, 0.1, 0.9),
            line(last, 22, 0.93, True, 0.37, 0.6),
            *body(0.8, 20),
        ]
        return front_matter(lines)[0]

    assert title("for the Year 2019 1)") == "Certificate of Wages and Credits for the Year 2019"
    assert title("for the Year 2019²") == "Certificate of Wages and Credits for the Year 2019"
    assert title("(Form 1)") == "Certificate of Wages and Credits (Form 1)"
