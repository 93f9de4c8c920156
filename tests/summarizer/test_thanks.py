"""#19: an acknowledgements section is the author's thanks: never a key point."""

from __future__ import annotations

from ingestion.document import Sentence
from summarizer.candidates import structure_only
from summarizer.thanks import acknowledgements


def test_the_acknowledgements_run_from_their_heading_to_the_next_heading_or_page() -> None:
    sents = [
        Sentence("Acknowledgments I am glad my two supervisors read every draft.", 3),
        Sentence("They provided timely comments at every stage of the work.", 3),
        Sentence("Contents", 3, "heading"),
        Sentence("They provided the pier's drawings, which the survey follows.", 3),
        Sentence("4 Acknowledgements", 9, "heading"),
        Sentence("The harbour board lent the boats for the survey.", 9),
        Sentence("The boats were lent again in the spring.", 10),
    ]
    assert acknowledgements(sents) == {0, 1, 4, 5}
    assert {0, 1, 5} <= structure_only(sents)
    # Near misses: a sentence opening with the word, not the heading; no heading at all.
    mention = [Sentence("Acknowledgments of debt were filed by the board in May.", 3)]
    assert acknowledgements(mention) == set()
    plain = [Sentence("The board acknowledged the debt in May and paid it in June.", 3)]
    assert acknowledgements(plain) == set()
