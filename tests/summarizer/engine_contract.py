"""The contract every engine passes. Subclass with an ``engine`` fixture."""

from __future__ import annotations

import pytest

from ingestion.document import Sentence
from ingestion.errors import AppError
from summarizer.base import SummaryOptions
from summarizer.engines import DocInput, Done, Engine, Generated
from summarizer.errors import Cancelled, NothingToSummarize

TOPICS = ("harbour", "railway", "market", "school", "bridge", "river", "council", "museum")


def article(key: str, n: int, pages: int = 3) -> DocInput:
    sents = [
        Sentence(
            f"The {TOPICS[i % len(TOPICS)]} committee met on day {i} and wrote a report about "
            f"the {TOPICS[(i * 3 + 1) % len(TOPICS)]} and its costs for the town.",
            1 + i * pages // n,
        )
        for i in range(n)
    ]
    return DocInput(key, tuple(sents), pages)


class EngineContract:
    options = SummaryOptions(length="short", num_beams=1)

    def test_one_done_per_document_and_progress_that_counts_up(self, engine: Engine) -> None:
        docs = [article("a", 12), DocInput("empty", (), 0), article("b", 30)]
        steps = list(engine.summarize(docs, self.options))
        done = [s for s in steps if isinstance(s, Done)]
        assert sorted(d.index for d in done) == [0, 1, 2]
        results = {d.index: d.result for d in done}
        assert isinstance(results[1], NothingToSummarize)
        for i in (0, 2):
            summary = results[i]
            assert not isinstance(summary, AppError) and summary.text
            assert summary.method == engine.method and summary.runtime == engine.runtime
            assert set(summary.pages) <= {s.page for s in docs[i].sentences}
        progress = [(s.done, s.total) for s in steps if isinstance(s, Generated)]
        assert progress and all(d <= t for d, t in progress)
        assert [d for d, _ in progress] == sorted(d for d, _ in progress)

    def test_options_travel_with_each_call(self, engine: Engine) -> None:
        doc = article("long", 60, pages=6)
        short = engine.summarize_one(doc, self.options.with_(length="short"))
        long = engine.summarize_one(doc, self.options.with_(length="long"))
        assert (short.length, long.length) == ("short", "long")
        assert engine.key(self.options.with_(length="short")) != engine.key(
            self.options.with_(length="long")
        )
        # The same call again gives the same summary: nothing of the last call stays behind.
        assert engine.summarize_one(doc, self.options.with_(length="short")).text == short.text

    def test_cancel_is_raised_before_work(self, engine: Engine) -> None:
        with pytest.raises(Cancelled):
            list(engine.summarize([article("x", 10)], self.options, should_cancel=lambda: True))

    def test_describe_names_kind_runtime_and_model(self, engine: Engine) -> None:
        text = engine.describe()
        assert engine.method in text and engine.runtime in text and engine.model_id in text
