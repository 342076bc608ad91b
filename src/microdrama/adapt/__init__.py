"""The adapt stage: from what the novel contains to a series — bible, episode plan and coverage.

The offline engine extracts and optimises, it does not invent: every title, beat, logline and
description is drawn from the book's own sentences and the analysis' numbers.

Modules: :mod:`~microdrama.adapt.tension` (planning scores re-read from the text),
:mod:`~microdrama.adapt.estimate` (shortest and fullest runtime of an event),
:mod:`~microdrama.adapt.segment` (episode count, event selection, the cut-point DP, paywall, cold
open), :mod:`~microdrama.adapt.beats` (beat sheets, titles), :mod:`~microdrama.adapt.plan`,
:mod:`~microdrama.adapt.bible`, :mod:`~microdrama.adapt.coverage` (the three artifacts),
:mod:`~microdrama.adapt.title` (the series title), :mod:`~microdrama.adapt.excerpts` and
:mod:`~microdrama.adapt.genre` (text helpers). ``docs/adapt.md`` explains the optimisation.
"""

from __future__ import annotations

from microdrama.adapt.bible import make_bible
from microdrama.adapt.coverage import make_coverage
from microdrama.adapt.plan import make_plan
from microdrama.adapt.tension import rescored, score_events
from microdrama.model import Bible, Cast, Coverage, Events, Places, Plan, Quotes, Source

__all__ = ["adapt"]


def adapt(
    source: Source,
    cast: Cast,
    quotes: Quotes,
    places: Places,
    events: Events,
    *,
    episodes: int,
    episode_ms: int,
    paywall_episode: int = 0,
    cold_open: bool = True,
    title: str = "",
) -> tuple[Bible, Plan, Coverage]:
    """Plan a series of ``episodes`` episodes of ``episode_ms`` each from the analysis of a book.

    Args:
        source, cast, quotes, places, events: the ingest and analyze artifacts.
        episodes: episodes asked for; fewer are planned (and ``Plan.notes`` says why) when the book
            cannot fill them.
        episode_ms: target runtime of one episode, in milliseconds.
        paywall_episode: episode carrying the paywall; 0 chooses one 10–20 % into the series.
        cold_open: let episode 1 open on a flash-forward to a tense later event (3+ episodes).
        title: series title; empty takes it from the book.

    Returns:
        The series bible, the episode plan and the coverage of every source event.

    Raises:
        PipelineError: the analysis holds no events, or the shape asked for is impossible.
    """
    del places  # scene locations are the write stage's business; kept for a stable signature
    plan = make_plan(
        source,
        quotes,
        events,
        episodes=episodes,
        episode_ms=episode_ms,
        paywall_episode_number=paywall_episode,
        cold_open=cold_open,
        cast=cast,
    )
    story = sorted(events.events, key=lambda e: (e.start, e.end, e.id))
    language = "zh" if source.language == "zh" else "en"
    scores = score_events(source.text, story, {q.id: q for q in quotes.quotes}, language)
    scored = events.model_copy(update={"events": rescored(story, scores)})
    bible = make_bible(source, cast, quotes, scored, title=title)
    return bible, plan, make_coverage(plan, events)
