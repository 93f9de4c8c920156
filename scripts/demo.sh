#!/usr/bin/env bash
# The main job on the embedded default: summarize samples/ into a fresh library, then search it.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
for f in samples/*.pdf; do
  echo "== $f"
  $bin/synopsis extract "$f" | head -c 400; echo; echo
done
