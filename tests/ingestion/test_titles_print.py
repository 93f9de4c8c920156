"""Title rules of #20 for print where no type stands out or the page is not one document:
capitals over a byline (an old journal's article, its OCR'd old-style figures as digits),
side-by-side panels. Each rule has a case it must catch and one it must pass, on PDFs built
here ("<N> " sets a line in N-point type, "b" bold, "c" centred)."""

from ingestion import read_pdf
from ingestion.bylines import old_style_figures
from ingestion.layout import SizedLine
from ingestion.titles import capitals_over_byline
from tests.conftest import write_pdf

BODY = "The board met on Tuesday and discussed the repairs of the northern pier in detail."


def _read(tmp_path, pages, **kwargs):
    doc = read_pdf(write_pdf(tmp_path / "t.pdf", pages, **kwargs))
    return doc.title, doc.authors


def test_capitals_right_above_a_byline_are_the_title_with_their_figures_as_digits(tmp_path):
    article = [
        "<11c> J. Harb. Eng. (I955) I28, 54I-546",
        "<11c> RECOVERY OF TIMBER PIERS FROM WATER",
        "<11c> BETWEEN o AND i°C BY SLOW DRYING",
        "<11c> By R. K. ANDJUS* AND J. E. LOVELOCK",
        "<11c> From the Harbour Institute, Riverton",
        *[BODY] * 12,
    ]
    title, authors = _read(tmp_path, [article])
    assert title == "RECOVERY OF TIMBER PIERS FROM WATER BETWEEN 0 AND 1°C BY SLOW DRYING"
    assert authors == ("R. K. ANDJUS", "J. E. LOVELOCK")
    # A running head in capitals off the title's axis stays out of it.
    running = ["<11> HARBOUR REVIEW", *article[1:]]
    assert _read(tmp_path, [running])[0].startswith("RECOVERY OF TIMBER PIERS")


def test_capitals_without_a_byline_under_them_are_not_taken_by_that_rule() -> None:
    def line(text, top):
        return SizedLine(text, 11.0, top, False, 0.2, 0.8, top - 0.02)

    caps = [line("RECOVERY OF TIMBER PIERS", 0.9), line("BETWEEN o AND i°C", 0.88)]
    byline = line("By R. K. ANDJUS AND J. E. LOVELOCK", 0.86)
    body = [line(BODY, 0.84 - 0.02 * i) for i in range(8)]
    assert capitals_over_byline([*caps, byline, *body])[0] == (
        "RECOVERY OF TIMBER PIERS BETWEEN 0 AND 1°C"
    )
    assert capitals_over_byline([*caps, *body]) == ("", ())
    # A party's line in capitals under a case's name is no byline: no "By", no initials.
    party = line("SUING BY HIS MOTHER AND NEXT FRIEND MARY JONES", 0.86)
    assert capitals_over_byline([*caps, party, *body]) == ("", ())
    mixed = [line("Recovery of Timber Piers", 0.9), byline, *body]
    assert capitals_over_byline(mixed) == ("", ())


def test_old_style_figures_are_digits_only_in_a_line_of_capitals() -> None:
    assert old_style_figures("TIDES OF I955 AT o°C") == "TIDES OF 1955 AT 0°C"
    assert old_style_figures("Tides of I955 at o°C") == "Tides of I955 at o°C"
    assert old_style_figures("FORM I-9 AND IOI") == "FORM I-9 AND IOI"  # no digit beside


def _side_by_side(left: str, right: str) -> str:
    """Two panels, one in each half of the page, each a line of 20-point bold type over a
    line of body type, written one panel after the other."""
    panels = [
        f"BT /F2 20 Tf {x} 740 Td ({head}) Tj 0 -16 Td /F1 11 Tf (Every day of the week) Tj ET"
        for x, head in ((40, left), (330, right))
    ]
    return f"%ops ET {' '.join(panels)} BT /F1 11 Tf 72 700 Td 14 TL"


def test_side_by_side_panel_headings_are_the_title_together(tmp_path) -> None:
    flyer = [
        _side_by_side("Harbour Tours 1.5% Off", "Pier Cafe Open Late"),
        "** Terms of the Offer",
        *[BODY] * 12,
    ]
    # A leaflet's two offers, not one of them and not the fine print's heading.
    assert _read(tmp_path, [flyer])[0] == "Harbour Tours 1.5% Off / Pier Cafe Open Late"
    # A title with a one-word stamp beside it (a year, an edition) is still the title.
    cover = [_side_by_side("Harbour Tours Daily", "2024"), "** Terms of the Offer", *[BODY] * 12]
    assert _read(tmp_path, [cover])[0] == "Harbour Tours Daily"


def test_a_stamp_in_the_metadata_points_to_the_line_that_is_the_title(tmp_path) -> None:
    page = [
        "Department of Harbours Riverton Pier Service",
        "Instructions for Form 3115",
        "(Rev. November 1987)",
        *[BODY] * 12,
    ]
    stamp = "INSTRUCTIONS 3115 (REV. 11-1987)"
    assert _read(tmp_path, [page], title=stamp)[0] == "Instructions for Form 3115"
    # A stamp whose words no line holds is no title, and points nowhere.
    other = "MINUTES 4410 (REV. 2-1990)"
    assert "4410" not in _read(tmp_path, [page], title=other)[0]
    # A title without a revision mark is read as it is.
    assert _read(tmp_path, [page], title="Harbour Form Guide")[0] == "Harbour Form Guide"


def test_a_scans_field_numbers_and_a_line_citing_authors_are_passed_over(tmp_path) -> None:
    from ingestion.title_choice import guess_title

    codes = "\n".join(f"({n})" for n in (54, 71, 72, 73, 21, 22, 86, 87, 65, 30, 51, 52))
    body = f"Applicant: Harbour Board, Riverton\n{BODY}"
    title = "USES OF TIMBER PILES\nIN PIERS"  # in capitals, over two lines
    front = f"(12) United States Patent Lovelace et al.\n{codes}\n{title}\n{body}"
    assert guess_title({}, front, tmp_path / "p.pdf") == "USES OF TIMBER PILES IN PIERS"
    # The authors on a line of their own under the series' line, as a scan reads them.
    apart = front.replace(" Lovelace et al.", "\nLovelace et al.")
    assert guess_title({}, apart, tmp_path / "p.pdf") == "USES OF TIMBER PILES IN PIERS"
    # A first line citing no authors is the title, as before.
    plain = front.replace("(12) United States Patent Lovelace et al.", "Harbour Board Report")
    assert guess_title({}, plain, tmp_path / "p.pdf") == "Harbour Board Report"


def test_a_scans_running_head_is_its_title_in_the_copy_read_most_often() -> None:
    from ingestion.title_text import running_title

    left = [
        "12 THE SIEGE OF HARB0UR TOWN",
        "14 THE SIEGE OF HARBOUR TOWN",
        "16 THE SIEGE OF HARBOUR TOWN",
    ]
    right = ["Chapter One. The Piers 13", "Chapter 0ne. The Piers 15", "Chapter One. The Pier 17"]
    pages = [f"{head}\n{BODY}\n{BODY}" for pair in zip(left, right, strict=True) for head in pair]
    # The first page's head recurs (one letter misread) atop two more of six pages.
    assert running_title(pages) == "THE SIEGE OF HARBOUR TOWN"
    cjk = [f"{n} 第一篇”商{c}和货币\n{BODY}" for n, c in ((12, "蛙"), (14, "品"), (16, "品"))]
    assert running_title(cjk) == "第一篇”商品和货币"
    # A first line found on too few pages is no running head.
    assert running_title(pages[:2] + [f"Piers\n{BODY}"] * 4) == ""
