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
