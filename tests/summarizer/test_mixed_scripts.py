"""#19, blind read 7: a word gluing runs of two alphabets is broken encoding and a one-page
document's quoted text never carries it; sound words with one foreign letter or a hyphen pass."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.mixed_scripts import broken_word, without_broken_words
from summarizer.no_prose import whole_text


def test_a_word_gluing_two_alphabets_is_broken() -> None:
    assert broken_word("ϲΒϴΒharbour")
    assert broken_word("pierМОЛ")
    # Near misses: one letter of another alphabet, a hyphen, one alphabet, another script.
    for sound in ("μm", "ΔpH", "TNF-α", "harbour", "Пристань", "Pythonمن", "ΑΒΓ"):
        assert not broken_word(sound), sound


def test_a_one_page_quote_drops_the_minority_alphabet_of_broken_words() -> None:
    page = [Sentence("حبيبي˴ ϲΒϴΒharbour", 1), Sentence("pilot boats", 1)]
    assert whole_text(page) == "It reads: حبيبي harbour pilot boats."
    # The same page without a broken word is quoted as it is (its modifier glued to the
    # word's end aside).
    sound = [Sentence("μm harbour", 1), Sentence("pilot boats", 1)]
    assert whole_text(sound) == "It reads: μm harbour pilot boats."
    assert without_broken_words("ΑΒΓ harbour") == "ΑΒΓ harbour"
