import json
from pathlib import Path

from click.testing import CliRunner

from app.cli import cli

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_extract_prints_clean_text() -> None:
    result = CliRunner().invoke(cli, ["extract", str(SAMPLES / "northwind-quarterly-report.pdf")])
    assert result.exit_code == 0, result.output
    assert "Northwind Cooperative - Internal" not in result.output  # running header removed
    assert "Revenue rose 8 percent" in result.output


def test_extract_json_has_pages_and_sentences_with_pages() -> None:
    result = CliRunner().invoke(
        cli, ["extract", "--json", str(SAMPLES / "synopsis-user-guide.pdf")]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"sha256", "title", "page_count", "metadata", "pages", "sentences"}
    assert data["title"] == "Synopsis User Guide"
    assert [p["number"] for p in data["pages"]] == list(range(1, data["page_count"] + 1))
    assert {"chars", "printable_ratio", "word_ratio"} <= set(data["pages"][0]["quality"])
    assert {s["page"] for s in data["sentences"]} == {1, 2}


def test_extract_error_json_and_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_text("hello")
    result = CliRunner().invoke(cli, ["extract", "--json", str(bad)])
    assert result.exit_code != 0
    err = json.loads(result.output)["error"]
    assert err["kind"] == "not-pdf" and "not a PDF" in err["message"]
    plain = CliRunner().invoke(cli, ["extract", str(bad)])
    assert plain.exit_code != 0 and "Traceback" not in plain.output


def test_extract_json_has_blocks_with_roles_and_boxes(tmp_path: Path) -> None:
    from tests.app.test_structure_golden import BUILDERS

    paper = BUILDERS["paper"](tmp_path / "paper.pdf")
    result = CliRunner().invoke(cli, ["extract", "--json", str(paper)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["extractor"] == "pdfium"
    blocks = data["blocks"]
    by_role = {}
    for b in blocks:
        by_role.setdefault(b["role"], []).append(b)
        x0, y0, x1, y1 = b["bbox"]
        assert 0 <= x0 <= x1 <= 1 and 0 <= y0 <= y1 <= 1
    assert [b["text"] for b in by_role["title"]] == [data["title"]]
    assert by_role["authors"][0]["page"] == 1 and "Ada Lovelace" in by_role["authors"][0]["text"]
    assert by_role["abstract"][0]["text"].startswith("Abstract")
    headings = [(b["text"], b["level"]) for b in by_role["heading"]]
    assert ("1 Introduction", 0) in headings and ("References", 0) in headings
    assert by_role["reference"][0]["text"].startswith("[1]")
    assert all(b["text"] == "Journal of Harbour Works, Vol. 7" for b in by_role["page furniture"])
    assert len(by_role["page furniture"]) == 2  # the running header, on both pages
    # The title block sits above the authors, above the abstract.
    assert by_role["title"][0]["bbox"][1] > by_role["authors"][0]["bbox"][3] - 1e-3
    # Plain text has no blocks: they are measured only for --json.
    assert "blocks" not in CliRunner().invoke(cli, ["extract", str(paper)]).output


def test_text_beyond_the_bmp_and_lone_surrogates_reach_every_output(tmp_path: Path) -> None:
    """PDFium gives a math-italic 𝑥 as two UTF-16 halves and a broken map as a lone half
    (#20): the pair becomes one character (NFKC then makes the cleaned text's 𝑥 an x that
    search finds; 𠜎 stays), the lone half U+FFFD, and nothing crashes."""
    from tests.conftest import text_pdf

    folder = tmp_path / "papers"
    folder.mkdir()
    pdf = text_pdf(
        folder / "acm.pdf",
        ["Let ~ be the number of disks, and ^ a broken glyph, in each placement we test."] * 20,
        heading=["Placement of | on Parallel Disks"],
        to_unicode={"~": "\U0001d465", "|": "\U0002070e", "^": "\ud835"},
    )
    result = CliRunner().invoke(cli, ["extract", "--json", str(pdf)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "Placement of \U0002070e on Parallel Disks"
    assert "Let x be the number" in data["pages"][0]["text"]
    assert "and \ufffd a broken glyph" in data["pages"][0]["text"]
    assert any("Let x be the number" in b["text"] for b in data["blocks"])
    db = tmp_path / "lib.sqlite"
    args = ["summarize", str(folder), "--db", str(db), "--engine", "extractive", "--sidecar"]
    summarized = CliRunner().invoke(cli, args)
    assert summarized.exit_code == 0, summarized.output
    assert "\U0002070e" in (folder / "acm.pdf.md").read_text(encoding="utf-8")
    assert "Placement of \U0002070e" in CliRunner().invoke(cli, ["list", "--db", str(db)]).output
    for fmt in ("md", "json", "csv"):
        out = CliRunner().invoke(
            cli, ["export", "--db", str(db), "--format", fmt, "--out", str(tmp_path / "x")]
        )
        assert out.exit_code == 0, out.output
    assert "\U0002070e" in (tmp_path / "x" / "synopsis-library.json").read_text(encoding="utf-8")
