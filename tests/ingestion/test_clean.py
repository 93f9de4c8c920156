from ingestion.clean import (
    clean_pages,
    dehyphenate,
    normalize,
    reflow,
    rejoin_ligatures,
    strip_running_lines,
)


def test_normalize_expands_ligatures_and_line_ends() -> None:
    assert normalize("e\ufb03cient \ufb01le\r\nnext\u00a0word") == "efficient file\nnext word"


def test_soft_hyphen_at_line_end_becomes_joinable() -> None:
    assert dehyphenate(normalize("summa\u00ad\nrizer")) == "summarizer"


def test_dehyphenate_joins_words_split_at_line_break() -> None:
    assert dehyphenate("the summa-\nrizer works") == "the summarizer works"


def test_dehyphenate_keeps_hyphen_before_capital_or_digit() -> None:
    assert dehyphenate("pre-\nWar years") == "pre-\nWar years"
    assert dehyphenate("covid-\n19 cases") == "covid-\n19 cases"


def test_reflow_joins_wrapped_lines_and_keeps_paragraphs() -> None:
    text = (
        "This is a long line of text that wraps onto the next line of the\n"
        "same paragraph and goes on a little longer than that before it\n"
        "ends.\n\nA second paragraph starts here and runs on for a while too\n"
        "until it ends."
    )
    paragraphs = reflow(text).split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("This is a long line") and paragraphs[0].endswith("ends.")
    assert "\n" not in paragraphs[0]


def test_reflow_starts_new_paragraph_at_bullets() -> None:
    text = "Items we need for the trip to the coast next week are:\n• tents\n• stoves"
    assert reflow(text).split("\n\n") == [
        "Items we need for the trip to the coast next week are:",
        "• tents",
        "• stoves",
    ]


def test_running_headers_footers_and_page_numbers_are_removed() -> None:
    pages = [
        f"ACME Quarterly Review\nBody text of page {n} about topic {n}.\nMore text.\nPage {n} of 5"
        for n in range(1, 6)
    ]
    cleaned = strip_running_lines(pages)
    for n, page in enumerate(cleaned, start=1):
        assert "ACME Quarterly Review" not in page
        assert f"Page {n} of 5" not in page
        assert f"Body text of page {n}" in page


def test_lines_repeated_on_few_pages_are_kept() -> None:
    pages = ["Introduction\nalpha text here"] + [f"Other {n}\nbeta text" for n in range(5)]
    assert "Introduction" in strip_running_lines(pages)[0]


def test_clean_pages_runs_every_step() -> None:
    pages = [
        f"Header Line\nThe e\ufb00ect of ﬁne tuning is well-\nknown today.\n{n}" for n in range(4)
    ]
    out = clean_pages(pages)
    assert out[0] == "The effect of fine tuning is wellknown today."


def test_table_rows_stand_alone_instead_of_gluing_onto_prose() -> None:
    from ingestion.clean import reflow

    text = (
        "Pier Built Footing Repairs\nNorth 1 1921 timber 14\nNorth 2 1950 stone 6\n"
        "Harbour walls built of timber decay quickly where fresh and salt\n"
        "water meet, and 3 of 12 piers needed work in 2024.\n"
    )
    paragraphs = reflow(text).split("\n\n")
    assert paragraphs[1:3] == ["North 1 1921 timber 14", "North 2 1950 stone 6"]
    assert paragraphs[-1].startswith("Harbour walls") and paragraphs[-1].endswith("2024.")


def test_printer_slugs_are_removed_wherever_they_sit() -> None:
    slug = (
        "VerDate Sep<11>2014 16:21 Aug 05, 2020 Jkt 250001 PO 00000 Frm 00001 Fmt 4702 "
        "Sfmt 4702 E:\\FR\\FM\\06AUP1.SGM 06AUP1"
    )
    quark = "14773_00_i-xviii_r9jm.qxd 3/1/04 9:45 AM Page 3"
    page = f"The board met on Monday.\n{slug}\nIt approved the repairs.\n{quark}\nThen it rose."
    out = strip_running_lines([page])[0]
    assert "VerDate" not in out and ".qxd" not in out
    assert out.split("\n") == [
        "The board met on Monday.",
        "It approved the repairs.",
        "Then it rose.",
    ]
    kept = "The VerDate of the notice is printed on the last page of each issue."
    assert strip_running_lines([kept]) == [kept]


def test_chapter_running_heads_of_long_documents_are_removed() -> None:
    """A book changes its running head by chapter: three pages sharing it make it furniture."""
    pages = []
    for n in range(1, 13):
        head = "Chapter 5 USAID/Moscow: Results" if n <= 4 else f"Notes on part {n}"
        pages.append(f"{head} {40 + n}\nMost Russian citizens on page {n} voted.\nMore words.")
    cleaned = strip_running_lines(pages)
    assert not any("USAID/Moscow" in p for p in cleaned)
    assert all(f"Most Russian citizens on page {n} voted." in p for n, p in enumerate(cleaned, 1))
    # A short document keeps a line that only three of its pages share.
    heads = ["Harbour works"] * 3 + ["Alpha", "Beta", "Gamma", "Delta"]
    short = [f"{head} {n}\nBody {n}." for n, head in enumerate(heads, 1)]
    assert sum("Harbour works" in p for p in strip_running_lines(short)) == 3


def test_a_masthead_in_the_middle_of_the_text_is_removed() -> None:
    masthead = "Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules"
    pages = [
        f"The agency proposes rule {n}.\nIt was involved in an\n{masthead}\n"
        f"accident on day {n}.\nEnd."
        for n in range(1, 6)
    ]
    cleaned = strip_running_lines(pages)
    assert not any("Federal Register / Vol." in p for p in cleaned)
    assert all("It was involved in an\naccident on day" in p for p in cleaned)


def test_footnote_marks_after_a_sentence_end_go_and_numbers_stay() -> None:
    (page,) = clean_pages(
        [
            "The FAA issued an interim corrective action.6 The FAA sent it to owners. "
            "See No.6 The list. Version 2.6 The end. He said: 12 People came."
        ]
    )
    assert "corrective action. The FAA sent" in page
    assert "No.6 The list" in page and "Version 2.6 The end" in page and "said: 12" in page


def test_surrogate_halves_are_joined_and_a_lone_half_replaced() -> None:
    from ingestion.clean import whole_characters

    assert whole_characters("a\ud835\udc65b") == "a\U0001d465b"
    assert whole_characters("\udc65a\ud835") == "\ufffda\ufffd"
    assert whole_characters("plain") == "plain"


def test_surrogates_are_found_as_the_search_finds_them() -> None:
    # has_surrogates (an encoding, #19's speed pass) answers as the regex's search of them
    from ingestion.clean import _SURROGATES, has_surrogates, whole_characters

    texts = ["plain", "café ﬁ “x” 𝑥", "a\ud835\udc65b", "\udfff", "é\ud800", "\ue000\uffff", ""]
    for text in texts:
        assert has_surrogates(text) == bool(_SURROGATES.search(text))
    assert [has_surrogates(t) for t in texts] == [False, False, True, True, True, False, False]
    assert whole_characters("é\ud800x") == "é\ufffdx"


def test_copies_of_one_page_keep_their_lines() -> None:
    """A letter and its copy, a page scanned twice (#20): copies make no furniture."""
    pages = ["Dear Clerk,\nThe pier was rebuilt.\nMore text.\nYours, Ada"] * 2
    assert all("Dear Clerk," in p and "Yours, Ada" in p for p in strip_running_lines(pages))


def test_a_word_split_after_its_ligature_is_joined_where_the_document_spells_it() -> None:
    pages = ["Savoir défi nir l’acidose.", "Il faut définir la réponse. Le staff members."]
    assert rejoin_ligatures(pages) == [
        "Savoir définir l’acidose.",
        "Il faut définir la réponse. Le staff members.",
    ]
    # Near miss: a second half the document uses as a word of its own stays apart.
    apart = ["Work offline when you can.", "Switch it off line by line."]
    assert rejoin_ligatures(apart) == apart
