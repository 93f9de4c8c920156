"""The root command group and the one place errors become messages and exit codes."""

from __future__ import annotations

import logging
import signal
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from app import __version__
from app.text import safe_json, safe_text
from ingestion.errors import AppError

EXIT_FAILED = 1  # some documents failed
EXIT_ERROR = 2  # the command itself could not run
EXIT_INTERRUPTED = 130  # Ctrl+C (128 + SIGINT)
EXIT_TERMINATED = 143  # SIGTERM (128 + SIGTERM)


def emit_json(obj: Any) -> None:
    """One JSON line on stdout, valid UTF-8 whatever text it holds."""
    click.echo(safe_json(obj))


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl+C so a batch closes its run and reports what it saved."""


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """While inside, SIGTERM raises `Terminated` in the main thread (as SIGINT raises
    KeyboardInterrupt), so `kill PID` ends a batch as cleanly as Ctrl+C (#21)."""

    def handler(signum: int, frame: object) -> None:
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (tests driving the CLI from a thread)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def interrupted_exit(exc: KeyboardInterrupt) -> int:
    return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED


class CleanText(click.ParamType["str", "Any"]):
    """Text from the command line: bytes that are not UTF-8 (or lone surrogates) become
    U+FFFD, with a note, instead of failing later in SQLite or on output (#21)."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = safe_text(str(value))
        if text != value:
            label = param.human_readable_name if param else "argument"
            click.echo(
                f"Note: {label} had bytes that are not UTF-8; they were replaced by U+FFFD.",
                err=True,
            )
        return text


CLEAN_TEXT = CleanText()


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
        except KeyboardInterrupt as exc:
            click.echo("Interrupted; finished work is saved and a rerun resumes.", err=True)
            sys.exit(interrupted_exit(exc))
        except Exception as exc:
            from app.store.faults import translate

            categorized = translate(exc, "")  # a library error met outside the store's calls
            if categorized is not None:
                fail(categorized)
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
