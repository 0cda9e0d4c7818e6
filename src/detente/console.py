"""Terminal presentation for the CLI: the ingest progress display (a bar on a terminal, lines otherwise)."""
from __future__ import annotations

import sys
from typing import TextIO


class IngestProgress:
    """Shows documents stored, documents per second, events and errors as an ingest goes.

    mode: "bar" (a rich live display), "lines" (a line per batch, for logs), "none", or "auto" (a bar
    when the stream is a terminal, else lines)."""

    def __init__(self, mode: str = "auto", stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "lines"
        self.mode = mode
        self._progress = None
        self._task = None

    def __enter__(self) -> "IngestProgress":
        if self.mode == "bar":
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(bar_width=None),
                TextColumn("{task.fields[stored]} docs · {task.fields[rate]:.1f} docs/s · {task.fields[events]} "
                           "events · {task.fields[errors]} errors · {task.fields[known]} already stored"),
                TimeElapsedColumn(), console=Console(file=self.stream), transient=False)
            self._progress.start()
            self._task = self._progress.add_task("ingest", total=None, stored=0, rate=0.0, events=0, errors=0,
                                                 known=0)
        return self

    def update(self, report) -> None:
        if self.mode == "bar" and self._progress is not None:
            self._progress.update(self._task, stored=report.stored, rate=report.docs_per_second,
                                  events=report.events, errors=report.errors, known=report.already_stored)
        elif self.mode == "lines":
            print(f"detente ingest: {report.stored} stored ({report.docs_per_second:.1f} docs/s), "
                  f"{report.events} events, {report.already_stored} already stored, {report.errors} errors",
                  file=self.stream, flush=True)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()
