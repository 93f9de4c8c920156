"""The extractive engine against Lead-3 and sumy on the developer reference sets (ROUGE-L).

qmsum is left to `synopsis eval` and the README table: sumy's pure-Python LexRank needs several
minutes on its 20k-word transcripts.
"""

import pytest

from summarizer.base import SummaryOptions
from summarizer.evaluate import evaluate
from summarizer.extractive import ExtractiveEngine
from tests.conftest import corpus_dir


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "must_beat"),
    [
        ("pdf_abstracts", ("lead-3", "lexrank", "textrank", "lsa")),
        ("squality", ("lead-3", "lexrank", "textrank", "lsa")),
        ("cnndm", ("lead-3",)),
        ("xsum", ("lead-3",)),
    ],
)
def test_extractive_engine_beats_baselines_on_rouge_l(
    name: str, must_beat: tuple[str, ...]
) -> None:
    path = corpus_dir() / "summaries" / f"{name}.jsonl"
    scores = evaluate(path, ExtractiveEngine(), SummaryOptions())
    ours = scores["synopsis (extractive)"]["rougeL"]
    for baseline in must_beat:
        assert ours >= scores[baseline]["rougeL"], (name, baseline, scores)
