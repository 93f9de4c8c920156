"""`synopsis summarize`: a batch over files and folders, locally or on a Ray cluster."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from app import meaning, pipeline
from app.cli.base import (
    CLEAN_TEXT,
    EXIT_ERROR,
    EXIT_FAILED,
    Terminated,
    cli,
    emit_json,
    interrupted_exit,
    terminate_as_interrupt,
)
from app.cli.options import engine_options, ocr_options, settings_from, tag_option
from app.cli.progress import BatchView
from app.discover import check_exist
from app.settings import Settings
from app.store import LibraryError, Store


def open_store(settings: Settings, create: bool = False) -> Store:
    """The library of ``settings``. Commands that only read never create one (a mistyped
    --db must not look like an empty library); those that add documents do, and say so. A
    read-only library says so once on stderr (its reads still work)."""
    store = Store(settings.db, create=create)
    if store.created:
        click.echo(f"Created a new library at {store.path}", err=True)
    if store.read_only:
        click.echo(
            f"Note: the library {store.path} is read-only here; it can be read, not changed.",
            err=True,
        )
    return store


def run_batch(
    paths: list[str],
    settings: Settings,
    password: str | None,
    as_json: bool,
    strict: bool = False,
    ray_address: str | None = None,
) -> int:
    """Run the pipeline with a progress view; return the exit code.

    Files that failed before and fail again the same way are known failures: a run that meets
    only those says so and exits 0, unless ``strict``.
    """
    view = BatchView(as_json)
    last = None
    recorded: int | None = None  # what this run's own record says it saved
    new_failures = 0
    left_unembedded = False
    try:
        with terminate_as_interrupt(), open_store(settings, create=True) as store:
            known = {(f.path, f.kind) for f in store.failures()}
            if ray_address is None:
                events = pipeline.run(paths, settings, store, password=password)
            else:
                from app import ray_batch

                events = ray_batch.run(
                    paths, settings, store, address=ray_address, password=password
                )
            try:
                for event in events:
                    if (
                        event.kind == "failed"
                        and (_resolved(event.path), event.error_kind) not in known
                    ):
                        new_failures += 1
                    left_unembedded |= event.kind == "index"
                    view.show(event)
                    last = event
            finally:
                close = getattr(events, "close", None)  # an interrupted run closes its
                if close is not None:  # record now, not when Python exits
                    close()
                # A signal can land between a document's save and its event reaching this
                # loop: the run's record, closed with its real counts, is what was saved.
                recorded = store.summarized_by_this_process()
    except KeyboardInterrupt as exc:  # Ctrl+C or SIGTERM: say what was saved
        view.close()
        saved = recorded if recorded is not None else (last.summarized if last else 0)
        return _interrupted(exc, saved, as_json)
    except LibraryError as exc:  # the library could not be opened or written at all
        view.close()
        if as_json:
            emit_json({"kind": "stopped", "error_kind": exc.kind, "message": exc.user_message})
        raise
    finally:
        view.close()
    if last is None or last.kind == "cancelled":
        return EXIT_FAILED
    if last.kind == "stopped":
        return EXIT_ERROR
    if left_unembedded and settings.embed_background:
        _index_in_background(settings, as_json)
    if last.failed and not new_failures and not strict:
        if not as_json:
            click.echo(
                f"{last.failed} file(s) failed again as before (see `synopsis failures`); "
                "nothing new failed. Use --strict to exit 1 for them.",
                err=True,
            )
        return 0
    return EXIT_FAILED if last.failed else 0


def _index_in_background(settings: Settings, as_json: bool) -> None:
    """What the run left over its embedding budget is embedded after it, in the background
    (#24): the summaries are saved and searchable by words already."""
    pid = meaning.index_in_background(settings.db)
    if as_json:
        emit_json({"kind": "index_background", "pid": pid})
    else:
        click.echo(meaning.background_note(pid), err=True)


def _interrupted(exc: KeyboardInterrupt, saved: int, as_json: bool) -> int:
    what = "Stopped by SIGTERM" if isinstance(exc, Terminated) else "Interrupted"
    message = (
        f"{what}; {saved} document(s) summarized and saved in this run; a rerun resumes the rest."
    )
    if as_json:
        emit_json({"kind": "interrupted", "summarized": saved, "message": message})
    click.echo(message, err=True)
    return interrupted_exit(exc)


def _resolved(path: str) -> str:
    return str(Path(path).resolve())


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--resummarize",
    is_flag=True,
    help="Summarize documents already in the library again with the chosen model: all, or "
    "those at PATHS (files or folders). Those already summarized that way are skipped.",
)
@engine_options
@ocr_options
@click.option("--workers", type=int, help="Extraction worker processes (default 2).")
@click.option("--password", type=CLEAN_TEXT, help="Password for encrypted PDFs.")
@click.option("--sidecar", is_flag=True, default=None, help="Write NAME.pdf.md beside each PDF.")
@click.option("--no-recursive", is_flag=True, help="Do not descend into sub-folders.")
@click.option("--include", multiple=True, help="Glob of files to take (default *.pdf).")
@click.option("--exclude", multiple=True, help="Glob of files to leave out.")
@tag_option
@click.option("--json", "as_json", is_flag=True, help="Stream one JSON event per line.")
@click.option(
    "--strict", is_flag=True, help="Exit 1 also when only files that failed before fail again."
)
@click.option(
    "--ray",
    "ray_address",
    is_flag=False,
    flag_value="local",
    metavar="[ADDRESS]",
    help="Run on a Ray cluster: --ray alone starts one on this machine; --ray auto joins this "
    "machine's cluster; --ray HOST:PORT or ray://HOST:10001 a remote one. --workers sets the "
    "readers and summarizers.",
)
def summarize(
    paths: tuple[str, ...],
    password: str | None,
    as_json: bool,
    strict: bool,
    no_recursive: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    sidecar: bool | None,
    ray_address: str | None,
    tags: tuple[str, ...],
    resummarize: bool,
    **params: Any,
) -> None:
    """Summarize PDFs and folders (recursively) into the library."""
    if not paths and not resummarize:
        raise click.UsageError("Give files or folders to summarize (or --resummarize).")
    check_exist(paths)  # before a library is made: a typo is a usage error (exit 2)
    settings = settings_from(params).with_(
        tags=tags or None,
        sidecar=sidecar,
        recursive=False if no_recursive else None,
        include=include or None,
        exclude=exclude or None,
    )
    if resummarize:
        paths = tuple(library_selection(settings, paths, as_json))
        if not paths:
            return
    sys.exit(run_batch(list(paths), settings, password, as_json, strict, ray_address))


def library_selection(settings: Settings, within: tuple[str, ...], as_json: bool) -> list[str]:
    """The files of the library documents to summarize again, saying what is left out."""
    from app.resummarize import library_paths

    with open_store(settings) as store:
        chosen = library_paths(store, within)
    if not as_json:
        if chosen.missing:
            click.echo(
                f"{chosen.missing} document(s) have no file on disk any more and keep their "
                "summaries; summarize their files again from where they are now.",
                err=True,
            )
        if not chosen.paths:
            click.echo("No documents in the library to resummarize.", err=True)
    return chosen.paths
