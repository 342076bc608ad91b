"""``microdrama animatic PROJECT``: storyboards, voices and animatics for chosen episodes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from microdrama.cli.options import apply_options, open_project, run_options
from microdrama.cli.running import run_pipeline


@click.command("animatic")
@click.argument("project", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--only",
    "episodes",
    default="all",
    show_default=True,
    help="Episodes to storyboard, voice and cut: 'all', or a list such as '1-3,7' ('' turns them off).",
)
@click.option("--horizontal/--no-horizontal", default=None, help="Also render the 1920x1080 version (default: on).")
@run_options
def command(project: Path, episodes: str, horizontal: bool | None, force: bool, **options: Any) -> None:
    """Board, voice and cut episodes of PROJECT: 9:16 shot lists and panels (board/), a voice per character
    and a clip per line (voice/), vertical and horizontal MP4 animatics with an OTIO timeline, FCP XML
    and EDL (cut/). The choice is saved as media.episodes in microdrama.toml; later runs keep it up to date.
    """
    settings = apply_options(open_project(project), options)
    settings = settings.with_values({"media.episodes": episodes, "media.horizontal": horizontal})
    run_pipeline(project, settings, until="cut", force=force)
    for mp4 in sorted((project / "cut").glob("ep[0-9][0-9][0-9].*.mp4")):
        click.echo(f"  {mp4}")
