"""``microdrama labels verify FILE…``: read AI-content labels back from any file and say what is there."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from microdrama.compliance.verify import verify_file

_STYLE = {"present": "green", "missing": "yellow", "malformed": "bold red"}


@click.group("labels")
def command() -> None:
    """AI-content labels (GB 45438-2025 AIGC metadata, IPTC DigitalSourceType, C2PA, notices)."""


@command.command("verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per file, as a list.")
def verify(files: tuple[Path, ...], as_json: bool) -> None:
    """Read the labels of FILES (MP4/MOV, PNG, JPEG, WAV, MP3, PDF, Fountain, WebVTT, ASS, TTML, HTML,
    Markdown, SRT with its FILE.aigc.json sidecar) — made by this tool or not — and report each as
    present, missing or malformed.

    Exits 1 when any file lacks a valid GB 45438 implicit label.
    """
    reports = [verify_file(path) for path in files]
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        table = Table("file", "format", "label", "status", "where / detail", show_lines=False)
        for report in reports:
            for index, check in enumerate(report.checks):
                first = index == 0
                table.add_row(
                    report.path if first else "",
                    report.container if first else "",
                    check.label,
                    f"[{_STYLE[check.status]}]{check.status}[/]",
                    " — ".join(x for x in (check.where, check.detail) if x),
                )
        Console().print(table)
    bad = [r.path for r in reports if not r.ok]
    if bad:
        raise click.ClickException(f"{len(bad)} of {len(reports)} file(s) without a valid AIGC label")
