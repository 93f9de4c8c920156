"""Starting the desktop app."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.gui.window import MainWindow
from app.settings import Settings
from app.store import LibraryError

ICON = Path(__file__).resolve().parent / "icons" / "synopsis.png"


def seconds_since_process_start() -> float:
    import psutil

    return time.time() - psutil.Process().create_time()


def run(settings: Settings) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Synopsis")
    app.setOrganizationName("Synopsis")
    app.setDesktopFileName("synopsis")
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    try:
        window = MainWindow(settings)
    except LibraryError as exc:  # damaged, unreadable: say what to do instead of a traceback
        QMessageBox.critical(None, "Synopsis", exc.user_message)
        return 2
    window.show()
    smoke = os.environ.get("SYNOPSIS_GUI_SMOKE")
    if smoke:  # packaging smoke test: prove the main window appeared, then quit

        def first_turn() -> None:  # the event loop runs: the window has been shown
            up = seconds_since_process_start()
            print(f"main window up {up:.2f} s after process start", flush=True)

        def report() -> None:
            shown = window.isVisible() and window.windowTitle() == "Synopsis"
            print(f"main window shown: {shown}", flush=True)
            app.exit(0 if shown else 1)

        QTimer.singleShot(0, first_turn)
        QTimer.singleShot(int(float(smoke) * 1000), report)
    return int(app.exec())
