"""Rendering pipeline events: a rich progress bar for people, JSON lines for scripts."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from app import pipeline
from app.text import safe_json


class BatchView:
    """Shows `pipeline.Progress` events; a final report lists every failure with its reason."""

    def __init__(self, as_json: bool = False) -> None:
        self.as_json = as_json
        self.console = Console(stderr=True)
        if not self.console.is_terminal:  # piped or logged: whole lines, paths never split
            self.console = Console(stderr=True, soft_wrap=True)
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.failures: list[pipeline.Progress] = []
        self.announced: set[str] = set()  # engine notes already shown (watch runs many batches)

    def show(self, e: pipeline.Progress) -> None:
        if self.as_json:
            sys.stdout.write(safe_json(e.to_json()) + "\n")
            sys.stdout.flush()
            return
        if e.kind == "start":
            self.failures = []  # each report covers its own batch
        if e.kind == "failed":
            self.failures.append(e)
        if e.kind == "engine" and e.message not in self.announced:
            self.announced.add(e.message)
            self.console.print(e.message)
        if e.kind in ("estimate", "index"):
            self.console.print(e.message)
        if e.kind == "estimate":
            self._start_bar(e)
        if self.bar is not None and self.task is not None:
            pages = f"{e.pages_done}/{e.pages_total} pages"
            if e.kind == "ocr":  # a scan is slow: say which page of which file
                pages += f" · {Path(e.path).name} {e.message}"
            self.bar.update(
                self.task, completed=e.docs_done, total=max(1, e.docs_total), pages=pages
            )
        if e.kind in ("done", "cancelled", "stopped"):
            self.close()
            self._report(e)
        if e.kind == "stopped":  # the library could not be written: say why and what to do
            self.console.print(f"Error: {e.message}", markup=False)

    def _start_bar(self, e: pipeline.Progress) -> None:
        self.bar = Progress(
            TextColumn("[bold]Summarizing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("docs · {task.fields[pages]}"),
            TextColumn("·"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.task = self.bar.add_task(
            "docs", total=max(1, e.docs_total), pages=f"0/{e.pages_total} pages"
        )
        self.bar.start()

    def _report(self, e: pipeline.Progress) -> None:
        rate = (
            f" ({e.summarized / e.elapsed * 60:.1f} documents/min)"
            if e.summarized and e.elapsed > 0
            else ""
        )
        self.console.print(
            f"{e.summarized} summarized, {e.skipped} skipped, {e.failed} failed "
            f"in {e.elapsed:.1f} s{rate}"
        )
        for f in self.failures:
            self.console.print(f"  failed: {f.path}\n          {f.message}", markup=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
