from collections.abc import Sequence

import pytest

from ingestion.document import Sentence
from summarizer.abstractive import AbstractiveEngine
from summarizer.base import GenerationSettings, SummaryOptions
from summarizer.engines import DocInput
from summarizer.errors import Cancelled, GenerationFailed, NothingToSummarize
from tests.summarizer.engine_contract import EngineContract

WORDS = "synopsis reads files writes summaries pages library search report revenue".split()
WORDS.append("costs")


def make_doc(key: str, n: int, pages: int = 5, seed: int = 0) -> DocInput:
    sents = []
    for i in range(n):
        words = [WORDS[(i * 7 + j * 3 + seed) % len(WORDS)] for j in range(8 + i % 5)]
        sents.append(Sentence(" ".join(words).capitalize() + ".", 1 + i * pages // n))
    return DocInput(key, tuple(sents), pages)


class Spy:
    """Wraps a real backend, recording every batch it is asked to generate."""

    def __init__(self, backend, poison: str | None = None) -> None:
        self.inner = backend
        self.batches: list[list[str]] = []
        self.poison = poison

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def generate(self, batch: Sequence[str], settings: GenerationSettings) -> list[str]:
        self.batches.append(list(batch))
        if self.poison and any(self.poison in t for t in batch):
            raise RuntimeError("boom")
        return self.inner.generate(batch, settings)


class Summarizing:
    """An engine over ``backend`` and the options of each call (greedy unless told)."""

    def __init__(self, backend, cache=None, should_cancel=None, **opts) -> None:
        self.engine = AbstractiveEngine(backend)
        self.options = SummaryOptions(num_beams=1, **opts)
        self.cache, self.should_cancel = cache, should_cancel

    def summarize_many(self, docs):
        return self.engine.summarize_all(
            docs, self.options, cache=self.cache, should_cancel=self.should_cancel
        )

    def summarize(self, doc):
        (result,) = self.summarize_many([doc])
        if isinstance(result, Exception):
            raise result
        return result


def summarizer_for(backend, **opts) -> Summarizing:
    return Summarizing(backend, **opts)


class TestAbstractiveContract(EngineContract):
    @pytest.fixture
    def engine(self, torch_backend):
        return AbstractiveEngine(torch_backend)


def test_windows_never_exceed_budget_and_nothing_is_dropped(torch_backend) -> None:
    s = summarizer_for(torch_backend)
    long_sentence = " ".join(WORDS * 40) + "."  # far longer than the 128-token budget
    doc = make_doc("d", 60)
    sents = (*doc.sentences[:10], Sentence(long_sentence, 2), *doc.sentences[10:])
    windows = s.engine.windows_for(sents)
    assert len(windows) > 3
    counts = torch_backend.count_tokens([w.text for w in windows])
    assert max(counts) <= s.engine.budget
    assert [w.tokens for w in windows] == counts
    # Every word of the input reaches the model, in order: no silent truncation.
    assert " ".join(w.text for w in windows).split() == " ".join(x.text for x in sents).split()


def test_batches_group_documents_and_route_outputs_back(torch_backend) -> None:
    docs = [make_doc("a", 3, seed=1), make_doc("b", 30, seed=2), make_doc("c", 5, seed=3)]
    spy = Spy(torch_backend)
    together = summarizer_for(spy, batch_tokens=4096).summarize_many(docs)
    assert any(len(b) > 1 for b in spy.batches)  # inputs of several documents share batches
    alone = [summarizer_for(torch_backend).summarize(d) for d in docs]
    assert [t.text for t in together] == [a.text for a in alone]


def test_batches_stay_under_the_token_budget(torch_backend) -> None:
    spy = Spy(torch_backend)
    summarizer_for(spy, batch_tokens=300, max_batch=8).summarize_many(
        [make_doc(str(i), 20, seed=i) for i in range(4)]
    )
    for batch in spy.batches:
        counts = torch_backend.count_tokens(batch)
        assert len(batch) == 1 or max(counts) * len(batch) <= 300


def test_reduce_terminates_and_keeps_page_provenance(torch_backend) -> None:
    s = summarizer_for(torch_backend, length="short")
    doc = make_doc("long", 200, pages=20)
    summary = s.summarize(doc)
    assert summary.chunks > 5 and summary.levels >= 2
    assert summary.method == "abstractive" and summary.runtime == "torch"
    doc_pages = {x.page for x in doc.sentences}
    assert set(summary.pages) <= doc_pages
    assert set(summary.pages) == doc_pages  # reduce parts carry the pages of what they merged
    assert summary.coverage == 1.0
    # The reduce bounds what the model wrote; the gist before it is given, not generated (#19).
    points = [p.text for p in summary.parts if p.kind == "point"]
    counts = torch_backend.count_tokens(points)
    assert len(points) == 1 or sum(counts) <= s.options.target_tokens


def test_level_zero_parts_keep_their_own_pages(torch_backend) -> None:
    s = summarizer_for(torch_backend, length="long")  # target large enough: no reduce
    doc = DocInput("p", (Sentence("Apples grow on page one.", 1), Sentence("Pears on two.", 2)), 2)
    summary = s.summarize(doc)
    assert summary.levels == 1 and summary.parts[0].pages == (1, 2)


def test_one_documents_failure_does_not_fail_the_others(torch_backend) -> None:
    spy = Spy(torch_backend, poison="POISON")
    bad = DocInput("bad", (Sentence("This one has POISON inside it.", 1),), 1)
    results = summarizer_for(spy).summarize_many([make_doc("ok1", 4), bad, make_doc("ok2", 4)])
    assert isinstance(results[1], GenerationFailed)
    assert "extractive" in results[1].user_message
    assert results[0].text and results[2].text  # type: ignore[union-attr]


def test_empty_document_is_reported_not_crashed(torch_backend) -> None:
    (result,) = summarizer_for(torch_backend).summarize_many([DocInput("e", (), 0)])
    assert isinstance(result, NothingToSummarize)


def test_checkpointed_windows_are_not_generated_again(torch_backend) -> None:
    class DictCache(dict):
        def get_many(self, keys):
            return {k: self[k] for k in keys if k in self}

        def put_many(self, items):
            self.update(items)

    cache = DictCache()
    spy = Spy(torch_backend)
    first = Summarizing(spy, cache=cache).summarize(make_doc("c", 40))
    assert spy.batches and cache
    spy.batches.clear()
    again = Summarizing(spy, cache=cache).summarize(make_doc("c", 40))
    assert spy.batches == [] and again.text == first.text


def test_cancel_stops_between_batches(torch_backend) -> None:
    s = Summarizing(torch_backend, should_cancel=lambda: True)
    with pytest.raises(Cancelled):
        s.summarize(make_doc("x", 10))


def test_abstractive_outline_summaries_map_reduce_within_sections_then_across(
    torch_backend,
) -> None:
    """#10: a long document with an outline gets one generated summary per top-level section,
    from that section's sentences only; the overall summary is generated from those."""
    from ingestion.document import Section

    chapters = {"Harbour": ("harbour", 1, 6), "Railway": ("railway", 7, 12)}
    sents = [
        Sentence(f"The {word} report part {i} describes the {word} works.", first + i % 6)
        for word, first, _last in chapters.values()
        for i in range(12)
    ]
    outline = tuple(Section(0, title, first, last) for title, (_w, first, last) in chapters.items())
    outline += (Section(1, "Harbour: a subsection", 2, 3),)
    spy = Spy(torch_backend)
    s = summarizer_for(spy, length="short")
    summary = s.summarize(DocInput("k", tuple(sents), 12, outline))

    assert [(o.title, o.first_page, o.last_page) for o in summary.outline] == [
        ("Harbour", 1, 6),
        ("Railway", 7, 12),
    ]
    inputs = [text for batch in spy.batches for text in batch]
    section_inputs = [t for t in inputs if "report part" in t]
    assert section_inputs and all(("harbour" in t) != ("railway" in t) for t in section_inputs)
    # The last generation is across the section summaries, which it holds in order.
    last = spy.batches[-1]
    assert len(last) == 1 and "report part" not in last[0]
    texts = [o.text for o in summary.outline]
    assert all(texts) and all(" ".join(t.split()[:3]) in last[0] for t in texts)
    assert summary.text and summary.method == "abstractive"
    assert summary.chunks >= 3  # two sections and the pass across them


def test_abstractive_short_documents_have_no_outline(torch_backend) -> None:
    from ingestion.document import Section

    doc = make_doc("short", 30, pages=3)
    outline = (Section(0, "A", 1, 1), Section(0, "B", 2, 3))
    summary = summarizer_for(torch_backend).summarize(DocInput("short", doc.sentences, 3, outline))
    assert summary.outline == ()


def test_a_form_gets_the_honest_line_without_generating(torch_backend) -> None:
    """#10: a form is no prose; the model is not asked to summarize its labels."""
    labels = ["Your first name", "Last name", "Home address", "Apt. no.", "City, town", "ZIP"]
    form = DocInput("form", tuple(Sentence(t, 1 + i % 2) for i, t in enumerate(labels * 5)), 2)
    spy = Spy(torch_backend)
    results = summarizer_for(spy).summarize_many([form, make_doc("prose", 12)])
    honest, prose = results
    assert honest.text.startswith("A 2-page document with little running text")  # type: ignore[union-attr]
    assert honest.method == "abstractive" and honest.chunks == 0  # type: ignore[union-attr]
    assert not prose.text.startswith("A 1-page document")  # type: ignore[union-attr]
    assert spy.batches and all("first name" not in t for b in spy.batches for t in b)


def test_the_model_reads_findings_and_conclusions_first(torch_backend) -> None:
    """#19: the abstractive engine gets the extractive engine's section preference as its
    input order: a finding late in the text is read before the method detail ahead of it."""
    spy = Spy(torch_backend)
    method = [
        Sentence(
            f"The samples were weighed in batch {n} before they were dried.", 1, section="2 Methods"
        )
        for n in range(3)
    ]
    finding = Sentence("We find that drying halves the weight of every sample.", 3)
    doc = DocInput("pref", (*method, finding), 3)
    summarizer_for(spy, length="long").summarize(doc)
    level0 = spy.batches[0]  # windows in a batch are sorted by length, not by place
    (window,) = [w for w in level0 if "We find that drying" in w]
    assert window.startswith("We find that drying") and "batch 0" in window, level0
    # A text without findings is read in its own order.
    spy.batches.clear()
    summarizer_for(spy, length="long").summarize(DocInput("plain", tuple(method), 1))
    (window,) = [w for w in spy.batches[0] if "batch 0" in w]
    assert window.startswith("The samples were weighed in batch 0"), spy.batches[0]
