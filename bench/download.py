"""Model download throughput from a hub on 127.0.0.1: Synopsis's downloader against
huggingface_hub's snapshot_download, same repository, same server (#25).

The repository is the tiny T5's config and tokenizer plus a weights file of random bytes
(``--mb``, default 48); ours also checks every file's sha256 / git blob id, the hub client
does not. Then the connection drops half-way through the weights: bytes fetched in all, with
Range resume, as a share of the file. Usage: python bench/download.py [--mb 48] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "samples")]
os.environ.pop("HF_HUB_OFFLINE", None)
os.environ.pop("SYNOPSIS_OFFLINE", None)

import huggingface_hub.constants as hub_constants  # noqa: E402
import huggingface_hub.file_download as hub_files  # noqa: E402
from huggingface_hub import snapshot_download  # noqa: E402
from tiny_t5 import build_tiny_t5  # noqa: E402

from summarizer import download as dl  # noqa: E402
from tests.summarizer.hub_server import serve  # noqa: E402

REPO = "bench/tiny-t5"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=48)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        repo = build_tiny_t5(work / "repo")
        (repo / "model.safetensors").write_bytes(os.urandom(args.mb * 1_000_000))
        size = sum(p.stat().st_size for p in repo.iterdir())
        with serve({REPO: repo}) as hub:
            hub_constants.ENDPOINT = hub.url
            template = hub.url + "/{repo_id}/resolve/{revision}/{filename}"
            hub_constants.HUGGINGFACE_CO_URL_TEMPLATE = template
            hub_files.HUGGINGFACE_CO_URL_TEMPLATE = template
            ours, theirs = [], []
            for n in range(args.repeat):
                os.environ["SYNOPSIS_MODELS"] = str(work / f"ours{n}")
                started = time.perf_counter()
                dl.download(REPO, convert=False)
                ours.append(time.perf_counter() - started)
                started = time.perf_counter()
                snapshot_download(REPO, cache_dir=str(work / f"hf{n}"))
                theirs.append(time.perf_counter() - started)
            os.environ["SYNOPSIS_MODELS"] = str(work / "drop")
            weights = (repo / "model.safetensors").stat().st_size
            hub.drop_after["model.safetensors"] = weights // 2
            hub.requests.clear()
            dl.download(REPO, convert=False)
            resumed = [r for _m, p, r in hub.requests if p.startswith("/cdn/")]
    t_ours, t_theirs = statistics.median(ours), statistics.median(theirs)
    mb = size / 1e6
    print(f"Download of {mb:.1f} MB from 127.0.0.1 (median of {args.repeat})")
    print(f"{'client':40} {'s':>7} {'MB/s':>8} {'ratio':>7}")
    print(
        f"{'huggingface_hub snapshot_download':40} {t_theirs:7.2f} {mb / t_theirs:8.1f} {1:7.2f}x"
    )
    print(
        f"{'synopsis download (+ hash checks)':40} {t_ours:7.2f} {mb / t_ours:8.1f} "
        f"{t_theirs / t_ours:7.2f}x"
    )
    # Bytes sent: the cut first request, then each resumed one from its offset to the end.
    starts = [int(r[len("bytes=") : -1]) if r else 0 for r in resumed]
    fetched = weights // 2 + sum(weights - s for s in starts[1:])
    print(
        f"Dropped at 50% of the weights: {len(resumed)} requests ({', '.join(map(repr, resumed))}),"
        f" {fetched / weights:.2f}x the file fetched (starting over: 1.50x)"
    )


if __name__ == "__main__":
    main()
