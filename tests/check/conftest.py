"""Fixtures of the linter tests: a small series project written to disk by adapt and write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from story_fixtures import synthetic_story

from microdrama.adapt import adapt
from microdrama.write import write_episode


@pytest.fixture(scope="session")
def clean_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six episodes of 60 s from a synthetic story, as adapt and write leave them (never edited)."""
    story = synthetic_story(120, chapters=12)
    bible, plan, coverage = adapt(
        story.source, story.cast, story.quotes, story.places, story.events, episodes=6, episode_ms=60_000
    )
    root = tmp_path_factory.mktemp("series") / "project"
    for folder in ("series", "story", "script"):
        (root / folder).mkdir(parents=True)
    (root / "series/plan.json").write_bytes(plan.to_bytes())
    (root / "series/bible.json").write_bytes(bible.to_bytes())
    (root / "series/coverage.json").write_bytes(coverage.to_bytes())
    (root / "story/cast.json").write_bytes(story.cast.to_bytes())
    (root / "story/events.json").write_bytes(story.events.to_bytes())
    for episode in plan.episodes:
        text, sources = write_episode(
            episode,
            source=story.source,
            cast=story.cast,
            quotes=story.quotes,
            places=story.places,
            events=story.events,
            bible=bible,
        )
        (root / f"script/ep{episode.number:03d}.fountain").write_text(text, encoding="utf-8")
        (root / f"script/ep{episode.number:03d}.sources.json").write_bytes(sources.to_bytes())
    return root


@pytest.fixture
def project(clean_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the clean project, to edit."""
    return Path(shutil.copytree(clean_project, tmp_path / "project"))
