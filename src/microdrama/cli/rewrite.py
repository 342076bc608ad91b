"""``microdrama rewrite PROJECT --episodes 3,5 --note "…"``: the model writes just those episodes again,
with the note; every version is kept in ``script/revisions/`` and a hand-edited script is never
overwritten (the new version waits for ``microdrama accept``)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from microdrama.cli.episodes import parse_episodes
from microdrama.cli.options import open_project
from microdrama.cli.running import run_pipeline
from microdrama.errors import SettingsError
from microdrama.model import Plan
from microdrama.project import paths
from microdrama.room.notes import add_notes
from microdrama.room.stage import REPORT_FILE


@click.command("rewrite")
@click.argument("project", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--episodes", "-e", required=True, metavar="LIST", help="Episodes to re-write: 3,5 or 2-4.")
@click.option("--note", "-n", default="", metavar="TEXT", help="What to change (stored with the revision).")
def command(project: Path, episodes: str, note: str) -> None:
    """Re-write EPISODES of PROJECT with the text model, following NOTE.

    The other episodes are not asked again (their replies are cached). Each new version is a revision
    in script/revisions/ with a diff; a script you edited by hand stays as it is and the model's
    version waits until you run `microdrama accept PROJECT --episodes N`.
    """
    settings = open_project(project)
    if settings.engines.text == "offline" or settings.model.writer != "room":
        raise SettingsError(
            f'rewrite needs the writers\' room: set [engines] text = "openai://…" in {project}/microdrama.toml '
            '(and leave [model] writer at "room")'
        )
    if not (project / paths.plan).is_file():
        raise SettingsError(f"{project} has no episode plan yet; run `microdrama write {project}` first")
    numbers = parse_episodes(episodes, [e.number for e in Plan.load(project / paths.plan).episodes])
    add_notes(project, numbers, note)
    run_pipeline(project, settings, until="parse")
    report = json.loads((project / REPORT_FILE).read_text(encoding="utf-8"))
    for entry in (e for e in report["episodes"] if e["episode"] in numbers):
        click.echo(describe(project, entry))


def describe(project: Path, entry: dict[str, object]) -> str:
    """One line per episode: what the room did with it."""
    number, status = int(str(entry["episode"])), entry["status"]
    name = f"episode {number}"
    if status in ("written", "repaired"):
        how = "written" if status == "written" else f"written after {int(str(entry['attempts'])) - 1} repair(s)"
        return f"{name}: {how} — {paths.fountain(number)} (revision {entry['revision']})"
    if status == "kept-edit":
        return (
            f"{name}: your hand edit is kept; the model's version is revision {entry['revision']} — "
            f"review it, then `microdrama accept {project} --episodes {number}`"
        )
    return f"{name}: kept the offline draft — {entry['reason']}"
