"""``microdrama accept PROJECT --episodes 3``: make the model's waiting revision an episode's script
(after a rewrite of a hand-edited episode); ``--reject`` keeps the script as it is."""

from __future__ import annotations

from pathlib import Path

import click

from microdrama.cli.episodes import parse_episodes
from microdrama.cli.options import open_project
from microdrama.errors import PipelineError
from microdrama.room import revisions


@click.command("accept")
@click.argument("project", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--episodes", "-e", default="", metavar="LIST", help="Episodes: 3,5 or 2-4 (default: every one waiting).")
@click.option("--reject", is_flag=True, help="Keep the current scripts; mark the waiting revisions rejected.")
def command(project: Path, episodes: str, reject: bool) -> None:
    """Accept (or --reject) the revisions of PROJECT that wait for a decision.

    The script it replaces stays in script/revisions/, so nothing is lost.
    """
    open_project(project)
    waiting = {number: revision for number, revision in revisions.all_pending(project)}
    if not waiting:
        raise PipelineError(f"no revision of {project} waits for a decision")
    numbers = parse_episodes(episodes, sorted(waiting)) if episodes else sorted(waiting)
    for number in numbers:
        if reject:
            chosen = revisions.reject(project, number)
            click.echo(f"episode {number}: revision {chosen.number} rejected; script/ep{number:03d}.fountain stays")
            continue
        chosen = revisions.accept(project, number)
        note = f' (note: "{chosen.note}")' if chosen.note else ""
        click.echo(
            f"episode {number}: revision {chosen.number} by the {chosen.by}{note} is now "
            f"script/ep{number:03d}.fountain; the previous version stays in script/revisions/"
        )
