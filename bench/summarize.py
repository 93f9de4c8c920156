"""Summarization throughput: HF pipeline("summarization") vs our backends, one script run.

Fixed workload: N chunks of 512 tokens -> exactly 64 new tokens, on t5-small and t5-base
shapes (random weights: speed does not depend on them). The baseline is what a user would
pick: `pipeline("summarization")` with the model's own generation settings (T5: beam 4), one
input at a time; its greedy variant is measured too. Each variant runs in its own process so
its peak memory (max RSS) is its own. Prints documents (chunks) per minute and the ratio to
the baseline at equal beam settings.
Usage: python bench/summarize.py [--shapes small,base] [--chunks 8] [--threads N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "samples"))  # tiny_t5

SHAPES = {
    "small": {"d_model": 512, "layers": 6, "heads": 8, "d_ff": 2048},
    "base": {"d_model": 768, "layers": 12, "heads": 12, "d_ff": 3072},
}
NEW_TOKENS = 64
VARIANTS = [  # (label, runner, backend, precision, beams)
    ("HF pipeline (baseline)", "pipeline", "", "", 4),
    ("HF pipeline greedy", "pipeline", "", "", 1),
    ("synopsis torch fp32", "backend", "torch", "fp32", 4),
    ("synopsis torch fp32", "backend", "torch", "fp32", 1),
    ("synopsis openvino fp32", "backend", "openvino", "fp32", 4),
    ("synopsis openvino fp32", "backend", "openvino", "fp32", 1),
    ("synopsis ctranslate2 int8 (default)", "backend", "ctranslate2", "int8", 4),
    ("synopsis ctranslate2 int8 (default)", "backend", "ctranslate2", "int8", 1),
]

CHILD = r"""
import json, resource, sys, time
runner, path, backend, precision, beams, inputs_file = sys.argv[1:7]
beams = int(beams)
texts = json.load(open(inputs_file))
NEW = int(sys.argv[7])
if runner == "pipeline":
    from transformers import pipeline
    pipe = pipeline("summarization", model=path, tokenizer=path, device="cpu")
    kwargs = dict(max_new_tokens=NEW, min_new_tokens=NEW)
    if beams == 1:
        kwargs["num_beams"] = 1
    pipe(texts[:1], **kwargs)  # warm-up
    start = time.perf_counter()
    for t in texts:  # what a user's loop over documents does
        pipe(t, **kwargs)
    seconds = time.perf_counter() - start
else:
    from summarizer import registry
    from summarizer.base import GenerationSettings, LoadOptions
    b = registry.get(backend)("bench", LoadOptions(precision=precision), path)
    s = b.settings_for(NEW)
    s = GenerationSettings(NEW, NEW, beams, s.length_penalty, s.no_repeat_ngram_size)
    b.generate(texts[:1], s)  # warm-up
    start = time.perf_counter()
    for i in range(0, len(texts), 8):  # the abstractive engine's batches (8 x 512 tokens)
        b.generate(texts[i:i + 8], s)
    seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mb": rss}))
"""


def make_model(folder: Path, shape: str) -> Path:
    from tiny_t5 import build_tiny_t5

    words = [f"word{i} alpha{i % 97} beta{i % 89}" for i in range(3000)]
    return build_tiny_t5(folder, corpus=words, vocab_size=32128, max_input=512, **SHAPES[shape])


def make_inputs(path: Path, n: int, out: Path) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(path)
    ids = tok("summarize: ", add_special_tokens=False)["input_ids"]
    budget = 511 - len(ids)
    texts = []
    for i in range(n):
        words = [f"word{(i * 31 + k) % 3000} alpha{k % 97}" for k in range(600)]
        enc = tok(" ".join(words), add_special_tokens=False)["input_ids"][:budget]
        texts.append(tok.decode(enc))
    out.write_text(json.dumps(texts))


def run_variant(
    runner: str, path: Path, backend: str, precision: str, beams: int, inputs: Path, threads: int
) -> dict[str, float]:
    env = {
        **os.environ,
        "OMP_NUM_THREADS": str(threads),
        "SYNOPSIS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            runner,
            str(path),
            backend,
            precision,
            str(beams),
            str(inputs),
            str(NEW_TOKENS),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shapes", default="small,base")
    ap.add_argument("--chunks", type=int, default=8)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    from summarizer.hardware import cpu_summary

    print(
        f"machine: {os.cpu_count()} cores ({cpu_summary()}); {args.chunks} chunks x 512 "
        f"tokens -> {NEW_TOKENS} new tokens",
        flush=True,
    )
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SYNOPSIS_CACHE"] = str(Path(tmp) / "cache")
        for shape in args.shapes.split(","):
            t = time.perf_counter()
            path = make_model(Path(tmp) / shape, shape)
            inputs = Path(tmp) / f"{shape}.json"
            make_inputs(path, args.chunks, inputs)
            print(f"\nt5-{shape} shape built in {time.perf_counter() - t:.0f} s", flush=True)
            base: dict[int, float] = {}
            for label, runner, backend, precision, beams in VARIANTS:
                r = run_variant(runner, path, backend, precision, beams, inputs, args.threads)
                if "error" in r:
                    print(f"  {label:38} beam {beams}: failed: {r['error']}", flush=True)
                    continue
                rate = args.chunks / r["seconds"] * 60
                if runner == "pipeline":
                    base[beams] = rate
                ratio = rate / base[beams] if beams in base else float("nan")
                table.append((shape, label, beams, rate, ratio, r["rss_mb"]))
                print(
                    f"  {label:38} beam {beams}: {rate:8.1f} docs/min  {ratio:6.2f}x  "
                    f"peak {r['rss_mb']:.0f} MB",
                    flush=True,
                )
    print("\n| shape | variant | beams | docs/min | vs HF pipeline (same beams) | peak RSS MB |")
    print("|---|---|---:|---:|---:|---:|")
    for shape, label, beams, rate, ratio, rss in table:
        print(f"| t5-{shape} | {label} | {beams} | {rate:.1f} | {ratio:.2f}x | {rss:.0f} |")


if __name__ == "__main__":
    main()
