"""#19: mathematics whose glyphs were lost in extraction, captions run into a sentence, and
math-dense sentences of lecture notes and papers are no key points; prose passes."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.candidates import junk_reason
from summarizer.extractive import ExtractiveEngine
from summarizer.math_text import broken_math, glued_caption, math_dense


def test_a_not_equal_sign_read_as_a_digit_glued_to_equals_is_broken_text() -> None:
    broken = "The pair is a geometry when the set is a metric space and ∅ 6= G ⊆ P(X) holds."
    assert broken_math(broken) and junk_reason(broken) == "broken math"
    assert broken_math("Two points x =6 y in the space have disjoint neighbourhoods here.")
    # Near miss: an equation set with spaces, or an assignment in a number, is no glyph lost.
    fine = "The constant was set so that the ratio of both sides is 6 = 2 times 3 here."
    assert not broken_math(fine)
    assert not broken_math("The file sets level=6 by default for all of its archives.")
    assert not broken_math("If Blend =1 (Blend mode), the samples are averaged together.")


def test_a_triangle_read_as_a_four_before_its_vertices_is_broken_text() -> None:
    broken = "If 4ABC is a triangle whose sides AB and AC are equal, its base angles are equal."
    assert broken_math(broken) and junk_reason(broken) == "broken math"
    # Near miss: a code of a digit and two capitals ("4WD"), or a number then a word.
    assert not broken_math("The car has 4WD and seats for five adults and their luggage.")
    assert not broken_math("The team of 4 ABC reporters went to the scene that evening.")


def test_a_caption_label_inside_a_sentence_marks_a_glued_caption() -> None:
    glued = "(b) paths joined Figure 3.4: Joining paths is not associative Proof: It is so."
    assert glued_caption(glued) and junk_reason(glued) == "caption or label"
    assert glued_caption("Zwei Wege Abbildung 3.4: Das Zusammensetzen von Wegen ist schwer.")
    # Near miss: a figure named in running prose, without the caption's colon.
    prose = "As Figure 3 shows, joining paths is associative up to homotopy in every space."
    assert not glued_caption(prose) and junk_reason(prose) is None


def test_math_dense_sentences_are_told_by_their_share_of_math_characters() -> None:
    assert math_dense("It is called the joined path and one writes γ = γ1 ∗ γ2 for it.")
    assert math_dense("For every y ∈ p(γ(0)) there is exactly one lift of the path γ.")
    # Near misses: one symbol in a long sentence; a Greek word is no variable.
    assert not math_dense("The notes cover metric spaces, topology and the fundamental group.")
    assert not math_dense("Given one δ, the interval splits into finitely many pieces of length.")
    assert not math_dense("Η μελέτη εξετάζει τη γεωμετρία και την τοπολογία των χώρων σήμερα.")


def _sents(texts: list[str]) -> list[Sentence]:
    return [Sentence(t, 1 + i, "paragraph", "") for i, t in enumerate(texts)]


def test_lecture_notes_pick_no_math_dense_sentence() -> None:
    prose = [
        "These notes cover metric spaces, topological spaces and the fundamental group.",
        "They were written during the winter term from the lectures and the exercises.",
        "Compact sets of the plane are exactly those that are closed and bounded ones.",
    ]
    formulas = [
        "The map H is then called an isotopy between the paths γ1 and γ2.",
        "The paths γ1 and γ2 are homotopic since one can move them into each other.",
    ]
    sents = _sents(formulas + prose)
    engine = ExtractiveEngine()
    picked = [p.text for p in engine.pick(sents, 400, mathematics=True)]
    assert picked and not any(math_dense(t) for t in picked)
    # Near miss: other kinds keep them (a formula may be their point).
    anyway = [p.text for p in engine.pick(sents, 400)]
    assert any(math_dense(t) for t in anyway)
