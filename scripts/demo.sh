#!/usr/bin/env bash
# The main job on the embedded default: summarize samples/ into a fresh library, then search it.
# With no model downloaded, --engine auto falls back to the built-in extractive engine (and
# says so); after `synopsis models pull google-t5/t5-small` the same command uses T5.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
out=out/demo
rm -rf "$out" && mkdir -p "$out"
export SYNOPSIS_DB="$out/library.sqlite"
echo "== synopsis summarize samples/  (library: $SYNOPSIS_DB)"
$bin/synopsis summarize samples
echo
echo "== synopsis list"
$bin/synopsis list
for q in "electric vans" "council minutes OR newspaper" "extractive engine"; do
  echo
  echo "== synopsis search \"$q\""
  $bin/synopsis search "$q" --limit 3
done
echo
echo "== synopsis show 1"
$bin/synopsis show 1
