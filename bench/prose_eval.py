"""ROUGE-L of the extractive engine without and with the prose filter of #10, side by side.

One process run per call; each reference set of ../shared/corpus/summaries is summarized twice
(filter off, filter on) and Lead-3 is printed for scale. Usage:
    python bench/prose_eval.py [pdf_abstracts cnndm xsum squality qmsum]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer import textrank  # noqa: E402
from summarizer.base import SummaryOptions  # noqa: E402
from summarizer.evaluate import evaluate  # noqa: E402
from summarizer.extractive import ExtractiveEngine  # noqa: E402

SETS = ROOT.parent / "shared" / "corpus" / "summaries"
NAMES = ("pdf_abstracts", "cnndm", "xsum", "squality", "qmsum")


def main() -> int:
    names = sys.argv[1:] or NAMES
    keep = textrank.is_prose
    print(f"{'set':14} {'no filter':>10} {'filter':>8} {'change':>8} {'lead-3':>8}")
    for name in names:
        scores = []
        for on in (False, True):
            textrank.is_prose = keep if on else (lambda _t: True)
            result = evaluate(
                SETS / f"{name}.jsonl", ExtractiveEngine(), SummaryOptions(), baselines=("lead-3",)
            )
            scores.append(result["synopsis (extractive)"]["rougeL"])
        lead = result["lead-3"]["rougeL"]
        off, on_ = scores
        print(f"{name:14} {off:10.4f} {on_:8.4f} {on_ - off:+8.4f} {lead:8.4f}", flush=True)
    textrank.is_prose = keep
    return 0


if __name__ == "__main__":
    sys.exit(main())
