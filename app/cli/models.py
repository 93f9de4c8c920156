"""`synopsis models list|pull|use|add|delete`: the model manager on the command line (#25)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)

from app.cli.base import cli, emit_json
from app.cli.options import settings_from
from app.model_manager import model_rows, use_model
from app.store import Store
from summarizer import download, installed
from summarizer.errors import megabytes


@cli.group("models")
def models_group() -> None:
    """Recommended models, downloads, the default model, folders added by hand."""


@models_group.command("list")
@click.option("--db", type=click.Path(dir_okay=False), help="Library whose speeds to show.")
@click.option("--json", "as_json", is_flag=True)
def list_models(db: str | None, as_json: bool) -> None:
    """The catalogue and the models on this computer, with size, languages, licence, speed."""
    settings = settings_from({"db": db})
    with Store(settings.db) as store:
        rows = model_rows(settings, store)
    if as_json:
        emit_json([{**asdict(r), "state": r.state} for r in rows])
        return
    for r in rows:
        speed = f"{r.seconds_per_chunk:.2f} s/chunk here" if r.seconds_per_chunk else ""
        mark = "*" if r.in_use else " "
        click.echo(f"{mark} {r.id:38} {megabytes(r.size_bytes):>8}  {r.state}")
        details = ", ".join(x for x in (r.languages, r.licence, speed) if x)
        if details:
            click.echo(f"    {details}")
    click.echo("* in use. `synopsis models pull ID` downloads; `synopsis models use ID` picks.")


@models_group.command("pull")
@click.argument("model_id")
@click.option("--use", "use_it", is_flag=True, help="Make it the default once downloaded.")
def pull(model_id: str, use_it: bool) -> None:
    """Download MODEL_ID from the hub (progress, resume, hash checks), then convert it once."""
    console = Console(stderr=True)
    columns: Any = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(model_id, total=None)

        def show(p: download.DownloadProgress) -> None:
            if p.stage == "download":
                bar.update(task, total=p.total, completed=p.done, description=p.file)
            elif p.message:
                bar.update(task, description=p.message)
                if p.stage in ("convert", "converted"):
                    console.print(p.message)

        path = download.download(model_id, show)
    click.echo(f"{model_id} is ready at {path}")
    if use_it:
        use_model(settings_from({}), model_id)
        click.echo(f"{model_id} is now the default model.")


@models_group.command("use")
@click.argument("model")
def use(model: str) -> None:
    """Make MODEL (a hub id or a folder) the default model in the settings file."""
    from summarizer.models import resolve

    resolve(model)  # refuses a model that is not on this computer, saying how to get it
    use_model(settings_from({}), model)
    click.echo(f"{model} is now the default model.")


@models_group.command("add")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
def add(folder: str) -> None:
    """Register a model FOLDER placed by hand (it holds config.json and the weights)."""
    path = installed.add_folder(folder)
    click.echo(f"Added {path}; `synopsis models use {path}` makes it the default.")


@models_group.command("delete")
@click.argument("model")
def delete(model: str) -> None:
    """Delete a downloaded MODEL and its converted copies (an added folder is only forgotten)."""
    freed = installed.remove(model)
    if freed:
        click.echo(f"Deleted {model}; {megabytes(freed)} freed.")
    else:
        click.echo(f"Forgot {model}; its folder was left as it is.")
