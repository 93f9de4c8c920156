"""The backend contract and the data the summarizer passes around.

A backend is a seq2seq runtime: constructing it loads a model, then it counts tokens with the
model's own tokenizer and generates a batch of summaries. Chunking, length bucketing and
map-reduce live once, above backends (`summarizer.abstractive`); a new backend is one module,
one registry line and the contract tests.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

# In the summary key: a rerun redoes summaries made under another version. 4: the gist, key
# points before method, the junk rules of #19; 5: the one structure pass (key points only
# from paragraph and list-item blocks); 6: key points are whole sentences (punctuation and
# case), sentences on 3+ pages are furniture, lost ligatures and white spacer glyphs repaired.
# Raised whenever the rule tables or the golden structure files change;
# tests/summarizer/test_engine_version.py fails until it is, and RULES_DIGEST (their hash) is
# renewed with it. A change proven to leave every document's
# blocks and sentences as they were (#19's speed work: read_pdf's output over both corpora
# compared before and after) renews the digest alone. Also 6: the gist's printed year, thesis and
# affiliation marks; key points that repeat no said line (#19). 7: web-page label runs, a
# bracket's stop is no sentence end, licence notices, stacked bylines, key points without
# their bullets, the no-prose line's headings, the abstractive engine's findings first. 8: the
# no-prose line joins letter-spaced capitals ("P R I N T" -> "PRINT"). 9: a title-case heading
# the sentence says again after a linking word is cut from it. 10: bylines mostly of names, the
# year from the first pages' own lines (a file's date only where printed), a letter's subject
# line, court opinions and their parties, what stands above the title, footnotes, thanks,
# date stamps, cut contents entries and dingbat capitals off key points; tables told by their
# header row, rows and headnote, slide decks by their slide titles, forms by their headings,
# pages of headlines by their headlines, a one-page short document given whole, bullet letters
# and field lines off key points. 11: membership grades off bylines, one name a line, no byline
# under a date line; side-by-side panels titled together; web pages by their site and
# headlines; collections by their parts, a key point from each; acknowledgements off key
# points; the purpose statement found past a contents list; numbered math statements, cut list
# items, repeated field labels, spec cells and roadmap steps off key points; in long documents a
# chapter's opening before context-bound sentences; forms by their fill-in fields, tables by
# their headnote, totals row and repeated values, slide decks by their slides' statements.
ENGINE_VERSION = "13"
# (Digest renewed without a version bump where rule files changed for speed only and every
# output stayed byte-identical: bench/fingerprint.py and the golden files.)
RULES_DIGEST = "1033276ded0c0ce5"

# Target summary lengths: new tokens for abstractive models, words for the extractive engine.
LENGTHS: dict[str, dict[str, int]] = {
    "short": {"tokens": 64, "words": 60},
    "medium": {"tokens": 128, "words": 150},
    "long": {"tokens": 256, "words": 300},
}


MIN_WORDS = 50
SHARE_OF_DOCUMENT = 0.15
GROWTH_FROM_WORDS = 8000  # past this (about 20 pages) the summary grows with the document
MAX_GROWTH = 3.0


@dataclass(frozen=True)
class LoadOptions:
    """What loading a model decides: its precision and device. Fixed for a loaded engine."""

    precision: str = "auto"  # auto | fp32 | bf16 | fp16 | int8
    device: str = "auto"  # auto | cpu | cuda


@dataclass(frozen=True)
class SummaryOptions:
    """What each summarize call decides; one loaded engine serves any of these. Defaults come
    from the model where None."""

    length: str = "medium"
    num_beams: int | None = None  # None: the model's own default (T5: 4)
    batch_tokens: int = 8192  # padded input tokens per batch
    max_batch: int = 16

    def with_(self, **changes: Any) -> SummaryOptions:
        return replace(self, **changes)

    @property
    def target_tokens(self) -> int:
        return LENGTHS[self.length]["tokens"]

    @property
    def target_words(self) -> int:
        return LENGTHS[self.length]["words"]

    def word_budget(self, doc_words: int) -> int:
        """Extractive length for a document: the preset, but never more than ~15% of a short
        document (a 300-word article gets ~50 words, not 150), and growing with the square root
        of a long one's length, up to 3x (a 350-page book gets 450 words at medium, not 150)."""
        growth = min(MAX_GROWTH, max(1.0, (doc_words / GROWTH_FROM_WORDS) ** 0.5))
        target = self.target_words * growth
        return int(min(target, max(MIN_WORDS, SHARE_OF_DOCUMENT * doc_words)))


@dataclass(frozen=True)
class GenerationSettings:
    """One generate() call's settings, decided above the backend."""

    max_new_tokens: int
    min_new_tokens: int = 0
    num_beams: int = 1
    length_penalty: float = 1.0
    no_repeat_ngram_size: int = 0


@dataclass(frozen=True)
class SummaryPart:
    """A piece of a summary and the pages it came from. ``kind`` says what it is: "gist" (what
    the document is), "abstract" (the authors' words), "about" (the sentence stating what it
    is about), "covers" (what its structure shows it holds: a deck's slide titles, a table's
    header row and rows; `summarizer.no_prose`) or "point" (a key point); see
    `summarizer.gist`."""

    text: str
    pages: tuple[int, ...]
    kind: str = "point"


@dataclass(frozen=True)
class OutlinePart:
    """A short summary of one top-level section of a long document."""

    title: str
    first_page: int
    last_page: int
    text: str


@dataclass(frozen=True)
class Summary:
    """A document's summary with everything needed to trust and reproduce it."""

    text: str
    parts: tuple[SummaryPart, ...]
    method: str  # "abstractive" | "extractive"
    runtime: str  # torch | ctranslate2 | openvino | neuron; "" for the extractive method
    model: str
    precision: str
    length: str
    engine_version: str = ENGINE_VERSION
    coverage: float = 1.0  # pages used / pages with text
    chunks: int = 1
    levels: int = 1
    seconds: float = 0.0
    fallback_reason: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    outline: tuple[OutlinePart, ...] = ()  # long documents with sections (#10)

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({p for part in self.parts for p in part.pages}))


def summary_key(method: str, model: str, runtime: str, precision: str, length: str) -> str:
    """The settings that make two summaries of the same bytes interchangeable."""
    # Keys stored before #23 name the method where the extractive method has no runtime; kept,
    # so existing libraries do not summarize everything again.
    return "|".join([method, model, runtime or method, precision, length, ENGINE_VERSION])


T5_FAMILY = ("t5", "mt5", "umt5", "longt5")
T5_PREFIX = "summarize: "


def task_prefix(model_type: str, model_id: str = "") -> str:
    """The task prefix T5-family models need before each input ("summarize: "); BART and
    Pegasus need none. ``model_type`` is the config's; without a config, the model's id."""
    if model_type:
        return T5_PREFIX if model_type in T5_FAMILY else ""
    return T5_PREFIX if "t5" in model_id.lower() else ""


class Backend(ABC):
    """One way to run a seq2seq summarizer. Subclasses live in `summarizer/backends/`."""

    name: ClassVar[str]

    @classmethod
    def unavailable_reason(cls) -> str | None:
        """None when usable here, else a sentence naming what is missing and how to get it."""
        return None

    def __init__(self, model: str, options: LoadOptions, path: str | Path | None = None) -> None:
        """Load ``model`` (its id; ``path``: where its files are, already resolved) for the
        load-time choices in ``options``. Raises `BackendUnavailable` or
        `ModelNotAvailable` with a message for the user when it cannot."""
        self.model_id = model
        self.options = options
        self.path = str(path or model)

    @classmethod
    def placement(cls, options: LoadOptions) -> tuple[str, str]:
        """The (device, precision) a load with ``options`` gets here, known without loading a
        model (for the summary key); raises `BackendUnavailable` where the choice cannot be
        met. The loaded backend's `device` and `precision` are these."""
        return "cpu", "fp32"

    @property
    def precision(self) -> str:
        return "fp32"

    @property
    def device(self) -> str:
        return "cpu"

    @property
    @abstractmethod
    def input_budget(self) -> int:
        """Most input tokens one generate() input may have, task prefix included."""

    @property
    def prefix(self) -> str:
        """Task prefix put before every input (T5: "summarize: ")."""
        return ""

    @abstractmethod
    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Tokens of each text with the model's tokenizer (no special tokens)."""

    @abstractmethod
    def generate(self, batch: Sequence[str], settings: GenerationSettings) -> list[str]:
        """Summaries of a batch of inputs (prefix not yet added), in order."""

    def settings_for(self, max_new_tokens: int, num_beams: int | None = None) -> GenerationSettings:
        """Generation settings for this model; ``num_beams`` None: the model's own default."""
        return GenerationSettings(max_new_tokens=max_new_tokens, num_beams=num_beams or 1)

    def describe(self) -> dict[str, str]:
        return {
            "backend": self.name,
            "model": self.model_id,
            "precision": self.precision,
            "device": self.device,
        }

    def close(self) -> None:  # noqa: B027 - optional hook, not abstract
        """Free the model (optional)."""
