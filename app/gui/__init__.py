"""The PySide6 desktop app (`synopsis gui`): the only package that imports Qt."""
