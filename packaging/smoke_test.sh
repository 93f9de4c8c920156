#!/usr/bin/env bash
# `make bundle-test`: build the bundle, then use it without the source tree or the venv.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_BUILD:-}" = 1 ] || bash packaging/build.sh
work=$(mktemp -d)
# A tiny T5 (random weights, tokenizer trained on the fly), made with the dev environment, to
# prove the bundled torch backend loads and generates.
PYTHONPATH=samples .venv/bin/python -c "from tiny_t5 import build_tiny_t5; build_tiny_t5('$work/tiny')"
# A scanned page (text rendered to a picture, no text layer) for the bundled OCR path.
.venv/bin/python -c "import sys; sys.path[:0] = ['.', 'samples']
from pathlib import Path; from tests.conftest import scanned_pdf
scanned_pdf(Path('$work/scan.pdf'), ['The ferry timetable changes on the first of May.'] * 4)"
cp -r dist/synopsis "$work/bundle"          # away from the source tree
if [ -f ingestion/_glyph_reads.so ]; then   # the C helper for glyph reads travels with it
  find "$work/bundle" -name _glyph_reads.so | grep -q . && echo "bundle has the glyph-read helper"
fi
cp samples/*.pdf "$work/" && mkdir "$work/pdfs" && mv "$work"/*.pdf "$work/pdfs/"
mv "$work/pdfs/scan.pdf" "$work/"
cd "$work"
exe="$work/bundle/synopsis"
env -i HOME="$work/home" PATH=/usr/bin:/bin "$exe" --version
start=$(date +%s%N)
env -i HOME="$work/home" PATH=/usr/bin:/bin SYNOPSIS_OFFLINE=1 \
  "$exe" summarize pdfs --db "$work/lib.sqlite" --engine auto
env -i HOME="$work/home" PATH=/usr/bin:/bin "$exe" search "electric vans" --db "$work/lib.sqlite"
echo "CLI batch and search took $(( ($(date +%s%N) - start) / 1000000 )) ms"
if command -v tesseract >/dev/null; then
  env -i HOME="$work/home" PATH=/usr/bin:/bin "$exe" extract "$work/scan.pdf" | grep -q "ferry timetable"
  echo "bundled OCR read the scanned page"
fi
echo "Synopsis reads PDF files and writes short summaries. The library can be searched." |
  env -i HOME="$work/home" PATH=/usr/bin:/bin SYNOPSIS_OFFLINE=1 "$exe" summarize-text \
    --engine abstractive --backend torch --model "$work/tiny" --json | tee "$work/torch.json"
grep -q '"backend": "torch"' "$work/torch.json"
env -i HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
  SYNOPSIS_GUI_SMOKE=3 timeout 180 "$exe" gui --db "$work/lib.sqlite" | tee "$work/gui.log"
grep -q "main window shown: True" "$work/gui.log"
echo "bundle size: $(du -sh "$work/bundle" | cut -f1)"
rm -rf "$work"
echo "bundle smoke test passed"
