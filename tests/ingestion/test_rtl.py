"""Right-to-left lines in logical order (#20): Hebrew, Arabic and Persian lines holding
numbers and brackets, drawn the ways generators draw them (glyph by glyph or word by word,
in display order), come out as written; search finds their words."""

import pytest
from bidi import get_display

from ingestion import read_pdf
from ingestion.rtl import RTL, has_rtl, mirror_brackets
from tests.conftest import write_pdf

LINES = {
    "hebrew": "סעיף 15(ב)(4) של החוק החדש",
    "arabic": "المادة 12 (أ) من القانون [2020]",
    "persian": "ماده ۱۲ (الف) قانون کار ایران",
}
SIZE, ADVANCE = 11, 6.6  # Courier: every glyph is 0.6 em wide
BODY = "The board met on Tuesday and discussed the repairs of the northern pier in detail."


def _codes(text: str) -> dict[str, str]:
    """Latin-1 codes for the line's characters (a font's /ToUnicode map reads them back)."""
    free = iter(chr(c) for c in range(0xC0, 0x100))
    return {ch: next(free) for ch in sorted(set(text)) if not ch.isascii()}


def _rtl_pdf(path, logical: str, by: str):
    """One line drawn in display order: each glyph placed on its own (``by="glyph"``) or each
    word's glyphs in one string (``by="word"``), left to right, as generators write them."""
    display = get_display(logical)  # what the reader sees, left to right, mirrored brackets
    codes = _codes(display)
    encoded = "".join(codes.get(c, c) for c in display)
    ops = ["ET"]
    if by == "glyph":
        for i, c in enumerate(encoded):
            if c != " ":
                ops.append(f"BT /F1 {SIZE} Tf {72 + ADVANCE * i:.1f} 700 Td ({_esc(c)}) Tj ET")
    else:
        x = 72.0
        for word in encoded.split(" "):
            ops.append(f"BT /F1 {SIZE} Tf {x:.1f} 700 Td ({_esc(word)}) Tj ET")
            x += ADVANCE * (len(word) + 1)
    ops.append("BT /F1 11 Tf 72 680 Td 14 TL")
    lines = ["%ops " + "\n".join(ops), *[BODY] * 8]
    unicode = {code: ch for ch, code in codes.items()}
    return write_pdf(path, [lines], to_unicode=unicode, font="Courier")


def _esc(c: str) -> str:
    return c.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


@pytest.mark.parametrize("by", ["glyph", "word"])
@pytest.mark.parametrize("language", sorted(LINES))
def test_rtl_lines_drawn_in_display_order_read_in_logical_order(tmp_path, language, by) -> None:
    logical = LINES[language]
    doc = read_pdf(_rtl_pdf(tmp_path / f"{language}.pdf", logical, by))
    first = doc.pages[0].text.split("\n")[0]
    assert first.startswith(logical), first


def test_brackets_that_close_before_they_open_in_an_rtl_line_are_turned() -> None:
    assert mirror_brackets("15)ב()4(") == "15(ב)(4)"
    assert mirror_brackets("15(ב)(4)") == "15(ב)(4)"
    assert mirror_brackets("f)x(") == "f)x("  # not right-to-left: left alone


def test_search_finds_rtl_words_as_written(tmp_path) -> None:
    from app.store import Store

    with Store(tmp_path / "lib.sqlite") as store:
        for language, logical in LINES.items():
            store.save(read_pdf(_rtl_pdf(tmp_path / f"{language}.pdf", logical, "word")), None)
        for word in ("החוק", "القانون", "کار", '"של החוק"'):
            assert store.search(word), word


def _ligature_pdf(path, glyphs: list[str]):
    """One RTL line drawn glyph by glyph in display order, where some glyphs are ligatures:
    one code whose /ToUnicode text is two letters, in logical order, as generators write it."""
    codes = {g: chr(0xC0 + i) for i, g in enumerate(dict.fromkeys(glyphs))}
    ops = ["ET"]
    for i, g in enumerate(reversed(glyphs)):
        ops.append(f"BT /F1 {SIZE} Tf {72 + ADVANCE * i:.1f} 700 Td ({codes[g]}) Tj ET")
    ops.append("BT /F1 11 Tf 72 680 Td 14 TL")
    lines = ["%ops " + "\n".join(ops), *[BODY] * 8]
    return write_pdf(path, [lines], to_unicode={c: g for g, c in codes.items()}, font="Courier")


def test_ligatures_of_any_two_letters_read_in_logical_order(tmp_path) -> None:
    # beh-alef ("با") and sheen-reh ("شر"), each one glyph: PDFium gives their letters in
    # visual order ("اب": an alef cannot join a letter after it), so every ligature of the
    # page is turned, meem-lam ("لم", possible either way) too.
    words = [["ا", "ل", "ا", "ن", "ت", "خ", "ا", "با", "ت"], [" "], ["ا", "لت", "شر", "ي", "ع"]]
    words += [[" "], ["ا", "لم", "ص", "ر", "ح"]]
    doc = read_pdf(_ligature_pdf(tmp_path / "ligatures.pdf", [g for w in words for g in w]))
    assert doc.pages[0].text.split("\n")[0].startswith("الانتخابات التشريع المصرح")


def test_ligatures_already_in_logical_order_are_left_alone() -> None:
    from ingestion.rtl import swap_ligatures

    # "با" read as one glyph, in an order an alef allows: logical already.
    assert swap_ligatures("الانتخابات", lambda i: i == 7) == "الانتخابات"
    assert swap_ligatures("الانتخاابت", lambda i: i == 7) == "الانتخابات"
    assert swap_ligatures("المصرح", lambda i: i == 1) == "المصرح"  # no sign either way


def test_has_rtl_answers_each_text_as_a_search_of_it() -> None:
    # The last text's answer is remembered (#19's speed pass): asked again, and of other texts
    # in turn (equal ones too), it stays the search's.
    hebrew, latin = "Tel Aviv תל אביב 2021", "Harbour works, 2021"
    for text in [hebrew, hebrew, latin, latin, "".join(["Tel Aviv ", "תל אביב 2021"]), "", latin]:
        assert has_rtl(text) == bool(RTL.search(text))
    assert has_rtl(hebrew) and not has_rtl(latin)


def test_a_word_set_as_one_glyph_is_turned_to_logical_order() -> None:
    """#19: PDFium gives a whole word drawn as one glyph in display order ("يبيبَح")."""
    from ingestion.rtl import swap_ligatures

    word = "يبيبَح"
    assert swap_ligatures(word, lambda i: True) == "حَبيبي"
    # Near misses: the same letters as glyphs of their own; a page whose ligature says
    # logical order (lam-alef as lam first) keeps its word glyph as it is.
    assert swap_ligatures(word, lambda i: False) == word
    page = f"لا {word}"
    assert swap_ligatures(page, lambda i: i != 1 and i != 2) == page


def test_a_page_s_text_without_its_empty_characters_is_mapped_to_their_boxes() -> None:
    """#19: PDFium's page text leaves out a character without text; each character's box
    is then found by reading the characters one by one."""
    from ingestion.rtl import char_boxes

    class Page:
        chars = ("ب", "", "ح", "a")

        def count_chars(self) -> int:
            return len(self.chars)

        def get_text_range(self, index: int = 0, count: int = -1) -> str:
            return "".join(self.chars[index : index + count])

        def get_charbox(self, i: int) -> tuple[float, float, float, float]:
            return (float(i), 0.0, float(i) + 1, 1.0)

    boxes = char_boxes(Page(), "بحa")
    assert boxes is not None and boxes(1) == (2.0, 0.0, 3.0, 1.0)
    assert char_boxes(Page(), "بخa") is None  # the characters do not spell the text
