"""A series project as the linter reads it: plan, bible, cast, events, and every episode's Fountain file
parsed afresh (the files people edit), with book sources re-attached and durations estimated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from microdrama.errors import FormatError
from microdrama.formats import fountain
from microdrama.model import Bible, Cast, EpisodeScript, Events, Plan, ScriptSources, Source
from microdrama.write.align import attach_sources

_EPISODE_FILE = re.compile(r"^ep(\d{3})\.fountain$")


@dataclass
class EpisodeFile:
    """One episode script as found on disk."""

    number: int
    path: str
    """Project-relative path, e.g. ``script/ep001.fountain``."""
    text: str
    script: EpisodeScript | None = None
    """Parsed, with sources and durations; None when it does not parse."""
    error: str | None = None
    """Why it does not parse."""


@dataclass
class Project:
    """Everything the rules read."""

    root: Path
    plan: Plan
    bible: Bible
    cast: Cast | None
    events: Events | None
    episodes: list[EpisodeFile] = field(default_factory=list)
    source: Source | None = None
    """The book (``source/source.json``), when present: lines are compared with what they were."""


def _optional(cls: type[Cast] | type[Events] | type[Source], path: Path) -> Cast | Events | Source | None:
    return cls.load(path) if path.exists() else None


def read_episode_file(root: Path, number: int, language: str) -> EpisodeFile:
    """Parse ``script/epNNN.fountain`` and re-attach the sources the writer recorded."""
    rel = f"script/ep{number:03d}.fountain"
    text = (root / rel).read_text(encoding="utf-8")
    episode = EpisodeFile(number=number, path=rel, text=text)
    try:
        parsed = fountain.read_episode(text, language=language, where=rel)
    except FormatError as exc:
        episode.error = str(exc)
        return episode
    sources_path = root / f"script/ep{number:03d}.sources.json"
    if sources_path.exists():
        sources = ScriptSources.load(sources_path)
    else:
        sources = ScriptSources(episode=number, lines=[], provenance={"stage": "write"})
    episode.script = attach_sources(parsed, sources, language=language).model_copy(update={"episode": number})
    return episode


def load_project(root: Path) -> Project:
    """Read the project at ``root``.

    Raises:
        ArtifactError: ``series/plan.json`` or ``series/bible.json`` is missing or malformed.
    """
    plan = Plan.load(root / "series/plan.json")
    bible = Bible.load(root / "series/bible.json")
    project = Project(
        root=root,
        plan=plan,
        bible=bible,
        cast=_optional(Cast, root / "story/cast.json"),  # type: ignore[arg-type]
        events=_optional(Events, root / "story/events.json"),  # type: ignore[arg-type]
        source=_optional(Source, root / "source/source.json"),  # type: ignore[arg-type]
    )
    numbers = sorted(
        int(m.group(1)) for p in (root / "script").glob("ep*.fountain") if (m := _EPISODE_FILE.match(p.name))
    )
    project.episodes = [read_episode_file(root, n, bible.language) for n in numbers]
    return project
