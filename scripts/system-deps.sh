#!/usr/bin/env bash
# Debian libraries Qt needs (offscreen and under Xvfb), and Tesseract with the script detector
# and a few language packs for OCR of scanned pages. Installs only what is missing, and only
# when it can (root + apt-get); otherwise says what to install and carries on.
set -u
pkgs="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0 libxcb-xkb1
tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-deu tesseract-ocr-fra
tesseract-ocr-spa tesseract-ocr-rus tesseract-ocr-chi-sim"
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install Qt's libraries (see README) yourself."; exit 0; }
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || echo "system-deps: apt-get failed; the GUI and OCR tests may fail. Install:$missing"
else
  echo "system-deps: missing$missing; install them with: sudo apt-get install$missing"
fi
