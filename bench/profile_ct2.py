"""Where CTranslate2's time goes on this CPU, and which thread layout uses it best (#13).

One process run, t5-small shape (random weights, the real 32k vocabulary), int8, the summarizer's
workload: 8 inputs x 512 tokens -> exactly 64 new tokens. Prints:
  * the split: encoder (+ the first decoding step) against each later decoding step, at beam 1
    and beam 4, from runs that stop after 1 and after 64 new tokens;
  * thread layouts for the same 16 inputs, with how many outputs keep the same tokens: one
    replica with every core on one batch (the layout before #13), against one replica per
    core with one thread each and batches in flight (the ctranslate2 backend's layout now).
Usage: python bench/profile_ct2.py [--repeat 3] [--shape small|base]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "samples"))

from summarize import NEW_TOKENS, make_inputs, make_model


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    fn()  # warm-up
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--shape", default="small")
    args = ap.parse_args()
    import ctranslate2
    from transformers import AutoTokenizer

    from summarizer.backends.cache import convert_once

    cores = os.cpu_count() or 2
    with tempfile.TemporaryDirectory() as tmp:
        model = make_model(Path(tmp) / "model", args.shape)
        inputs = Path(tmp) / "inputs.json"
        make_inputs(model, 16, inputs)
        import json

        texts = json.loads(inputs.read_text())
        tok = AutoTokenizer.from_pretrained(model)
        source = [tok.convert_ids_to_tokens(tok("summarize: " + t)["input_ids"]) for t in texts]

        def write(folder: Path) -> None:
            converter = ctranslate2.converters.TransformersConverter(str(model))
            converter.convert(str(folder), quantization="int8", force=True)

        ct2 = convert_once(Path(tmp) / "ct2", "model.bin", write)

        def translator(inter: int, intra: int):  # type: ignore[no-untyped-def]
            return ctranslate2.Translator(
                str(ct2),
                device="cpu",
                compute_type="int8",
                inter_threads=inter,
                intra_threads=intra,
            )

        one = translator(1, cores)

        def run(tr, batch, beams, new, max_batch=8):  # type: ignore[no-untyped-def]
            return lambda: tr.translate_batch(
                batch,
                beam_size=beams,
                max_decoding_length=new,
                min_decoding_length=new,
                max_batch_size=max_batch,
            )

        print(f"t5-{args.shape} int8, {cores} cores, 8 x 512 tokens, median of {args.repeat}")
        print(f"{'beams':>5} {'encoder+1 step s':>17} {'per step ms':>12} {'encoder share':>14}")
        for beams in (1, 4):
            first = timed(run(one, source[:8], beams, 1), args.repeat)
            full = timed(run(one, source[:8], beams, NEW_TOKENS), args.repeat)
            step = (full - first) / (NEW_TOKENS - 1)
            print(f"{beams:>5} {first:17.3f} {step * 1000:12.1f} {first / full:14.0%}")

        print(f"\nthread layouts, 16 inputs, beam 4, {NEW_TOKENS} new tokens")
        print(f"{'layout':44} {'s':>7} {'vs default':>10}")
        layouts = [
            ("1 replica x all cores, batches of 8 (before)", 1, cores, 8),
            ("1 replica x all cores, batches of 16", 1, cores, 16),
            ("1 replica x all cores, batches of 4", 1, cores, 4),
            (f"{cores} replicas x 1 core, batches of 8 in flight", cores, 1, 8),
            (f"{cores} replicas x 1 core, batches of 4 in flight (now)", cores, 1, 4),
        ]
        base = None
        reference = None
        for name, inter, intra, batch in layouts:
            tr = translator(inter, intra)
            secs = timed(run(tr, source, 4, NEW_TOKENS, batch), args.repeat)
            tokens = [r.hypotheses[0] for r in run(tr, source, 4, NEW_TOKENS, batch)()]
            reference = reference or tokens
            same = sum(a == b for a, b in zip(tokens, reference, strict=True))
            base = base or secs
            print(
                f"{name:44} {secs:7.2f} {base / secs:9.2f}x  same tokens {same}/{len(tokens)}",
                flush=True,
            )
            del tr


if __name__ == "__main__":
    main()
