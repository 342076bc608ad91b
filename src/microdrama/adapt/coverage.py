"""Coverage: what the plan did with every source event — played in an episode, flashed forward, or cut.

A cold-open event is recorded as ``cold_open`` (episode 1) only when no episode plays it in story
order; when it is also played later, the entry says ``used`` with that later episode, because that is
where the event's story content lives — the flash-forward is a teaser of it, named in
``EpisodePlan.cold_open``.
"""

from __future__ import annotations

from microdrama.model import Coverage, CoverageEntry, Events, Plan, Provenance


def make_coverage(plan: Plan, events: Events) -> Coverage:
    """One entry per source event, in text order."""
    episode_of: dict[str, int] = {}
    for episode in plan.episodes:
        for event_id in episode.events:
            episode_of.setdefault(event_id, episode.number)
    flash = plan.episodes[0].cold_open if plan.episodes else None
    entries: list[CoverageEntry] = []
    for event in sorted(events.events, key=lambda e: (e.start, e.end, e.id)):
        if event.id in episode_of:
            entries.append(CoverageEntry(event=event.id, episode=episode_of[event.id], status="used"))
        elif event.id == flash:
            entries.append(CoverageEntry(event=event.id, episode=1, status="cold_open"))
        else:
            entries.append(CoverageEntry(event=event.id, episode=None, status="cut"))
    return Coverage(entries=entries, provenance=Provenance(stage="adapt"))
