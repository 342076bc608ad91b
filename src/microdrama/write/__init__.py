"""The write stage: each planned episode as a Fountain script drawn from the book, with its sources.

Modules: :mod:`~microdrama.write.episode` (an episode from its plan), :mod:`~microdrama.write.scenes`
(grouping, headings), :mod:`~microdrama.write.action` (narration → action lines),
:mod:`~microdrama.write.dialogue` (quotes → speeches), :mod:`~microdrama.write.fit` (runtime),
:mod:`~microdrama.write.timing` (durations), :mod:`~microdrama.write.align` (sources of a parsed,
possibly edited, script).
"""

from __future__ import annotations

from microdrama.formats import fountain
from microdrama.model import Bible, Cast, EpisodePlan, Events, Places, Quotes, ScriptSources, Source
from microdrama.write.align import attach_sources
from microdrama.write.episode import build_episode

__all__ = ["attach_sources", "build_episode", "write_episode"]


def write_episode(
    episode: EpisodePlan,
    *,
    source: Source,
    cast: Cast,
    quotes: Quotes,
    places: Places,
    events: Events,
    bible: Bible,
    upcoming: EpisodePlan | None = None,
) -> tuple[str, ScriptSources]:
    """Write one planned episode as Fountain text, with the book source of each line.

    ``upcoming`` is the next episode's plan (an episode with no peak ends on its first one).

    Returns:
        The episode's Fountain text and its :class:`ScriptSources` (``script/epNNN.sources.json``).

    Raises:
        PipelineError: the plan names an event the analysis does not have.
    """
    script, sources = build_episode(
        episode, source=source, cast=cast, quotes=quotes, places=places, events=events, bible=bible, upcoming=upcoming
    )
    return fountain.write_episode(script), sources
