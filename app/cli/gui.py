"""`synopsis gui`: the desktop app."""

from __future__ import annotations

import sys
from typing import Any

import click

from app.cli.base import cli
from app.cli.options import settings_from


@cli.command()
@click.option("--db", type=click.Path(dir_okay=False), help="Library file (SYNOPSIS_DB).")
def gui(**params: Any) -> None:
    """Open the desktop app."""
    try:
        from app.gui.main import run
    except ImportError as exc:
        from ingestion.errors import AppError

        raise AppError(f"The desktop app needs PySide6 ({exc}); install the `gui` extra.") from exc
    sys.exit(run(settings_from(params)))
