"""#19: a ligature whose glyph maps to no text ("diculties") is spelled out again, from the
glyph's box and the document's own words; a hyphen at a line's end is left to dehyphenation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingestion import read_pdf
from ingestion.clean import restore_ligatures

# Helvetica's "Æ" is wider than tall (a glyph of three letters), "Þ" narrower (two); both are
# mapped to U+0000 by the font's /ToUnicode, as a font without ligature mappings does.
LOST = {"Æ": "\x00", "Þ": "\x00"}


def test_lost_ligatures_are_spelled_from_the_glyph_box_and_the_vocabulary(
    make_pages_pdf: Callable[..., Path],
) -> None:
    pdf = make_pages_pdf(
        "lost.pdf",
        [["The diÆculties of an eÞective plan were great.", "An effective plan is rare."]],
        to_unicode=LOST,
    )
    text = " ".join(p.text for p in read_pdf(pdf).pages)
    assert "The difficulties of an effective plan" in text  # ff: the document spells it
    assert "diculties" not in text and "eective" not in text


def test_a_hyphen_at_a_line_end_is_no_ligature(make_pages_pdf: Callable[..., Path]) -> None:
    pdf = make_pages_pdf(
        "hyphen.pdf", [["The plan was com-", "plete before the winter came to the hills."]]
    )
    text = " ".join(p.text for p in read_pdf(pdf).pages)
    assert "complete before" in text


def test_restore_ligatures_prefers_the_documents_own_spelling() -> None:
    pages = ["The \x00\x00ow of the \x00\x00rst river.", "A steady flow."]
    # "fl": the document spells "flow"; "fi", the commonest, where it spells neither
    assert restore_ligatures(pages)[0] == "The flow of the first river."
    assert restore_ligatures(["o\x00\x00\x00ce"]) == ["office"]
    assert restore_ligatures(["no hole here"]) == ["no hole here"]


def test_a_white_spacer_glyph_between_seen_ones_is_dropped(
    make_pages_pdf: Callable[..., Path],
) -> None:
    pdf = make_pages_pdf(
        "spacer.pdf",
        [
            [
                "%ops (The harbour is open for the bo) Tj 1 1 1 rg (Q) Tj 0 g (ats today.) Tj T*",
                "%ops 1 1 1 rg (White words on a dark panel stay as they are.) Tj 0 g T*",
            ]
        ],
    )
    text = " ".join(p.text for p in read_pdf(pdf).pages)
    assert "for the boats today." in text and "Q" not in text
    assert "White words on a dark panel stay as they are." in text


def test_a_white_spacer_glyph_inside_a_form_object_is_dropped(
    make_pages_pdf: Callable[..., Path],
) -> None:
    # The page's own text is black; the white glyph is drawn by a Form XObject on it, which
    # the check for white text walks into as well.
    pdf = make_pages_pdf(
        "form.pdf",
        [["The page's own line is black."]],
        form=[
            "BT /F1 11 Tf 72 600 Td (The ferry leaves at nine from the qu) Tj",
            "1 1 1 rg (Z) Tj 0 g (ay each morning.) Tj ET",
        ],
    )
    text = " ".join(p.text for p in read_pdf(pdf).pages)
    assert "The page's own line is black." in text
    assert "from the quay each morning." in text and "Z" not in text


def test_holes_in_words_finds_what_the_word_pattern_finds() -> None:
    # #19's speed pass looks outward from each hole instead of running the pattern over the
    # page: the same words, in the same order, on strings of letters, digits, marks and holes.
    import random

    from ingestion.glyphs import _IN_WORD, holes_in_words

    pieces = ["a", "Z", "é", "ß", "中", "\ufffe", "\ufffe", "1", "_", "²", " ", "\r\n", "-"]
    rng = random.Random(19)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        want = [
            (m.start(), m.start() + m.group().index("\ufffe"), m.end())
            for m in _IN_WORD.finditer(text)
        ]
        assert list(holes_in_words(text)) == want, repr(text)
    assert list(holes_in_words("di\ufffeculties, com\ufffe\r\nplete")) == [(0, 2, 10)]
