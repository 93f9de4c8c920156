"""Starting the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.gui.window import MainWindow
from app.settings import Settings


def run(settings: Settings) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Synopsis")
    app.setOrganizationName("Synopsis")
    window = MainWindow(settings)
    window.show()
    return int(app.exec())
