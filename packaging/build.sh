#!/usr/bin/env bash
# Build the one-folder desktop bundle dist/synopsis/ with PyInstaller (also `make bundle`).
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
$py -m pip install -q -c constraints.txt pyinstaller pyinstaller-hooks-contrib
QT_QPA_PLATFORM=offscreen $py packaging/make_icon.py >/dev/null
rm -rf build/pyinstaller dist/synopsis
(cd packaging && ../.venv/bin/pyinstaller --noconfirm --log-level WARN \
   --workpath ../build/pyinstaller --distpath ../dist synopsis.spec)
cp packaging/synopsis.desktop dist/synopsis/
cp app/gui/icons/synopsis.png dist/synopsis/synopsis.png
echo "bundle: dist/synopsis ($(du -sh dist/synopsis | cut -f1)); run dist/synopsis/synopsis"
