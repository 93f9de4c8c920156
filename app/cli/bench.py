"""`synopsis bench`: which backend is fastest here, with output that agrees with torch."""

from __future__ import annotations

from typing import Any

import click

from app.cli.base import cli, emit_json
from app.cli.options import engine_options, settings_from
from summarizer import models
from summarizer.benchmark import AGREEMENT, run_and_store


@cli.command()
@engine_options
@click.option("--chunks", type=int, default=8, show_default=True, help="Chunks per backend.")
@click.option("--json", "as_json", is_flag=True)
def bench(chunks: int, as_json: bool, **params: Any) -> None:
    """Measure the available backends on this machine with the configured model.

    The result is stored; `--backend auto` then uses the fastest backend whose output agrees
    with torch.
    """
    settings = settings_from(params)
    path = models.resolve(settings.model, settings.offline)

    def say(message: str) -> None:
        if not as_json:
            click.echo(f"  {message}", err=True)

    rows, saved = run_and_store(settings.model, path, chunks=chunks, on_progress=say)
    if as_json:
        emit_json([r.__dict__ for r in rows])
        return
    base = next((r.chunks_per_min for r in rows if r.name == "torch"), 0.0) or 1.0
    click.echo(
        f"{'backend':12} {'precision':9} {'chunks/min':>10} {'vs torch':>8} {'agreement':>9}"
    )
    for r in rows:
        if r.error:
            click.echo(f"{r.name:12} failed: {r.error}")
            continue
        mark = "" if r.agrees else f"  (below {AGREEMENT}: not used by auto)"
        click.echo(
            f"{r.name:12} {r.precision:9} {r.chunks_per_min:10.1f} "
            f"{r.chunks_per_min / base:7.2f}x {r.agreement:9.3f}{mark}"
        )
    best = max((r for r in rows if r.agrees), key=lambda r: r.chunks_per_min, default=None)
    if best:
        click.echo(f"--backend auto will use {best.name}. Saved to {saved}")
