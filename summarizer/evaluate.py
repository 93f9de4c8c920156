"""`synopsis eval`: ROUGE of an engine beside Lead-3 and sumy's LexRank, TextRank and LSA.

Every system gets the same word budget per document (`SummaryOptions.word_budget`: the length
preset, capped at ~15% of a short document); Lead-3 is three sentences by definition.
sumy's summarizers are asked for their sentence ratings once; the budget is then filled in
rating order exactly as our engine fills it, so only the ranking differs.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingestion import document_sentences, read_pdf, split_sentences
from ingestion.document import Sentence
from ingestion.errors import AppError
from summarizer.base import SummaryOptions
from summarizer.engines import DocInput, Engine

BASELINES = ("lead-3", "lexrank", "textrank", "lsa")
_WORDS = re.compile(r"\w+")
LEAK_WORDS = 8  # a sentence that ends in this many of the abstract's words in a row leaks it


@dataclass(frozen=True)
class Record:
    id: str
    sentences: tuple[Sentence, ...]
    references: tuple[str, ...]
    pages_with_text: int = 0


@dataclass
class Scores:
    rows: dict[str, list[dict[str, float]]] = field(default_factory=dict)

    def add(self, system: str, score: dict[str, float]) -> None:
        self.rows.setdefault(system, []).append(score)

    def mean(self) -> dict[str, dict[str, float]]:
        return {
            system: {k: statistics.mean(r[k] for r in rows) for k in rows[0]}
            for system, rows in self.rows.items()
        }


def _norm_words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def _cut_abstract(sents: list[Sentence], abstract: str) -> list[Sentence]:
    """Drop the sentences that are the abstract, so the input does not leak the reference."""
    ref = " ".join(_norm_words(abstract))
    grams = {tuple(g) for g in _ngrams(_norm_words(abstract), 3)}
    kept = []
    for s in sents:
        words = _norm_words(s.text)
        own = _ngrams(words, 3)
        inside = " ".join(words) in ref if words else False
        shared = sum(tuple(g) in grams for g in own) / len(own) if own else 0.0
        # A byline or heading glued before an abstract sentence: its tail is the abstract's.
        tail = len(words) >= LEAK_WORDS and f" {' '.join(words[-LEAK_WORDS:])} " in f" {ref} "
        if not (inside or shared >= 0.5 or tail):
            kept.append(s)
    return kept


def _ngrams(words: list[str], n: int) -> list[list[str]]:
    return [words[i : i + n] for i in range(max(0, len(words) - n + 1))]


PAIRS_FORMAT = """\
PAIRS.jsonl holds one JSON object per line (blank lines are skipped):
  "id"          text naming the record (required, unique)
  "reference"   the human summary, text; or "references": a list of them (one is required)
  "document"    the text to summarize; or "pdf": a PDF's path, relative to the folder
                above the one holding PAIRS.jsonl (corpus/summaries/x.jsonl -> corpus/)
Other fields are ignored. Example:
  {"id": "n1", "document": "The council met on Monday ...", "reference": "Council met."}"""


class BadPairs(AppError):
    """A pairs file that `synopsis eval` cannot score, naming the line (#22)."""

    kind = "bad-pairs"

    def __init__(self, path: Path, line: int, problem: str) -> None:
        super().__init__(
            f"{path.name}, line {line}: {problem}. Each line needs "
            '"id", "reference" (or "references") and "document" (or "pdf"); '
            "see `synopsis eval --help`."
        )


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _problem(rec: object, corpus_root: Path, seen: set[str]) -> str | None:
    """What is wrong with one decoded record, or None."""
    if not isinstance(rec, dict):
        return f"expected a JSON object, found {type(rec).__name__}"
    if not _text(rec.get("id")):
        return 'no "id" (text naming the record)'
    if rec["id"] in seen:
        return f"the id {rec['id']!r} is used twice"
    refs = rec.get("references", [rec.get("reference")])
    if not isinstance(refs, list) or not refs or not all(_text(r) for r in refs):
        return 'no "reference" text (or "references", a list of texts)'
    if "document" in rec:
        return None if _text(rec["document"]) else '"document" is not text'
    if not _text(rec.get("pdf")):
        return 'neither "document" text nor a "pdf" path'
    if not (corpus_root / rec["pdf"]).is_file():
        return f'the "pdf" {corpus_root / rec["pdf"]} does not exist'
    return None


def check_pairs(path: Path) -> list[dict[str, Any]]:
    """Every record of a pairs file, checked before any is scored; `BadPairs` names the line
    of the first bad one."""
    corpus_root = path.resolve().parent.parent
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise BadPairs(path, 1, f"the file is not UTF-8 text ({exc.reason})") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadPairs(path, number, f"not valid JSON ({exc.msg}, column {exc.colno})") from exc
        problem = _problem(rec, corpus_root, seen)
        if problem:
            raise BadPairs(path, number, problem)
        seen.add(rec["id"])
        records.append(rec)
    if not records:
        raise BadPairs(path, 1, "the file holds no records")
    return records


def load_records(path: Path) -> Iterator[Record]:
    """Records of a pairs file (`PAIRS_FORMAT`), all checked first."""
    corpus_root = path.resolve().parent.parent
    for rec in check_pairs(path):
        refs = tuple(rec.get("references", [rec.get("reference")]))
        if "document" in rec:
            sents = tuple(Sentence(s, 1) for s in split_sentences(rec["document"]))
            yield Record(rec["id"], sents, refs, 1)
        else:
            doc = read_pdf(corpus_root / rec["pdf"])
            kept = _cut_abstract(document_sentences(doc), refs[0])
            yield Record(rec["id"], tuple(kept), refs, len(doc.usable_pages))


def fill_budget(texts: Sequence[str], scores: Sequence[float], budget: int) -> list[int]:
    """Take sentences in score order while they fit the word budget; return document order."""
    chosen, used = [], 0
    for i in sorted(range(len(texts)), key=lambda k: -scores[k]):
        n = len(texts[i].split())
        if used and used + n > budget:
            continue
        chosen.append(i)
        used += n
        if used >= budget:
            break
    return sorted(chosen)


class _Tokenizer:
    """sumy's tokenizer interface, backed by our offline splitter (sumy's needs NLTK data)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return _WORDS.findall(sentence)


def sumy_scores(method: str, texts: Sequence[str]) -> list[float]:
    """One rating per sentence from sumy's ``method`` summarizer."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tok = _Tokenizer()
    sumy_sents = [SumySentence(t, tok) for t in texts]
    document = ObjectDocumentModel([Paragraph(sumy_sents)])
    cls = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer}
    summ = cls[method](Stemmer("english"))
    summ.stop_words = get_stop_words("english")
    captured: list[float] = []

    def capture(sents: Any, count: Any, rating: Any, *args: Any, **kwargs: Any) -> tuple[()]:
        rate: Callable[..., float] = rating.__getitem__ if isinstance(rating, dict) else rating
        captured.extend(float(rate(s, *args, **kwargs)) for s in sents)
        return ()

    summ._get_best_sentences = capture
    summ(document, len(sumy_sents))
    return captured if len(captured) == len(texts) else [0.0] * len(texts)


def baseline(method: str, texts: Sequence[str], budget: int) -> str:
    if method == "lead-3":
        return " ".join(texts[:3])
    picked = fill_budget(texts, sumy_scores(method, texts), budget)
    return " ".join(texts[i] for i in picked)


def rouge(references: Sequence[str], prediction: str) -> dict[str, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    result = scorer.score_multi(list(references), prediction)
    return {k: round(v.fmeasure, 4) for k, v in result.items()}


def evaluate(
    path: Path,
    engine: Engine,
    options: SummaryOptions,
    *,
    baselines: Sequence[str] = BASELINES,
    output: Path | None = None,
    on_record: Callable[[str], None] | None = None,
) -> dict[str, dict[str, float]]:
    """Mean ROUGE-1/2/L F-measures per system over the records of ``path``."""
    scores = Scores()
    out = output.open("w", encoding="utf-8") if output else None
    engine_name = f"synopsis ({engine.runtime or engine.method})"
    try:
        for rec in load_records(path):
            texts = [s.text for s in rec.sentences]
            budget = options.word_budget(sum(len(t.split()) for t in texts))
            doc = DocInput(rec.id, rec.sentences, rec.pages_with_text)
            summary = engine.summarize_one(doc, options)
            scores.add(engine_name, rouge(rec.references, summary.text))
            if out:
                out.write(json.dumps({"id": rec.id, "summary": summary.text}) + "\n")
            for method in baselines:
                scores.add(method, rouge(rec.references, baseline(method, texts, budget)))
            if on_record:
                on_record(rec.id)
    finally:
        if out:
            out.close()
    return scores.mean()
