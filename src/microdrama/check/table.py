"""The check report as text tables: the findings, then one line per rule with its counts and source."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from microdrama.check.findings import Report, sorted_findings

_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def print_report(report: Report, console: Console, *, show_info: bool = False) -> None:
    """Print the findings (info only when asked) and the per-rule summary."""
    shown = [f for f in sorted_findings(report.findings) if show_info or f.severity != "info"]
    if shown:
        findings = Table("episode", "severity", "rule", "message", title="Findings")
        for f in shown:
            findings.add_row(
                "series" if f.episode is None else f"{f.episode:03d}",
                f"[{_STYLE[f.severity]}]{f.severity}[/]",
                f.rule,
                f.message,
            )
        console.print(findings)
    rules = Table("rule", "severity", "errors", "warnings", "checks", title="Rules (sources: --list-rules)")
    for r in report.rules:
        errors, warnings = report.count("error", r.id), report.count("warning", r.id)
        rules.add_row(r.id, r.severity, str(errors), str(warnings), r.title)
    console.print(rules)
    print_sources(report, console)
    verdict = "[green]passed[/]" if report.ok else "[bold red]failed[/]"
    console.print(
        f"{report.episodes} episode script(s): {report.count('error')} error(s), {report.count('warning')} "
        f"warning(s), {report.count('info')} note(s) — {verdict}"
    )


def print_sources(report: Report, console: Console) -> None:
    """One line per episode: who wrote it, lines from the book, cut down, new, events covered."""
    if not report.sources:
        return
    table = Table(
        "episode", "writer", "lines", "book", "edited", "new", "fidelity", "novelty", "events", title="Sources"
    )
    for row in report.sources:
        planned, covered = row["events_planned"], row["events_covered"]
        assert isinstance(planned, list) and isinstance(covered, list)
        table.add_row(
            f"{row['episode']:03d}",
            str(row["writer"]),
            str(row["lines"]),
            str(row["from_book"]),
            str(row["edited"]),
            str(row["new"]),
            f"{row['fidelity']:.0%}",
            f"{row['novelty']:.0%}",
            f"{len(covered)}/{len(planned)}",
        )
    console.print(table)
