"""#19: a datasheet's figures line names quantities in words, from the main spec table and
the pages before it, in the order printed; part codes, symbols and the packaging and
soldering rows after the spec table are left out."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.spec_figures import figures_line, quantity_name, spec_pages


def _sheet(pages: list[list[str]]) -> list[Sentence]:
    return [Sentence(t, n, "paragraph", "") for n, page in enumerate(pages, 1) for t in page]


FEATURES = ["• Operation voltage: 1.7 V to 3.6 V", "• Temperature range: -40 °C to +85 °C"]
SPEC_TABLE = [
    "UNIT Supply current 480 µA Sampling rate 10 Hz Output range 16 bit",
    "Resolution 2 mm Peak sensitivity 365 nm Emitter IRED 940 nm Chip DIE 30 μm",
]
PACKING = [
    "Soldering temperature: 400 °C (max.)",
    "Peak temperature 255 °C Tube 60 °C Reel width 12 mm Cover tape 5 N",
]


def test_a_quantity_is_named_in_words_not_by_a_part_code() -> None:
    assert quantity_name("Operation voltage") and quantity_name("Gewicht")
    assert not quantity_name("IRED") and not quantity_name("VDD") and not quantity_name("")
    assert not quantity_name("Emitter IRED")  # a code next to the figure


def test_the_figures_line_ends_with_the_main_spec_table() -> None:
    sentences = _sheet([FEATURES, SPEC_TABLE, ["The sensor is read over a serial bus."], PACKING])
    assert spec_pages(sentences) == 2  # the page with the most figures
    line = figures_line(sentences)
    assert line.startswith("Its figures: Operation voltage 1.7 to 3.6 V; Temperature range")
    assert "Supply current 480 µA" in line and "Peak sensitivity 365 nm" in line
    assert line.index("Operation voltage") < line.index("Supply current")  # order printed
    # Part codes and packaging rows are not named; the unnamed figures stay out of the line.
    for left_out in ("IRED", "DIE", "940 nm", "Soldering", "Peak temperature", "Tube", "Reel"):
        assert left_out not in line, left_out
    # Near miss: the same rows before the spec table's page are kept.
    early = figures_line(_sheet([FEATURES + PACKING, SPEC_TABLE]))
    assert "Soldering temperature 400 °C" in early or "Peak temperature 255 °C" in early
