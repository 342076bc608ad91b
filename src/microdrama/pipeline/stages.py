"""The pipeline, declared once as data: each stage's inputs, outputs, settings and engines.

How to add a new stage:
  1. Write ``run_<stage>(ctx) -> dict[path, bytes]`` in :mod:`microdrama.pipeline.steps` (pure: read
     inputs through ``ctx``, return outputs; never write files — the runner writes them atomically).
  2. Add a :class:`Stage` row to :data:`STAGES` after the stages it reads from, listing every input
     glob, every output glob it owns, and every dotted setting it reads (they go into its key).
  3. Bump ``version`` whenever the function's output changes for the same inputs.
  4. A stage with ``fan_out`` runs once per unit (e.g. per episode file) through the executor; its
     ``{unit}`` placeholders are filled with each unit id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from microdrama.errors import PipelineError

#: the novel file named in the settings, as an input
NOVEL = "@novel"


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline, as data."""

    name: str
    version: int
    func: str | Callable[..., Any]
    description: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    settings: tuple[str, ...] = ()
    engines: tuple[str, ...] = ()
    fan_out: str | None = None
    command: str | None = field(default=None)

    @property
    def cli_name(self) -> str:
        """Subcommand that runs the pipeline up to this stage."""
        return self.command or self.name


STAGES: tuple[Stage, ...] = (
    Stage(
        name="ingest",
        version=1,
        func="microdrama.pipeline.steps:run_ingest",
        description="decode the novel, find chapters and language",
        inputs=(NOVEL,),
        outputs=("source/source.json",),
        settings=("ingest.max_megabytes",),
    ),
    Stage(
        name="analyze",
        version=1,
        func="microdrama.pipeline.steps:run_analyze",
        description="find the cast, every quotation and its speaker, places and events",
        inputs=("source/source.json", "story/known_cast.json"),
        outputs=("story/cast.json", "story/quotes.json", "story/places.json", "story/events.json"),
        engines=("engines.text",),
    ),
    Stage(
        name="adapt",
        version=1,
        func="microdrama.pipeline.steps:run_adapt",
        description="plan the series: bible, episodes, hooks, cliffhangers, paywall",
        inputs=("source/source.json", "story/cast.json", "story/quotes.json", "story/places.json", "story/events.json"),
        outputs=("series/bible.json", "series/plan.json", "series/coverage.json"),
        settings=(
            "series.episodes",
            "series.episode_seconds",
            "series.paywall_episode",
            "series.cold_open",
            "project.title",
        ),
        engines=("engines.text",),
    ),
    Stage(
        name="write",
        version=1,
        func="microdrama.pipeline.steps:run_write",
        description="write each episode's screenplay in Fountain",
        inputs=(
            "source/source.json",
            "story/cast.json",
            "story/quotes.json",
            "story/places.json",
            "story/events.json",
            "series/bible.json",
            "series/plan.json",
        ),
        outputs=("script/ep[0-9][0-9][0-9].fountain", "script/ep[0-9][0-9][0-9].sources.json"),
        engines=("engines.text",),
    ),
    Stage(
        name="parse",
        version=1,
        func="microdrama.pipeline.steps:run_parse",
        description="read each episode's Fountain (hand edits included) back into structure",
        inputs=("script/ep{unit}.fountain", "script/ep{unit}.sources.json", "series/bible.json"),
        outputs=("script/ep{unit}.json",),
        fan_out="script/ep{unit}.fountain",
    ),
    Stage(
        name="export",
        version=1,
        func="microdrama.pipeline.steps:run_export",
        description="export the series screenplay: Fountain, Final Draft, HTML, PDF",
        inputs=("script/ep[0-9][0-9][0-9].json", "series/bible.json"),
        outputs=("script/series.fountain", "script/series.fdx", "script/series.html", "script/series.pdf"),
    ),
)


def stage_named(name: str, stages: tuple[Stage, ...] = STAGES) -> Stage:
    """The stage called ``name``."""
    for stage in stages:
        if stage.name == name:
            return stage
    raise PipelineError(f"no stage named {name!r}; stages: {', '.join(s.name for s in stages)}")
