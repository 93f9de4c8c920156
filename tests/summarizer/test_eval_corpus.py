"""The extractive engine against Lead-3 and sumy on the developer reference sets (ROUGE-L).

sumy's baselines do not change with our engine, and its pure-Python LexRank takes minutes on
long texts, so their scores are golden numbers in tests/data/eval_baselines/ (one file per
set); Lead-3, which costs nothing, is scored again each time and must still match its golden
number, so a change to reading or sentence splitting that moves the baselines fails here. After
such a change rewrite them with ``pytest tests/summarizer/test_eval_corpus.py
--regenerate-golden`` (runs sumy over every set) and review the diff.

qmsum is left to `synopsis eval` and bench/README.md: sumy's LexRank needs several minutes on
its 20k-word transcripts.
"""

import json
from pathlib import Path

import pytest

from summarizer.base import SummaryOptions
from summarizer.evaluate import BASELINES, evaluate
from summarizer.extractive import ExtractiveEngine
from tests.conftest import corpus_dir

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "eval_baselines"
OURS = "synopsis (extractive)"


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
    name: str, must_beat: tuple[str, ...], request: pytest.FixtureRequest
) -> None:
    path = corpus_dir() / "summaries" / f"{name}.jsonl"
    golden = GOLDEN / f"{name}.json"
    if request.config.getoption("--regenerate-golden"):
        everything = evaluate(path, ExtractiveEngine(), SummaryOptions(), baselines=BASELINES)
        golden.parent.mkdir(parents=True, exist_ok=True)
        baselines = {b: everything[b] for b in BASELINES}
        golden.write_text(json.dumps(baselines, indent=1, sort_keys=True) + "\n")
    assert golden.is_file(), f"{golden} is missing: run pytest with --regenerate-golden"
    baselines = json.loads(golden.read_text())
    scores = evaluate(path, ExtractiveEngine(), SummaryOptions(), baselines=("lead-3",))
    assert scores["lead-3"] == baselines["lead-3"], (
        f"Lead-3 on {name} moved from its golden score: the texts are read or split differently "
        "now; rewrite the golden baselines with --regenerate-golden and review the diff"
    )
    ours = scores[OURS]["rougeL"]
    for baseline in must_beat:
        assert ours >= baselines[baseline]["rougeL"], (name, baseline, ours, baselines)
