"""``microdrama review-content PROJECT``: the content review and AI-label summary; exits 1 on blockers."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from microdrama.cli.options import apply_options, open_project, run_options
from microdrama.cli.running import run_pipeline
from microdrama.model.compliance import ComplianceReport

_STYLE = {"blocker": "bold red", "warn": "yellow", "info": "cyan"}


@click.command("review-content")
@click.argument("project", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print compliance/report.json instead of the table.")
@click.option("--waived", "show_waived", is_flag=True, help="Also list waived findings.")
@run_options
def command(project: Path, as_json: bool, show_waived: bool, force: bool, **options: object) -> None:
    """Review PROJECT against the NRTA micro-drama rules: red lines in every line of the scripts as
    edited (episode, scene, line, rule and its source), titles, the review tier and the filing number
    it needs, fidelity to a classic source; and count the AI-labelled outputs. Waive reviewed findings
    in compliance/waivers.toml. Writes compliance/report.json and report.html; exits 1 on blockers.
    """
    settings = apply_options(open_project(project), options)
    run_pipeline(project, settings, until="compliance-report", force=force)
    report = ComplianceReport.load(project / "compliance/report.json")
    if as_json:
        click.echo(report.to_bytes().decode("utf-8"))
    else:
        console = Console()
        tier = report.tier
        console.print(f"[bold]{report.title}[/] — tier {tier.get('tier_name')}: {tier.get('reason')}")
        console.print(
            f"filing number: {report.filing_number or '[bold red]missing[/]'}; labels: "
            + ", ".join(f"{k} {v}" for k, v in report.labels.items())
        )
        table = Table("where", "severity", "rule", "finding", "source")
        for f in report.findings:
            if f["waived"] and not show_waived:
                continue
            where = (
                " ".join(
                    f"{label} {f[k]}"
                    for k, label in (("episode", "ep"), ("scene", "scene"), ("line", "line"))
                    if f.get(k) is not None
                )
                or "series"
            )
            if f.get("fountain_line"):
                where += f"\n(fountain line {f['fountain_line']})"
            severity = "waived" if f["waived"] else f["severity"]
            finding = f"{f['message']}\n{f['excerpt']}" + (f"\nwaived: {f['waiver']}" if f["waived"] else "")
            table.add_row(
                where,
                f"[{_STYLE.get(severity, 'dim')}]{severity}[/]",
                f"{f['rule']}\n{f['title']}",
                finding,
                f["source"],
            )
        console.print(table)
        counts = report.counts
        console.print(
            f"{counts.get('blocker', 0)} blocker, {counts.get('warn', 0)} warn, {counts.get('waived', 0)} waived; "
            f"report: {project / 'compliance/report.html'}"
        )
    if not report.ready:
        raise click.ClickException(f"{report.counts.get('blocker', 0)} blocker(s) in {project}: fix or waive them")
