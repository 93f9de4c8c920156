"""#10: long documents with bookmarks get an outline summary, stored, shown and exported."""

import json

import pypdf
from click.testing import CliRunner

from app.cli import cli
from ingestion import read_pdf
from ingestion.reader import outline_from
from tests.conftest import text_pdf

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
    from ingestion import sentences
    from summarizer.backends.extractive import ExtractiveBackend
    from summarizer.base import Options
    from summarizer.service import DocInput, Summarizer

    doc = read_pdf(text_pdf(tmp_path / "s.pdf", ["A short note about the harbour works."] * 20))
    item = DocInput(doc.sha256, tuple(sentences(doc)), 1, doc.outline)
    assert Summarizer(ExtractiveBackend(options=Options())).summarize(item).outline == ()
