"""A seeded fuzz of a few hundred mutated PDFs (#21): every file ends as a document or a
named PdfError with a message, never an unhandled exception, a hang or a memory blow-up.
`python bench/fuzz.py` runs the same mutations over thousands of files."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from pdffuzz import mutate, seed_pdfs, try_file

from ingestion.reader import Limits
from ingestion.worker import WorkerPool

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
KINDS = {"ok", "malformed", "encrypted", "no-text", "too-large", "timeout", "not-pdf", "killed"}


def test_mutated_pdfs_end_as_documents_or_named_errors(tmp_path) -> None:
    rng = random.Random(2126)
    seeds = seed_pdfs(tmp_path / "seeds", SAMPLES)
    limits = Limits(timeout_s=20, memory_mb=768)
    outcomes: Counter[str] = Counter()
    with WorkerPool(1) as pool:
        for i in range(300):
            path = tmp_path / f"fuzz{i:03d}.pdf"
            path.write_bytes(mutate(seeds, rng))
            outcome, seconds, message = try_file(path, limits, pool)
            outcomes[outcome] += 1
            assert outcome in KINDS, f"{path.name}: {outcome}: {message}"
            assert outcome == "ok" or (path.name in message and message.endswith(".")), message
            assert seconds < limits.timeout_s + 10, f"{path.name} took {seconds:.1f} s"
            path.unlink()
    assert outcomes["ok"] > 0 and outcomes["malformed"] > 0, outcomes  # both paths exercised
