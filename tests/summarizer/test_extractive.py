import pytest

from ingestion.document import Sentence
from summarizer.base import SummaryOptions
from summarizer.engines import DocInput
from summarizer.extractive import ExtractiveEngine
from summarizer.textrank import select
from tests.summarizer.engine_contract import EngineContract

STORY = [
    "The river town of Alder was founded by fishermen in the spring of 1802.",
    "Fishermen from Alder sold their catch in the river markets of the valley.",
    "The weather that spring was cold.",
    "In 1850 a railway reached Alder and the river town grew quickly around the station.",
    "The railway brought merchants, and the merchants built warehouses by the river.",
    "Ok.",
    "The railway brought merchants, and the merchants built warehouses by the river!",
    "Today Alder is known for its river festival and its old railway station.",
]


class TestExtractiveContract(EngineContract):
    @pytest.fixture
    def engine(self):
        return ExtractiveEngine()


def test_selection_fits_budget_and_keeps_original_order() -> None:
    picked = select(STORY, 40)
    assert picked == sorted(picked)
    assert sum(len(STORY[i].split()) for i in picked) <= 40
    assert picked


def test_redundant_sentences_are_not_both_chosen() -> None:
    picked = select(STORY, 200)
    assert not {4, 6} <= set(picked)


def test_fragments_are_not_chosen() -> None:
    assert 5 not in select(STORY, 200)


def test_summary_parts_keep_their_pages() -> None:
    doc = DocInput("d", tuple(Sentence(t, 1 + i // 3) for i, t in enumerate(STORY)), 3)
    summary = ExtractiveEngine().summarize_one(doc, SummaryOptions(length="short"))
    for part in summary.parts:
        (page,) = part.pages
        assert Sentence(part.text, page) in doc.sentences
    assert summary.method == "extractive" and summary.model == "textrank-tfidf"


def test_tiny_and_non_latin_inputs_do_not_crash() -> None:
    assert select(["Hi."], 50) == []  # no prose: the engine writes its one honest line
    assert select([], 50) == []
    zh = [
        "今天天气很好，我们一起去公园散步。",
        "公园里有很多人在散步和跑步！",
        "你想和我们一起去公园吗？",
    ]
    assert select(zh, 50)


def test_minilm_embeddings_are_verified_and_used() -> None:
    from summarizer.backends import minilm

    assert minilm.unavailable_reason() is None  # the embeddings extra is part of the test setup
    engine = ExtractiveEngine(similarity="embeddings")
    assert engine.model_id == "textrank-minilm"
    vectors = minilm.load_minilm()(STORY)
    assert vectors.shape == (len(STORY), 384)
    norms = (vectors**2).sum(axis=1) ** 0.5
    assert abs(float(norms.min()) - 1) < 1e-3
    picked = select(STORY, 40, vectors=vectors)
    assert picked and sum(len(STORY[i].split()) for i in picked) <= 40


def test_minilm_vectors_are_sentence_transformers_own() -> None:
    """The few lines of torch that run MiniLM (#23: no sentence-transformers import on each
    command) give the vectors sentence-transformers gives: long text cut at 256 word pieces,
    padding in a batch of unequal lengths, an empty string, other scripts."""
    import numpy as np
    from sentence_transformers import SentenceTransformer

    from summarizer.backends import minilm

    texts = [
        *STORY,
        "effects of remote work",
        "Telework and output per hour. " * 90,
        "",
        "東京 café",
    ]
    ours = minilm.load_minilm()(texts)
    reference = SentenceTransformer(str(minilm.model_dir()), device="cpu", local_files_only=True)
    theirs = reference.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    assert ours.shape == theirs.shape and ours.dtype == np.float32
    assert float(np.abs(ours - theirs).max()) < 1e-4


def test_tampered_minilm_weights_are_refused(monkeypatch) -> None:
    from summarizer.backends import minilm
    from summarizer.errors import BackendUnavailable

    minilm.load_minilm.cache_clear()
    monkeypatch.setattr(minilm, "WEIGHTS_SHA256", "0" * 64)
    try:
        with pytest.raises(BackendUnavailable, match="do not match the expected sha256"):
            minilm.load_minilm()
    finally:
        minilm.load_minilm.cache_clear()


def test_embeddings_similarity_through_the_cli() -> None:
    from click.testing import CliRunner

    from app.cli import cli

    result = CliRunner().invoke(
        cli,
        ["summarize-text", "--engine", "extractive", "--similarity", "embeddings", "--json"],
        input=" ".join(STORY),
    )
    assert result.exit_code == 0, result.output
    assert '"textrank-minilm"' in result.output
