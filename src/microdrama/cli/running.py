"""Run the pipeline for a command: executor, progress bars, a summary of what was written."""

from __future__ import annotations

from pathlib import Path

import click

from microdrama.cli.progress import RichReporter
from microdrama.pipeline import Runner, RunSummary, make_executor
from microdrama.pipeline.usage import begin_model_session, end_model_session
from microdrama.settings import Settings


def run_pipeline(project: Path, settings: Settings, *, until: str | None, force: bool = False) -> RunSummary:
    """Bring the project up to date up to ``until`` with progress bars; return the summary."""
    ledger = begin_model_session(project, settings)
    executor = make_executor(settings.run.executor, settings.run.workers, settings.run.scheduler)
    try:
        with RichReporter() as reporter:
            summary = Runner(project, settings, executor=executor, reporter=reporter).run(until, force=force)
    finally:
        executor.close()
        end_model_session(project, ledger)
    done = summary.ran()
    click.echo(f"{project}: {len(done)} step(s) ran, {len(summary.outcomes) - len(done)} up to date", err=True)
    return summary
