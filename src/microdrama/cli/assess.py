"""``microdrama assess PROJECT``: the quality, originality and impact report of one series."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from microdrama.assess import assess_project, write_report
from microdrama.assess.report import FORMATS
from microdrama.assess.summary import key_figures


@click.command("assess")
@click.argument("project", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--library",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="Folder of other projects or assess reports (*.json) to measure sameness against.",
)
@click.option(
    "--tropes",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Trope catalogue (YAML) replacing the shipped one.",
)
@click.option(
    "--effort",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Effort table (YAML: hours per unit of each stage's work) replacing the shipped one.",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(FORMATS),
    multiple=True,
    help="Files to write (repeatable; default json, html and pdf).",
)
@click.option("--redact", is_flag=True, help="Figures only: leave quoted lines, the logline and shared phrases out.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder for the report files (default PROJECT/report).",
)
def command(
    project: Path,
    library: Path | None,
    tropes: Path | None,
    effort: Path | None,
    formats: tuple[str, ...],
    redact: bool,
    output: Path | None,
) -> None:
    """Assess the series in PROJECT: craft (runtime, hook, cliffhangers, rhythm, paywall), fidelity to the
    book, originality (tropes, sameness against --library), technology used, reach, compliance.

    Writes report/assess.json, assess.html and assess.pdf and prints the key figures.
    """
    report = assess_project(project, library=library, tropes=tropes, effort=effort, redact=redact)
    written = write_report(project, report, formats or FORMATS, out=output)
    table = Table(title=f"{report['series']['title']} — assessment", show_lines=False)
    for column in ("area", "figure", "value", "target", ""):
        table.add_column(column)
    for section, label, value, target, verdict in key_figures(report):
        mark = {"ok": "[green]ok[/]", "miss": "[red]miss[/]"}.get(verdict, "")
        table.add_row(section, label, value, target, mark)
    console = Console()
    console.print(table)
    for path in written:
        console.print(f"  {path}")
