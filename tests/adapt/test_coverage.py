"""Coverage: every source event once, in text order, with what the plan did with it."""

from __future__ import annotations

from collections import Counter

from story_fixtures import Story, synthetic_story

from microdrama.adapt import adapt
from microdrama.adapt.coverage import make_coverage
from microdrama.model import EpisodePlan, Plan, Provenance


def test_every_event_appears_exactly_once_in_text_order() -> None:
    story = synthetic_story(600)
    _, plan, coverage = adapt(
        story.source, story.cast, story.quotes, story.places, story.events, episodes=10, episode_ms=60_000
    )
    ids = [e.id for e in story.events.events]
    assert [entry.event for entry in coverage.entries] == ids
    used = {event_id: episode.number for episode in plan.episodes for event_id in episode.events}
    for entry in coverage.entries:
        if entry.event in used:
            assert (entry.status, entry.episode) == ("used", used[entry.event])
        elif entry.event == plan.episodes[0].cold_open:
            assert (entry.status, entry.episode) == ("cold_open", 1)
        else:
            assert (entry.status, entry.episode) == ("cut", None)
    assert Counter(e.status for e in coverage.entries)["cut"] > 0


def _plan(cold_open: str, events: list[list[str]]) -> Plan:
    episodes = [
        EpisodePlan(
            number=n,
            title=f"t{n}",
            events=ids,
            source_start=0,
            source_end=1,
            target_ms=1000,
            cold_open=cold_open if n == 1 else None,
        )
        for n, ids in enumerate(events, start=1)
    ]
    return Plan(episode_ms=1000, requested_episodes=len(events), episodes=episodes, provenance=Provenance(stage="t"))


def test_a_cold_open_not_played_in_order_is_marked_cold_open(english: Story) -> None:
    plan = _plan("e0008", [["e0001", "e0002"], ["e0004", "e0006"], ["e0009", "e0010"]])
    entries = {e.event: e for e in make_coverage(plan, english.events).entries}
    assert (entries["e0008"].status, entries["e0008"].episode) == ("cold_open", 1)
    assert (entries["e0003"].status, entries["e0003"].episode) == ("cut", None)


def test_a_cold_open_also_played_later_is_marked_used_where_it_plays(english: Story) -> None:
    plan = _plan("e0008", [["e0001", "e0002"], ["e0004", "e0006"], ["e0008", "e0010"]])
    entries = {e.event: e for e in make_coverage(plan, english.events).entries}
    assert (entries["e0008"].status, entries["e0008"].episode) == ("used", 3)
