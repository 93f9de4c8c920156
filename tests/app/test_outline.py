"""#10: long documents with bookmarks get an outline summary, stored, shown and exported."""

import json

import pypdf
from click.testing import CliRunner

from app.cli import cli
from ingestion import read_pdf
from ingestion.outline import outline_from
from tests.conftest import corpus_document, text_pdf

CHAPTERS = {
    "Harbour history": "The harbour was dug by hand in the old town and served fishing boats.",
    "The northern pier": "The northern pier cracked in the storm and the board planned repairs.",
    "Budget and plans": "The repairs cost two million crowns and will end before next winter.",
}


def book(tmp_path):
    paragraphs = []
    for chapter, sentence in CHAPTERS.items():
        variants = [
            f"{sentence} Part {i} of the chapter on {chapter.lower()} adds detail."
            for i in range(60)
        ]
        paragraphs += variants
    plain = text_pdf(tmp_path / "plain.pdf", paragraphs)
    writer = pypdf.PdfWriter(clone_from=str(plain))
    pages = len(writer.pages)
    assert pages >= 12
    starts = [0, pages // 3, 2 * pages // 3]
    for (chapter, _), start in zip(CHAPTERS.items(), starts, strict=True):
        parent = writer.add_outline_item(title=chapter, page_number=start)
        writer.add_outline_item(title=f"{chapter}: a subsection", page_number=start, parent=parent)
    path = tmp_path / "book.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    return path, pages, starts


def test_bookmarks_become_sections_with_page_ranges(tmp_path) -> None:
    path, pages, starts = book(tmp_path)
    doc = read_pdf(path)
    top = [s for s in doc.outline if s.level == 0]
    assert [s.title for s in top] == list(CHAPTERS)
    assert [(s.first_page, s.last_page) for s in top] == [
        (starts[0] + 1, starts[1]),
        (starts[1] + 1, starts[2]),
        (starts[2] + 1, pages),
    ]
    assert len(doc.outline) == 6  # subsections too


def test_out_of_order_bookmarks_are_dropped() -> None:
    sections = outline_from([(0, "A", 1), (0, "C", 9), (0, "B", 4)], 12)
    assert [(s.title, s.first_page, s.last_page) for s in sections] == [("A", 1, 8), ("C", 9, 12)]


def test_outline_summary_is_stored_shown_and_exported(tmp_path) -> None:
    path, _pages, _starts = book(tmp_path)
    db = tmp_path / "o.sqlite"
    runner = CliRunner()
    result = runner.invoke(cli, ["summarize", str(path), "--db", str(db), "--engine", "extractive"])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(cli, ["show", "1", "--db", str(db), "--json"]).output
    outline = json.loads(shown)["summaries"][0]["outline"]
    assert [o["title"] for o in outline] == list(CHAPTERS)
    for o, sentence in zip(outline, CHAPTERS.values(), strict=True):
        assert sentence.split()[1] in o["text"]  # each section summarized from its own pages
    text = runner.invoke(cli, ["show", "1", "--db", str(db)]).output
    assert "Outline:" in text and "§ The northern pier" in text
    runner.invoke(cli, ["export", "--db", str(db), "--format", "md", "--out", str(tmp_path)])
    exported = (tmp_path / "synopsis-library.md").read_text()
    assert "### Outline" in exported and "**Budget and plans**" in exported


def test_short_documents_get_no_outline(tmp_path) -> None:
    from ingestion import document_sentences
    from summarizer.base import SummaryOptions
    from summarizer.engines import DocInput
    from summarizer.extractive import ExtractiveEngine

    doc = read_pdf(text_pdf(tmp_path / "s.pdf", ["A short note about the harbour works."] * 20))
    item = DocInput(doc.sha256, tuple(document_sentences(doc)), 1, doc.outline)
    assert ExtractiveEngine().summarize_one(item, SummaryOptions()).outline == ()


def test_numbered_headings_make_an_outline_without_bookmarks(tmp_path) -> None:
    from ingestion.outline import numbered_headings

    pages = [
        "Harbour Study\n1. Introduction\nThe harbour is old.\n1. a list item, not a heading",
        "2. Methods\nWe measured the pier.\nTable 3 Values\n7 Cells look like headings",
        "3. Results\nThe pier is cracked.\n4. Conclusions\nRepair it before winter.",
    ]
    assert numbered_headings(pages) == [
        (0, "1. Introduction", 1),
        (0, "2. Methods", 2),
        (0, "3. Results", 3),
        (0, "4. Conclusions", 3),
    ]
    assert numbered_headings(pages[:1]) == []  # one heading is no outline
    # Manuals: "Chapter N." headings, with the page number printed on the same line.
    chapters = [f"Chapter {n}. Part {n} of the Manual {n * 10 + 1}\nText." for n in (1, 2, 3)]
    assert [t for _, t, _ in numbered_headings(chapters)] == [
        "Chapter 1. Part 1 of the Manual",
        "Chapter 2. Part 2 of the Manual",
        "Chapter 3. Part 3 of the Manual",
    ]


def test_sections_sharing_a_page_get_their_own_sentences() -> None:
    from ingestion.document import Section, Sentence
    from summarizer.base import SummaryOptions
    from summarizer.engines import DocInput
    from summarizer.extractive import ExtractiveEngine

    body = [
        Sentence(f"The harbour study describes pier number {i} in useful detail.", 1 + i // 8)
        for i in range(80)
    ]
    results = Sentence("Results: the survey found the northern pier cracked in two places.", 10)
    conclusions = Sentence("Conclusions: the board should repair the pier before winter.", 10)
    sents = (*body, results, conclusions)
    outline = (
        Section(0, "1 Study", 1, 9),
        Section(0, "2 Results", 10, 10),
        Section(0, "3 Conclusions", 10, 10),
    )
    summary = ExtractiveEngine().summarize_one(DocInput("k", sents, 10, outline), SummaryOptions())
    texts = {o.title: o.text for o in summary.outline}
    assert "cracked" in texts["2 Results"] and "repair" not in texts["2 Results"]
    assert "repair" in texts["3 Conclusions"]


def paper(tmp_path):
    return text_pdf(
        tmp_path / "paper.pdf",
        [
            "Abstract We study the northern pier of the old harbour and show how to repair it.",
            "Our survey of the cracks gives the board a plan it can afford this year.",
            "Keywords harbour, pier, repair",
            "1 Introduction",
        ]
        + [
            f"Section text {i} explains how the harbour board surveyed the pier in detail."
            for i in range(40)
        ],
        heading=["Repairing the Northern Pier"],
        title="template title",
    )


def test_authors_and_abstract_are_read_stored_shown_and_kept_out_of_the_summary(
    tmp_path,
) -> None:
    from ingestion.bylines import authors_after
    from ingestion.layout import SizedLine

    # Author lines as PDFium gives them: footnote marks and commas between names.
    lines = [
        SizedLine("A Title", 20, 0.9),
        SizedLine("Ada Lovelace∗, Charles Babbage†", 10, 0.85),
        SizedLine(", and Mary van Berg‡", 10, 0.84),
        SizedLine("University of London", 9, 0.83),
    ]
    assert authors_after(lines, 1) == ("Ada Lovelace", "Charles Babbage", "Mary van Berg")
    # A journal's byline: each name over its affiliation, a lone "and" before the next (#19).
    stacked = [
        SizedLine("A Title", 20, 0.9),
        SizedLine("LEANA GOLUBCHIK", 10, 0.85),
        SizedLine("Department of Computer Science", 9, 0.84),
        SizedLine("and", 9, 0.83),
        SizedLine("SANJEEV KHANNA", 10, 0.82),
        SizedLine("University of Pennsylvania, Philadelphia", 9, 0.81),
        SizedLine("A preliminary version of this paper was presented in 2000.", 9, 0.80),
        SizedLine("and", 9, 0.79),
        SizedLine("NOT AN AUTHOR", 9, 0.78),
    ]
    assert authors_after(stacked, 1) == ("LEANA GOLUBCHIK", "SANJEEV KHANNA")
    # Without the lone "and", the affiliation ends the byline.
    del stacked[3]
    assert authors_after(stacked, 1) == ("LEANA GOLUBCHIK",)

    doc = read_pdf(paper(tmp_path))
    assert doc.title == "Repairing the Northern Pier"
    assert doc.abstract.startswith("We study the northern pier")
    assert doc.abstract.endswith("this year.")
    db = tmp_path / "p.sqlite"
    runner = CliRunner()
    runner.invoke(
        cli, ["summarize", str(tmp_path / "paper.pdf"), "--db", str(db), "--engine", "extractive"]
    )
    shown = json.loads(runner.invoke(cli, ["show", "1", "--db", str(db), "--json"]).output)
    assert shown["abstract"] == doc.abstract
    parts = shown["summaries"][0]["parts"]
    points = " ".join(p["text"] for p in parts if p["kind"] == "point")
    assert "We study the northern pier" not in points  # the author's words stay theirs:
    quoted = [p["text"] for p in parts if p["kind"] == "abstract"]  # quoted as theirs (#19)
    assert quoted and quoted[0].startswith("We study the northern pier")
    text = runner.invoke(cli, ["show", "1", "--db", str(db)]).output
    assert "Author's abstract:" in text
    runner.invoke(cli, ["export", "--db", str(db), "--format", "md", "--out", str(tmp_path)])
    assert "**Author's abstract.** We study" in (tmp_path / "synopsis-library.md").read_text()


def test_search_hits_name_their_section(tmp_path) -> None:
    from app.store import Store

    path, _pages, _starts = book(tmp_path)
    db = tmp_path / "s.sqlite"
    CliRunner().invoke(cli, ["summarize", str(path), "--db", str(db), "--engine", "extractive"])
    with Store(db) as store:
        (hit,) = store.search("Part 59 northern pier")
    assert hit.where.startswith("§ The northern pier, p. ")


def test_a_heading_outranks_the_same_words_in_body_text(tmp_path) -> None:
    from app.store import Store

    filler = [
        f"Paragraph {i} records the weather, the tides and the boats of the day."
        for i in range(500)
    ]
    plain = text_pdf(tmp_path / "logbook.pdf", filler)
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.add_outline_item(title="Daily records", page_number=0)
    writer.add_outline_item(title="Lighthouse Restoration", page_number=6)
    headed = tmp_path / "headed.pdf"
    with headed.open("wb") as fh:
        writer.write(fh)
    text_pdf(
        tmp_path / "mention.pdf",
        [*filler[:250], "The town once discussed a lighthouse restoration, then forgot it."],
    )
    db = tmp_path / "h.sqlite"
    for name in ("headed.pdf", "mention.pdf"):
        CliRunner().invoke(
            cli, ["summarize", str(tmp_path / name), "--db", str(db), "--engine", "extractive"]
        )
    with Store(db) as store:
        hits = store.search("lighthouse restoration")
    assert [h.path.rsplit("/", 1)[-1] for h in hits] == ["headed.pdf", "mention.pdf"]
    assert hits[0].where == "§ Lighthouse Restoration, p. 7"


def test_printed_table_of_contents_makes_an_outline_on_pdf_pages(tmp_path) -> None:
    """A cover and a contents page come before printed page 1: the outline's pages are PDF
    pages, found from the headings the contents names; a form's dot leaders make none."""
    from ingestion import read_pdf
    from tests.conftest import write_pdf

    body = "The harbour board studied the pier and wrote down what it found in detail."
    contents = [
        "Table of Contents",
        "Preface ........................................ ii",
        "Introduction ................................... 1",
        "Survey of the Northern Pier .................... 2",
        "Repairs and Their Cost ......................... 4",
        "Appendix A: Tide Tables ........................ 5",
    ]
    pages = [
        ["Harbour Works Report", "Prepared for the harbour board"],
        contents,
        ["Introduction", body, body],
        ["Survey of the Northern Pier", body, body],
        [body, body, body],
        ["Repairs and Their Cost", body, body],
        ["Appendix A: Tide Tables", body],
    ]
    doc = read_pdf(write_pdf(tmp_path / "report.pdf", pages))
    assert [(s.title, s.first_page, s.last_page) for s in doc.outline] == [
        ("Introduction", 3, 3),
        ("Survey of the Northern Pier", 4, 5),
        ("Repairs and Their Cost", 6, 6),
        ("Appendix A: Tide Tables", 7, 7),
    ]
    form = [
        ["Wages, salaries, tips ........... 7", "Taxable interest ........... 8a"],
        ["Ordinary dividends ........... 9", "Alimony received ........... 11"],
        ["Business income ........... 12", "Capital gain ........... 13", body],
    ]
    assert read_pdf(write_pdf(tmp_path / "form.pdf", form)).outline == ()


def test_a_glued_heading_is_cut_but_a_sentence_about_it_is_kept() -> None:
    from summarizer.sections import without_heading

    assert without_heading("Conclusions The pier holds.", "9. Conclusions") == "The pier holds."
    kept = "The northern pier cracked in the storm."
    assert without_heading(kept, "The northern pier") == kept


def headed_book(tmp_path):
    """12+ pages, no bookmarks, no contents page, no numbers: chapters in larger bold type,
    sections in bold at body size, a running header."""
    paragraphs: list[str] = []
    for chapter, sentence in CHAPTERS.items():
        paragraphs.append(f"## {chapter}")
        for part in ("Findings", "Costs"):
            paragraphs.append(f"** {part} of {chapter.lower()}")
            paragraphs += [f"{sentence} Note {i} on {part.lower()} adds detail." for i in range(28)]
    return text_pdf(
        tmp_path / "headed.pdf",
        paragraphs,
        header="Harbour board, 2024",
        heading=["Harbour Review"],
    )


def test_headings_in_larger_and_bold_type_make_an_outline(tmp_path) -> None:
    path = headed_book(tmp_path)
    doc = read_pdf(path)
    assert doc.page_count >= 10
    top = [s for s in doc.outline if s.level == 0]
    assert [s.title for s in top] == list(CHAPTERS)
    subs = [s.title for s in doc.outline if s.level == 1]
    assert subs == [f"{p} of {c.lower()}" for c in CHAPTERS for p in ("Findings", "Costs")]
    assert top[0].first_page < top[1].first_page < top[2].first_page
    assert top[-1].last_page == doc.page_count
    assert "Harbour board, 2024" not in [s.title for s in doc.outline]  # a running head


def test_sized_lines_read_word_starts_as_every_glyph_would(tmp_path) -> None:
    import pypdfium2 as pdfium

    from ingestion.line_sizes import _sized_lines_by_char, sized_lines

    pdf = pdfium.PdfDocument(str(headed_book(tmp_path)))
    bold = []
    try:
        for page in list(pdf)[:3]:
            textpage = page.get_textpage()
            fast = sized_lines(textpage, page.get_height())
            slow = _sized_lines_by_char(textpage, page.get_height())
            assert [(ln.text, ln.size, ln.top) for ln in fast] == [
                (ln.text, ln.size, ln.top) for ln in slow
            ]
            bold += [ln.bold for ln in fast]
    finally:
        pdf.close()
    assert any(bold) and not all(bold)


def test_corpus_outlines_from_bold_headings_and_none_for_a_table(corpus) -> None:
    register = corpus_document("pdfs", "pdfplumber_federal-register-2020-17221.pdf")
    titles = [s.title for s in register.outline]
    assert {"Background", "Comments Invited", "Proposed Design Changes"} <= set(titles)
    assert not any("Federal Register / Vol." in t for t in titles)  # the running head
    warn = corpus_document("pdfs", "pdfplumber_ca-warn-report.pdf")
    assert warn.outline == ()  # a table's header cells are not sections
    assoc = corpus_document("pdfs", "formatcorpus_govdocs-050734.pdf")  # one root bookmark
    top = [s.title for s in assoc.outline if s.level == 0]
    assert len(top) > 10 and "California" in top
