"""``microdrama status PROJECT``: which stages are up to date, and why the others are not."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from microdrama.cli.options import open_project
from microdrama.pipeline.runner import stage_status


@click.command("status")
@click.argument("project", type=click.Path(path_type=Path, file_okay=False, exists=True))
def command(project: Path) -> None:
    """Show each stage of PROJECT: up to date, or stale and why (nothing is run)."""
    settings = open_project(project)
    table = Table("stage", "state")
    for name, state in stage_status(project, settings):
        table.add_row(name, state)
    Console().print(table)
