"""#19: a web page printed to PDF is told by its printout lines or the browser that made the
file, titled by the page or its site, and summarized by its headlines."""

from __future__ import annotations

from pathlib import Path

from ingestion import read_pdf
from ingestion.document import Sentence
from summarizer.base import SummaryOptions
from summarizer.engines import DocInput, Profile, input_for
from summarizer.extractive import ExtractiveEngine
from summarizer.gist import document_kind, gist_line
from summarizer.web_page import headlines, page_title, printout_line, site_name
from tests.conftest import write_pdf

HEADLINES = [
    "Storm closes the northern pier for a week",
    "Ferry fares rise for the first time in ten years",
    "Harbour board names a new master",
    "Fishing fleet returns early as the ice comes in",
    "Lighthouse keeper retires after forty winters",
    "New crane arrives at the eastern dock",
]


def test_a_browsers_printout_lines_are_caught_and_near_misses_pass() -> None:
    assert printout_line("https://harbour.example/news/home 1/3")
    assert printout_line("9/30/22, 3:46 PM Harbour News - Home")
    assert not printout_line("https://harbour.example/news/home")  # an address, no counter
    assert not printout_line("https://harbour.example/news/home 4/3")  # no such page
    assert not printout_line("The board met on 9/30/22 to discuss the pier.")  # no time


def test_the_site_is_the_holder_of_the_copyright_notice() -> None:
    assert site_name(["Copyright © 2022 Harbour News. All rights reserved."]) == "Harbour News"
    assert site_name(["© Harbour News 2019"]) == "Harbour News"  # its year after it
    # Near miss: a sentence about copyright names no holder.
    assert site_name(["Copyright law protects the authors of works in many lands."]) == ""
    front = [Sentence("9/30/22, 3:46 PM Harbour News - Home", 1, "page furniture")]
    assert page_title("", front, ["© 2022 Other Site."]) == "Harbour News - Home"
    assert page_title("Harbour News", (), ()) == "Harbour News"
    assert page_title("", (), ["© 2022 Other Site."]) == "Other Site"


def test_headlines_are_short_blocks_without_a_full_stop_or_capitals_only() -> None:
    front = [
        Sentence("NEWS", 1, "paragraph"),
        *(Sentence(h, 1, "paragraph") for h in HEADLINES[:2]),
        Sentence("The board met on Tuesday and discussed the pier.", 1, "paragraph"),
        Sentence("LATEST BUSINESS NEWS TODAY", 1, "paragraph"),
        Sentence(HEADLINES[2], 1, "page furniture"),
    ]
    assert headlines(front) == HEADLINES[:2]


def test_a_browser_made_file_of_headlines_is_a_web_page() -> None:
    sents = tuple(Sentence(h, 1 + i // 3) for i, h in enumerate(HEADLINES * 4))
    item = DocInput("k", sents, 8, (), Profile(title=HEADLINES[0], page_count=8))
    assert document_kind(item) == "list"  # near miss: nothing says a browser printed it
    printed = Profile(title=HEADLINES[0], page_count=8, made_by="Chromium Skia/PDF m98")
    assert document_kind(DocInput("k", sents, 8, (), printed)) == "web page"
    # A file's name as the metadata title names no page: the line gives no title then.
    named = Profile(title="front-page.pdf", page_count=8, made_by="Chromium Skia/PDF m98")
    line = gist_line(DocInput("k", sents, 8, (), named))
    assert line.startswith("An 8-page web page") and "front-page.pdf" not in line


def _front_page(path: Path, printout: bool) -> Path:
    pages = []
    for n in range(3):
        lines = [f"https://harbour.example/news/home {n + 1}/3"] if printout else []
        for h in HEADLINES:
            lines += [f"<16b> {h}", "<8> HARBOUR", ""]
        if n == 2:
            lines.append("Copyright © 2022 Harbour News. All rights reserved.")
        pages.append(lines)
    return write_pdf(path, pages)


def test_a_printed_front_page_is_named_by_its_site_and_lists_its_headlines(tmp_path) -> None:
    doc = read_pdf(_front_page(tmp_path / "home.pdf", printout=True))
    summary = ExtractiveEngine().summarize_one(input_for(doc), SummaryOptions())
    gist, covers = summary.parts[0].text, summary.parts[1].text
    assert gist.startswith("A 3-page web page, “Harbour News”"), gist
    assert covers.startswith("Its headlines: " + "; ".join(HEADLINES[:3])), covers
    # Near miss: the same pages without a browser's printout lines are no web page.
    plain = read_pdf(_front_page(tmp_path / "plain.pdf", printout=False))
    assert (
        "web page"
        not in ExtractiveEngine().summarize_one(input_for(plain), SummaryOptions()).parts[0].text
    )
