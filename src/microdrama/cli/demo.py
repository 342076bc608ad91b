"""``microdrama demo``: the whole chain on the short story shipped with the package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from microdrama.cli.options import run_options, series_options
from microdrama.cli.produce import produce
from microdrama.demo import DEMO_LANGUAGES, demo_story_path

#: a short story makes a short series; episode 1 is also storyboarded, voiced and cut, so the demo
#: shows the whole chain down to a watchable animatic (``--animatic ""`` skips it)
DEMO_DEFAULTS = {"series.episodes": 6, "series.episode_seconds": 60, "media.episodes": "1"}


@click.command("demo")
@click.option(
    "--lang",
    type=click.Choice(DEMO_LANGUAGES),
    default="en",
    show_default=True,
    help="Which version of the demo story.",
)
@click.option(
    "-o",
    "--output",
    "project",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Project folder (default: ./microdrama-demo-LANG).",
)
@series_options
@run_options
def command(lang: str, project: Path | None, force: bool, **options: Any) -> None:
    """Produce a short series from the bundled demo story (6 episodes of 60 s, an animatic of episode 1, by default)."""
    project = project or Path(f"microdrama-demo-{lang}")
    produce(demo_story_path(lang), project, options, force=force, defaults=DEMO_DEFAULTS)
