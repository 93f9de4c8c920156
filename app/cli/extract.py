"""`synopsis extract`: a PDF's cleaned text, or everything ingestion knows as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from app.cli.base import cli, emit_json, fail
from app.cli.options import ocr_options, settings_from
from ingestion import document_sentences, read_pdf
from ingestion.errors import AppError


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--password", help="Password of an encrypted PDF.")
@click.option("--json", "as_json", is_flag=True, help="Print pages, quality and sentences as JSON.")
@ocr_options
def extract(file: Path, password: str | None, as_json: bool, **params: Any) -> None:
    """Print the cleaned text of FILE (a PDF)."""
    from app.run import limits_for

    limits = limits_for(settings_from(params))
    try:
        doc = read_pdf(file, password=password, limits=limits)
    except AppError as exc:
        fail(exc, as_json)
    if as_json:
        data = doc.to_json()
        data["sentences"] = [
            {"text": s.text, "page": s.page, "role": s.role, "section": s.section}
            for s in document_sentences(doc)
        ]
        emit_json(data)
        return
    for page in doc.pages:
        if page.text:
            click.echo(page.text)
            click.echo()
