"""``microdrama produce NOVEL -o PROJECT``: the whole chain on a novel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from microdrama.analyze.known_cast import install_cast, read_cast_file
from microdrama.cli.options import apply_options, cast_option, model_options, run_options, series_options
from microdrama.cli.running import run_pipeline
from microdrama.errors import IngestError, SettingsError
from microdrama.pipeline import RunSummary
from microdrama.pipeline.usage import estimate
from microdrama.settings import SETTINGS_FILE, Settings, load_settings


def produce(
    novel: Path,
    project: Path,
    options: dict[str, Any],
    *,
    force: bool = False,
    defaults: dict[str, Any] | None = None,
    cast_file: Path | None = None,
) -> RunSummary:
    """Create or update ``project`` from ``novel`` and run every stage that is not up to date.

    ``cast_file`` (``--cast``) is checked first and stored as ``story/known_cast.json``; a new
    project folder gets it only once ingest has succeeded, so a bad novel leaves no folder behind.
    """
    cast = read_cast_file(cast_file) if cast_file is not None else None
    if not novel.is_file():
        raise IngestError(novel, "no such file")
    if project.exists() and not project.is_dir():
        raise SettingsError(f"{project} exists and is not a folder")
    # A folder holding only .microdrama/ is a project whose first run was interrupted.
    is_project = (project / SETTINGS_FILE).is_file() or (project / ".microdrama").is_dir()
    if project.is_dir() and not is_project and any(project.iterdir()):
        raise SettingsError(f"{project} is not empty and is not a microdrama project; choose another -o folder")
    settings = load_settings(project) if is_project else Settings().with_values(defaults or {})
    settings = apply_options(settings.with_values({"project.novel": str(novel.resolve())}), options)
    if options.get("estimate"):
        return estimate(project, settings)
    if cast is not None:
        if not is_project:
            run_pipeline(project, settings, until="ingest", force=force)
        install_cast(project, cast)
    summary = run_pipeline(project, settings, until=None, force=force)
    print_results(project)
    return summary


def print_results(project: Path) -> None:
    """Tell the user where the main outputs are."""
    scripts = sorted((project / "script").glob("ep[0-9][0-9][0-9].fountain"))
    click.echo(f"{len(scripts)} episode scripts in {project / 'script'}")
    for name in ("series.pdf", "series.fountain", "series.fdx", "series.html"):
        path = project / "script" / name
        if path.is_file():
            click.echo(f"  {path}")
    animatics = sorted((project / "cut").glob("ep[0-9][0-9][0-9].vertical.mp4"))
    if animatics:
        click.echo(f"{len(animatics)} animatic(s) in {project / 'cut'} (9:16 and 16:9 MP4, OTIO, FCP XML, EDL)")
        for path in animatics:
            click.echo(f"  {path}")


@click.command("produce")
@click.argument("novel", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    "project",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Project folder to create or update.",
)
@series_options
@cast_option
@run_options
@model_options
def command(novel: Path, project: Path, force: bool, cast_file: Path | None, **options: Any) -> None:
    """Adapt NOVEL (.txt in any common encoding, .md, .epub, .docx) into a series in PROJECT.

    Runs ingest → analyze → adapt → write → parse → export. Re-running redoes only what changed.
    """
    produce(novel, project, options, force=force, cast_file=cast_file)
