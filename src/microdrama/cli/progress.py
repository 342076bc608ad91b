"""Progress display: rich progress bars on a terminal, one plain line per stage elsewhere."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from microdrama.pipeline.stages import STAGES


class RichReporter:
    """A :class:`microdrama.pipeline.Reporter` drawing one bar per stage."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.live = self.console.is_terminal
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.fields[stage]:<8}[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=self.console,
            disable=not self.live,
        )
        self.tasks: dict[str, TaskID] = {}
        self.totals: dict[str, int] = {}
        self.descriptions = {s.name: s.description for s in STAGES}

    def __enter__(self) -> RichReporter:
        self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.progress.stop()

    def stage_started(self, name: str, total: int, reason: str) -> None:
        """See :meth:`microdrama.pipeline.Reporter.stage_started`."""
        description = self.descriptions.get(name, "")
        self.totals[name] = max(total, 1)
        self.tasks[name] = self.progress.add_task(f"{description} ({reason})", total=total, stage=name)

    def advance(self, name: str, done: int, total: int) -> None:
        """See :meth:`microdrama.pipeline.Reporter.advance`."""
        if name in self.tasks:
            self.totals[name] = max(total, 1)
            self.progress.update(self.tasks[name], completed=done, total=total)

    def stage_finished(self, name: str, outcome: str, seconds: float) -> None:
        """See :meth:`microdrama.pipeline.Reporter.stage_finished`."""
        if name in self.tasks:
            total = self.totals.get(name, 1)
            self.progress.update(
                self.tasks[name], completed=total, total=total, description=f"{outcome} in {seconds:.1f}s"
            )
        elif self.live:
            self.tasks[name] = self.progress.add_task("up to date", total=1, completed=1, stage=name)
        if not self.live:
            self.console.print(f"{name}: {'up to date' if outcome == 'skipped' else f'{outcome} in {seconds:.1f}s'}")

    def warn(self, message: str) -> None:
        """See :meth:`microdrama.pipeline.Reporter.warn`."""
        self.console.print(f"[yellow]warning:[/] {message}")
