"""Blind pairs for a reader (#19): Synopsis's summary against sumy LexRank over pypdf's text.

``write``: for every `ok` PDF of ../shared/corpus/pdfs and pdfs2, Synopsis's extractive
summary as the pipeline makes it (the gist, then the key points) and sumy's LexRank over
pypdf's plain text at the same word count, each as a list of sentences, in random order as
"A" and "B". The reader gets OUT/pairs.md only; which side is which goes to OUT/key.json,
a separate file the reader must never see.

``score ANSWERS``: the reader's answers, one line per document ``N<TAB>score A<TAB>score
B<TAB>A|B|tie`` (scores 1-5), against the key: mean score of each side and how often each
was preferred.

    python bench/blind_pairs.py write [--out /work/blind] [--seed 19]
    python bench/blind_pairs.py score ANSWERS.tsv [--out /work/blind]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingestion import read_pdf, split_sentences  # noqa: E402
from ingestion.errors import AppError  # noqa: E402
from summarizer.base import SummaryOptions  # noqa: E402
from summarizer.engines import input_for  # noqa: E402
from summarizer.evaluate import fill_budget, sumy_scores  # noqa: E402
from summarizer.extractive import ExtractiveEngine  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
FOLDERS = [CORPUS / "pdfs", CORPUS / "pdfs2"]
LEXRANK_SENTENCES = 1500
INSTRUCTIONS = """# Blind summary pairs

Each document below has two summaries, A and B, made by two different tools at about the same
length. Open the PDF if you like. For each document, score each summary from 1 (useless) to 5
(as good as a careful human summary): does it tell you what the document is and what it says,
without junk (table cells, page headers, references, notices)? Then say which one you would
rather have been given, or "tie".

Answer with one line per document, tab-separated: `N<TAB>score A<TAB>score B<TAB>A|B|tie`.
"""


def pypdf_text(path: Path) -> str:
    import pypdf

    reader = pypdf.PdfReader(str(path), strict=False)
    pages = []
    for page in reader.pages:
        try:
            pages.append(page.extract_text() or "")
        except Exception:  # a damaged page: pypdf's text of the others still counts
            pages.append("")
    return "\n\n".join(pages)


def lexrank(path: Path, words: int) -> list[str]:
    """sumy's LexRank over pypdf's plain text, filled to ``words`` words in rating order. Its
    pure-Python graph is quadratic: a book's sentences are sampled evenly down to
    LEXRANK_SENTENCES (said on screen)."""
    texts = split_sentences(pypdf_text(path))
    if not texts:
        return []
    if len(texts) > LEXRANK_SENTENCES:
        step = len(texts) / LEXRANK_SENTENCES
        print(f"  lexrank over {LEXRANK_SENTENCES} of {len(texts)} sentences", flush=True)
        texts = [texts[int(i * step)] for i in range(LEXRANK_SENTENCES)]
    picked = fill_budget(texts, sumy_scores("lexrank", texts), words)
    return [" ".join(texts[i].split()) for i in picked]


def ours(path: Path) -> list[str]:
    doc = read_pdf(path)
    summary = ExtractiveEngine().summarize_one(input_for(doc), SummaryOptions())
    out = []
    for part in summary.parts:
        quoted = f"In the authors' words: “{part.text}”" if part.kind == "abstract" else part.text
        out.append(quoted)
    return out


def save(out: Path, lines: list[str], key: dict[str, dict[str, str]]) -> None:
    (out / "pairs.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "key.json").write_text(json.dumps(key, indent=1) + "\n", encoding="utf-8")


def write(out: Path, seed: int) -> int:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    lines, key = [INSTRUCTIONS], {}
    n = 0
    for folder in FOLDERS:
        with (folder / "MANIFEST.tsv").open(encoding="utf-8") as fh:
            rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["expected"] == "ok"]
        for row in rows:
            path = folder / row["file"]
            try:
                mine = ours(path)
            except AppError as exc:
                print(f"{row['file']}: {exc.user_message}", file=sys.stderr)
                continue
            words = sum(len(s.split()) for s in mine)
            try:
                theirs = lexrank(path, words)
            except Exception as exc:  # pypdf cannot read it: the naive tool has no summary
                print(f"{row['file']}: pypdf failed ({type(exc).__name__})", file=sys.stderr)
                theirs = []
            n += 1
            sides = [("synopsis", mine), ("lexrank", theirs)]
            rng.shuffle(sides)
            key[str(n)] = {"file": row["file"], "A": sides[0][0], "B": sides[1][0]}
            lines.append(f"\n## {n}. {path.resolve()}\n")
            for label, (_, sentences) in zip("AB", sides, strict=True):
                lines.append(f"**{label}**\n")
                lines += [f"- {s}" for s in sentences] or ["- (nothing)"]
                lines.append("")
            print(f"{n}. {row['file']}: {words} words", flush=True)
            save(out, lines, key)  # after each document: a long run can be read as it goes
    print(f"{n} pairs: {out / 'pairs.md'} (for the reader), key apart in {out / 'key.json'}")
    return 0


def score(answers: Path, out: Path) -> int:
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    scores: dict[str, list[float]] = {"synopsis": [], "lexrank": []}
    preferred = {"synopsis": 0, "lexrank": 0, "tie": 0}
    for line in answers.read_text(encoding="utf-8").splitlines():
        cells = line.replace(",", "\t").split("\t")
        if len(cells) < 4 or cells[0].strip() not in key:
            continue
        sides = key[cells[0].strip()]
        scores[sides["A"]].append(float(cells[1]))
        scores[sides["B"]].append(float(cells[2]))
        pick = cells[3].strip().upper()
        preferred[sides[pick] if pick in ("A", "B") else "tie"] += 1
    judged = sum(preferred.values())
    for side in ("synopsis", "lexrank"):
        values = scores[side]
        mean = sum(values) / max(1, len(values))
        share = 100 * preferred[side] / max(1, judged)
        print(
            f"{side:9} mean {mean:.2f} / 5, preferred on {preferred[side]}/{judged} ({share:.0f} %)"
        )
    print(f"ties      {preferred['tie']}/{judged}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("write", "score"))
    ap.add_argument("answers", nargs="?", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/work/blind"))
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    if args.command == "write":
        return write(args.out, args.seed)
    if args.answers is None:
        ap.error("score needs the reader's ANSWERS file")
    return score(args.answers, args.out)


if __name__ == "__main__":
    sys.exit(main())
