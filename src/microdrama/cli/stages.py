"""One command per pipeline stage after ingest: ``microdrama analyze|adapt|write|parse|export PROJECT``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from microdrama.analyze.known_cast import install_cast, read_cast_file
from microdrama.cli.options import apply_options, cast_option, open_project, run_options, series_options
from microdrama.cli.running import run_pipeline
from microdrama.cli.shoot import issue_schedule, replan_option, replan_report
from microdrama.model.shoot import Schedule
from microdrama.pipeline.stages import STAGES, Stage


def _make(stage: Stage) -> click.Command:
    @click.command(
        stage.cli_name,
        short_help=stage.description[:1].upper() + stage.description[1:] + ".",
        help=f"Bring PROJECT up to date up to `{stage.name}`: {stage.description}.\n\n"
        "Earlier stages that are out of date run first; up-to-date ones are skipped.",
    )
    @click.argument("project", type=click.Path(path_type=Path, file_okay=False, exists=True))
    @series_options
    @run_options
    def command(
        project: Path, force: bool, cast_file: Path | None = None, replan: bool = False, **options: Any
    ) -> None:
        settings = apply_options(open_project(project), options)
        if cast_file is not None:
            install_cast(project, read_cast_file(cast_file))
        issued = issue_schedule(project) if replan else None
        run_pipeline(project, settings, until=stage.name, force=force)
        if issued is not None:
            click.echo(replan_report(issued, Schedule.load(project / "shoot/schedule.json")))

    if stage.name == "analyze":
        return cast_option(command)
    return replan_option(command) if stage.name == "shoot" else command


def commands() -> list[click.Command]:
    """A command for every stage except ingest (which takes a novel, see ``cli/ingest.py``)."""
    return [_make(stage) for stage in STAGES if stage.name != "ingest"]
