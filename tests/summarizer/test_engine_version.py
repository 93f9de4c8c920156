"""#19: stored summaries follow the rules. The summary key holds `ENGINE_VERSION`, so a rerun
redoes summaries made by older rules; this test fails when the rule tables or the golden
structure files change and `RULES_DIGEST` (recorded with the version) was not renewed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from summarizer.base import ENGINE_VERSION, RULES_DIGEST, summary_key

ROOT = Path(__file__).resolve().parents[2]
# What decides a summary's sentences: the shared vocabulary, the block roles and where each
# sentence stands in them, the prose rules, the gist, the ranking, and the golden structure
# files (what ingestion and the engine make of test PDFs).
RULE_FILES = [
    "ingestion/vocabulary.py",
    "ingestion/blocks.py",
    "ingestion/title_choice.py",
    "ingestion/line_groups.py",
    "ingestion/roles.py",
    "summarizer/candidates.py",
    "summarizer/lead_ins.py",
    "summarizer/sentence_shape.py",
    "summarizer/no_prose.py",
    "summarizer/gist.py",
    "summarizer/dates.py",
    "summarizer/captions.py",
    "summarizer/textrank.py",
    "summarizer/extractive.py",
    "summarizer/sections.py",
    "summarizer/preference.py",
    "summarizer/table_facts.py",
    "summarizer/slide_marks.py",
    "summarizer/point_shape.py",
    "summarizer/long_prior.py",
    "summarizer/web_page.py",
    "summarizer/thanks.py",
    "ingestion/collection.py",
    "ingestion/form_fields.py",
    "summarizer/form_line.py",
    "summarizer/table_values.py",
    "summarizer/deck_points.py",
    "summarizer/credits.py",
    "summarizer/spec_figures.py",
    "ingestion/sentences.py",
    "summarizer/parts.py",
    "ingestion/front_abstract.py",
    "summarizer/lecture.py",
    "summarizer/short_lines.py",
    "summarizer/mixed_scripts.py",
    "summarizer/reference_lines.py",
    "summarizer/notice_pages.py",
    "summarizer/math_text.py",
]


def rules_digest() -> str:
    files = [ROOT / f for f in RULE_FILES] + sorted((ROOT / "tests/data/structure").rglob("*.json"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()[:16]


def test_rule_changes_come_with_a_new_engine_version() -> None:
    got = rules_digest()
    assert got == RULES_DIGEST, (
        "The summary rules or golden files changed: raise ENGINE_VERSION in summarizer/base.py "
        f"(now {ENGINE_VERSION}) and set RULES_DIGEST = {got!r}, so stored summaries are redone."
    )


def test_the_engine_version_is_part_of_the_summary_key() -> None:
    assert summary_key("extractive", "m", "b", "fp32", "medium").endswith(f"|{ENGINE_VERSION}")
