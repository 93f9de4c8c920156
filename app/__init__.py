"""Synopsis application layer: settings, store (SQLite), pipeline, CLI and GUI."""

__version__ = "0.1.0"
