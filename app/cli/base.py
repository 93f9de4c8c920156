"""The root command group and the one place errors become messages and exit codes."""

from __future__ import annotations

import json
import logging
import sys
import traceback
from typing import Any, NoReturn

import click

from app import __version__
from ingestion.errors import AppError

EXIT_FAILED = 1  # some documents failed
EXIT_ERROR = 2  # the command itself could not run


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def fail(error: AppError, as_json: bool = False) -> NoReturn:
    """Print an `AppError` as one line (or a JSON error object) and exit non-zero."""
    if as_json:
        emit_json({"error": {"kind": error.kind, "message": error.user_message}})
    else:
        click.echo(f"Error: {error.user_message}", err=True)
    sys.exit(EXIT_ERROR)


class SynopsisGroup(click.Group):
    """Turns `AppError` into one line; anything unexpected into a short message."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AppError as exc:
            fail(exc)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            quiet_broken_pipe()
        except KeyboardInterrupt:
            click.echo("Interrupted; finished work is saved and a rerun resumes.", err=True)
            sys.exit(130)
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            log_path = _log_crash()
            click.echo(
                f"Unexpected error: {type(exc).__name__}: {exc}. Details: {log_path} "
                "(rerun with --debug to see the traceback).",
                err=True,
            )
            sys.exit(EXIT_ERROR)


def quiet_broken_pipe() -> None:
    """The reader went away (`synopsis list | head`): end quietly, like other shell tools."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # Python's exit-time flush must not fail again
    sys.exit(0)


def _log_crash() -> str:
    from pathlib import Path

    from platformdirs import user_log_dir

    path = Path(user_log_dir("synopsis")) / "crash.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(traceback.format_exc() + "\n")
    return str(path)


@click.group(cls=SynopsisGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="synopsis")
@click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, verbose: bool) -> None:
    """Synopsis: summarize piles of PDFs locally, store them in one library, search them."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
