"""Options shared by the commands that run the pipeline, and the code that applies them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from microdrama.errors import SettingsError
from microdrama.settings import SETTINGS_FILE, Settings, load_settings

F = Callable[..., Any]

#: CLI option name -> dotted setting
SETTING_OPTIONS = {
    "episodes": "series.episodes",
    "episode_seconds": "series.episode_seconds",
    "paywall_episode": "series.paywall_episode",
    "cold_open": "series.cold_open",
    "title": "project.title",
    "executor": "run.executor",
    "workers": "run.workers",
    "text_engine": "engines.text",
    "max_cost": "model.max_cost",
    "languages": "subtitles.languages",
    "animatic": "media.episodes",
    "scheduler": "run.scheduler",
}


def _split_languages(ctx: click.Context, param: click.Parameter, value: str | None) -> list[str] | None:
    return [part.strip() for part in value.split(",") if part.strip()] if value else None


def series_options(fn: F) -> F:
    """Options that change the series' shape (stored in the project's microdrama.toml)."""
    for option in reversed(
        [
            click.option("--episodes", type=click.IntRange(1, 500), help="Number of episodes (default 60)."),
            click.option(
                "--episode-seconds", type=click.IntRange(15, 900), help="Target runtime per episode (default 90)."
            ),
            click.option("--paywall-episode", type=click.IntRange(0), help="Episode carrying the paywall; 0 chooses."),
            click.option("--cold-open/--no-cold-open", default=None, help="Let episode 1 open on a flash-forward."),
            click.option("--title", help="Series title (default: from the book)."),
            click.option(
                "--animatic",
                metavar="EPISODES",
                help="Storyboard, voice and cut these episodes too: 'all' or a list such as '1-3,7'.",
            ),
            click.option(
                "--languages",
                callback=_split_languages,
                help="Subtitle languages, comma-separated BCP 47 tags (e.g. zh-Hans,zh-Hant,en).",
            ),
        ]
    ):
        fn = option(fn)
    return fn


def run_options(fn: F) -> F:
    """Options on how to run (not part of any stage key: outputs do not depend on them)."""
    for option in reversed(
        [
            click.option(
                "--executor",
                type=click.Choice(["local", "serial", "dask"]),
                help="local = process pool (default); dask = a Dask cluster (see --scheduler).",
            ),
            click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a local cluster."),
            click.option("--workers", type=click.IntRange(0), help="Worker processes; 0 = one per CPU."),
            click.option("--force", is_flag=True, help="Re-run stages even when they are up to date."),
        ]
    ):
        fn = option(fn)
    return fn


def model_options(fn: F) -> F:
    """Options of the model engine (see docs/engines.md)."""
    for option in reversed(
        [
            click.option(
                "--text-engine",
                metavar="URL",
                help="offline (default), or openai://HOST:PORT/v1?model=NAME for any OpenAI-compatible server.",
            ),
            click.option(
                "--max-cost",
                type=click.FloatRange(0),
                help="Stop cleanly when the model calls cost this much; 0 = no limit.",
            ),
            click.option(
                "--estimate", is_flag=True, help="Print the calls, tokens and cost the run would need; send nothing."
            ),
        ]
    ):
        fn = option(fn)
    return fn


def cast_option(fn: F) -> F:
    """``--cast FILE``: attribute quotations against a given cast instead of discovering one."""
    return click.option(
        "--cast",
        "cast_file",
        type=click.Path(path_type=Path, dir_okay=False),
        help='JSON list of {"id", "name", "aliases", "gender"}: use this cast instead of discovering one.',
    )(fn)


def apply_options(settings: Settings, options: dict[str, Any]) -> Settings:
    """Settings with the given CLI options applied."""
    return settings.with_values({SETTING_OPTIONS[k]: v for k, v in options.items() if k in SETTING_OPTIONS})


def open_project(project: Path) -> Settings:
    """Settings of an existing project, or a clear error when ``project`` is not one."""
    if not (project / SETTINGS_FILE).is_file():
        raise SettingsError(
            f"{project} is not a microdrama project (no {SETTINGS_FILE}); start with `microdrama produce`"
        )
    return load_settings(project)
