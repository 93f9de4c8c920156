"""Draw Synopsis's icon (a page with summary lines and a highlight) as SVG and PNG."""

from __future__ import annotations

import sys
from pathlib import Path

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect x="16" y="16" width="224" height="224" rx="44" fill="#2f5d8a"/>
  <path d="M72 48 h88 l32 32 v128 a8 8 0 0 1 -8 8 h-112 a8 8 0 0 1 -8 -8 v-152 a8 8 0 0 1 8 -8z"
        fill="#ffffff"/>
  <path d="M160 48 v24 a8 8 0 0 0 8 8 h24z" fill="#c9d8e8"/>
  <rect x="84" y="96" width="88" height="10" rx="5" fill="#2f5d8a"/>
  <rect x="84" y="118" width="72" height="10" rx="5" fill="#9fb6cc"/>
  <rect x="84" y="140" width="80" height="10" rx="5" fill="#9fb6cc"/>
  <rect x="80" y="160" width="96" height="22" rx="6" fill="#f2c14e" opacity="0.85"/>
  <rect x="84" y="166" width="64" height="10" rx="5" fill="#2f5d8a"/>
</svg>
"""


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "synopsis.svg").write_text(SVG, encoding="utf-8")
    from PySide6.QtCore import QByteArray, QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["make_icon", "-platform", "offscreen"])
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(QByteArray(SVG.encode())).render(painter, QRectF(0, 0, 256, 256))
    painter.end()
    assert image.save(str(out / "synopsis.png"))
    print(f"wrote {out / 'synopsis.svg'} and {out / 'synopsis.png'}")


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "app" / "gui" / "icons"
    )
