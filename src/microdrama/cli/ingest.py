"""``microdrama ingest NOVEL [-o PROJECT]``: decode a novel and show what was found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from microdrama.cli.options import apply_options, run_options
from microdrama.cli.running import run_pipeline
from microdrama.errors import IngestError
from microdrama.ingest import read_novel
from microdrama.model import Source
from microdrama.settings import SETTINGS_FILE, Settings, load_settings


def show_source(source: Source, *, limit: int = 40) -> None:
    """Print the encoding, language and sections found."""
    console = Console()
    script = f" ({source.script})" if source.script else ""
    console.print(
        f"[bold]{source.file_name}[/]: {source.file_format}, {source.encoding}, "
        f"{source.language}{script}, {len(source.text):,} characters"
    )
    table = Table("#", "kind", "label", "title", "chars")
    for chapter in source.chapters[:limit]:
        table.add_row(
            str(chapter.index), chapter.kind, chapter.label, chapter.title[:50], f"{chapter.end - chapter.start:,}"
        )
    console.print(table)
    if len(source.chapters) > limit:
        console.print(f"… and {len(source.chapters) - limit} more sections")
    for warning in source.warnings:
        console.print(f"[yellow]warning:[/] {warning}")


@click.command("ingest")
@click.argument("novel", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    "project",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Project folder to write source/source.json into; without it, only report.",
)
@run_options
def command(novel: Path, project: Path | None, force: bool, **options: Any) -> None:
    """Decode NOVEL: encoding, language, chapters and front matter found.

    Reads .txt (UTF-8/16, GB18030/GBK, Big5, detected), .md, .epub and .docx.
    """
    if not novel.is_file():
        raise IngestError(novel, "no such file")
    if project is None:
        show_source(read_novel(novel))
        return
    settings = load_settings(project) if (project / SETTINGS_FILE).is_file() else Settings()
    settings = apply_options(settings.with_values({"project.novel": str(novel.resolve())}), options)
    run_pipeline(project, settings, until="ingest", force=force)
    show_source(Source.load(project / "source/source.json"))
