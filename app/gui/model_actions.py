"""The main window's model actions (#25): the Models window, and resummarizing the library.

A mixin of `MainWindow`, which owns the names below."""

from __future__ import annotations

from typing import Any

from app.gui.models_window import ModelsWindow
from app.model_manager import with_model
from app.resummarize import library_paths
from app.settings import Settings
from app.store import Store


def engine_note(fallback_reason: str, model: str) -> str:
    """Why the extractive engine runs, said the window's way: a missing model points to the
    Models window, not to a command line (#25)."""
    if "models pull" not in fallback_reason:
        return fallback_reason
    return (
        f"The model {model} is not on this computer yet, so the built-in extractive engine "
        "summarizes. File → Models… downloads it (or another) with its progress."
    )


class ModelActions:
    settings: Settings
    store: Store
    shown_doc: int | None
    models_window: ModelsWindow | None = None

    def apply_settings(self, settings: Settings) -> None:  # MainWindow's
        raise NotImplementedError

    def add_paths(self, paths: list[str], password: str | None = None) -> None:  # BatchQueue's
        raise NotImplementedError

    def say(self, message: str) -> None:  # MainWindow's
        raise NotImplementedError

    def statusBar(self) -> Any:  # QMainWindow's
        raise NotImplementedError

    def open_models(self) -> ModelsWindow:
        """Show the Models window (one at a time)."""
        if self.models_window is None:
            self.models_window = ModelsWindow(self.settings, self)  # type: ignore[arg-type]
            self.models_window.model_chosen.connect(self._use_model)
        self.models_window.settings = self.settings
        self.models_window.refresh()
        self.models_window.show()
        self.models_window.raise_()
        return self.models_window

    def _use_model(self, model: str) -> None:
        self.apply_settings(with_model(self.settings, model))
        self.statusBar().showMessage(
            f"Model: {model}. Batch → Resummarize library runs it over your documents.", 10000
        )

    def resummarize_library(self) -> None:
        self._resummarize(None)

    def resummarize_selection(self) -> None:
        """The selected documents with the chosen model, skipping those it already
        summarized (the Documents menu's Summarize again always redoes them)."""
        chosen = self._targets(None)
        if chosen:
            self._resummarize(set(chosen))

    def resummarize_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(
            self,  # type: ignore[arg-type]
            "Resummarize the library's documents in a folder",
        )
        if folder:
            self._resummarize(None, [folder])

    def _resummarize(self, ids: set[int] | None, within: list[str] | None = None) -> None:
        chosen = library_paths(self.store, within or (), ids=ids)
        if chosen.missing:
            self.statusBar().showMessage(
                f"{chosen.missing} document(s) have no file on disk any more and keep their "
                "summaries.",
                10000,
            )
        if not chosen.paths:
            self.say("No document files to resummarize: none of them is on disk any more.")
            return
        self.add_paths(chosen.paths)
