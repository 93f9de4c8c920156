"""`synopsis models pull|list`."""

from __future__ import annotations

import click

from app.cli.base import cli, emit_json
from summarizer import models


@cli.group("models")
def models_group() -> None:
    """Download and list summarization models (Hugging Face cache)."""


@models_group.command("pull")
@click.argument("model_id")
def pull(model_id: str) -> None:
    """Download MODEL_ID into the Hugging Face cache (shows progress)."""
    path = models.pull(model_id)
    click.echo(f"{model_id} is ready at {path}")


@models_group.command("list")
@click.option("--json", "as_json", is_flag=True)
def list_models(as_json: bool) -> None:
    """Show the models available locally."""
    rows = models.list_local()
    if as_json:
        emit_json([r.__dict__ for r in rows])
        return
    if not rows:
        click.echo(
            f"No models downloaded. The default is {models.DEFAULT_MODEL}: "
            f"`synopsis models pull {models.DEFAULT_MODEL}`."
        )
        return
    for r in rows:
        click.echo(f"{r.id:40} {r.revision}  {r.size_mb:8.1f} MB  {r.path}")
