"""``microdrama check PROJECT``: lint a series (plan and scripts) against named rules; non-zero on errors."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console

from microdrama.check import RULES, check_project
from microdrama.check.table import print_report
from microdrama.settings import load_settings
from microdrama.text import speech_rate


@click.command("check")
@click.argument("project", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--rule", "only", multiple=True, metavar="ID", help="Run only this rule (repeatable).")
@click.option("--skip", multiple=True, metavar="ID", help="Leave this rule out (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option("--info", "show_info", is_flag=True, help="Also list notes (severity info).")
@click.option("--list-rules", is_flag=True, help="List the rules with their sources and exit.")
def command(
    project: Path, only: tuple[str, ...], skip: tuple[str, ...], as_json: bool, show_info: bool, list_rules: bool
) -> None:
    """Check the series in PROJECT: hook in the first 5 s, cliffhanger endings, durations, speakers,
    paywall, names against the bible, valid Fountain. Exits 1 when any rule reports an error.

    The Fountain files are read as they are on disk, so run it after editing scripts by hand.
    """
    if list_rules:
        for rule, _ in RULES.values():
            click.echo(f"{rule.id:16s} {rule.severity:8s} {rule.title}  [{rule.source}]")
        return
    with speech_rate.using(load_settings(project).engines.speech):  # times as the project's voices say lines
        report = check_project(project, only=only, skip=skip)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_report(report, Console(), show_info=show_info)
    if not report.ok:
        raise click.ClickException(f"{report.count('error')} error(s) in {project}")
