"""Starting the desktop app."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.gui.window import MainWindow
from app.settings import Settings

ICON = Path(__file__).resolve().parent / "icons" / "synopsis.png"
_STARTED = time.perf_counter()


def run(settings: Settings) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Synopsis")
    app.setOrganizationName("Synopsis")
    app.setDesktopFileName("synopsis")
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    window = MainWindow(settings)
    window.show()
    smoke = os.environ.get("SYNOPSIS_GUI_SMOKE")
    if smoke:  # packaging smoke test: prove the main window appeared, then quit

        def report() -> None:
            shown = window.isVisible() and window.windowTitle() == "Synopsis"
            print(
                f"main window shown: {shown}; {time.perf_counter() - _STARTED:.2f} s after start",
                flush=True,
            )
            app.exit(0 if shown else 1)

        QTimer.singleShot(int(float(smoke) * 1000), report)
    return int(app.exec())
