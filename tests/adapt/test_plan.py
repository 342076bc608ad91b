"""The episode plan: count, contiguity, runtime, cliffhanger cuts, paywall, cold open, determinism."""

from __future__ import annotations

import statistics

import pytest
from story_fixtures import Story, synthetic_story

from microdrama.adapt import adapt
from microdrama.adapt.defects import is_peak, peak_excerpt
from microdrama.adapt.estimate import event_runtimes
from microdrama.adapt.segment import FULL_SAFETY, PROTECTED_MS
from microdrama.model import Bible, Coverage, Events, Plan
from microdrama.write.dialogue import spoken_text


def run(story: Story, **options: int | bool) -> tuple[Bible, Plan, Coverage]:
    return adapt(story.source, story.cast, story.quotes, story.places, story.events, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def long_story() -> Story:
    """2 000 events of about 18 s each: far more than 40 episodes of 90 s can show."""
    return synthetic_story(2000)


def event_order(plan: Plan, events: Events) -> list[int]:
    index = {e.id: i for i, e in enumerate(events.events)}
    return [index[event_id] for episode in plan.episodes for event_id in episode.events]


def test_a_small_book_gets_fewer_episodes_and_a_note_saying_so(english: Story) -> None:
    _, plan, _ = run(english, episodes=10, episode_ms=20_000)
    assert 1 <= len(plan.episodes) < 10
    assert plan.requested_episodes == 10
    assert any("Reduced the series from 10" in note for note in plan.notes)
    assert [e.number for e in plan.episodes] == list(range(1, len(plan.episodes) + 1))


def test_a_long_book_gets_the_episodes_asked_for(long_story: Story) -> None:
    _, plan, _ = run(long_story, episodes=40, episode_ms=90_000)
    assert len(plan.episodes) == 40
    assert all(e.target_ms == 90_000 for e in plan.episodes)
    assert any("Cut " in note for note in plan.notes)


@pytest.mark.parametrize("name", ["english", "chinese", "long_story"])
def test_episodes_follow_the_story_contiguously(name: str, request: pytest.FixtureRequest) -> None:
    story: Story = request.getfixturevalue(name)
    _, plan, _ = run(story, episodes=12, episode_ms=30_000)
    order = event_order(plan, story.events)
    assert order == sorted(order) and len(order) == len(set(order))
    assert all(e.events for e in plan.episodes)
    for before, after in zip(plan.episodes, plan.episodes[1:], strict=False):
        assert before.source_end <= after.source_start
    assert plan.episodes[0].source_start == story.events.events[0].start
    assert plan.episodes[-1].source_end == story.events.events[-1].end


def test_a_book_that_fits_plays_every_event(english: Story) -> None:
    _, plan, coverage = run(english, episodes=3, episode_ms=30_000)
    assert len(event_order(plan, english.events)) == len(english.events.events)
    assert {e.status for e in coverage.entries} == {"used"}


def test_runtime_is_within_ten_percent_when_the_book_has_the_material(long_story: Story) -> None:
    _, plan, _ = run(long_story, episodes=40, episode_ms=90_000)
    quotes = {q.id: q for q in long_story.quotes.quotes}
    runtimes = event_runtimes(long_story.events.events, long_story.source.text, quotes, "en")
    runtime = dict(zip((e.id for e in long_story.events.events), runtimes, strict=True))
    for episode in plan.episodes:
        shortest = sum(runtime[i].shortest for i in episode.events) + PROTECTED_MS
        fullest = sum(runtime[i].fullest for i in episode.events) * FULL_SAFETY
        assert shortest <= 1.1 * episode.target_ms and fullest >= 0.9 * episode.target_ms, episode.number


def test_episodes_end_on_tense_events(long_story: Story) -> None:
    _, plan, _ = run(long_story, episodes=40, episode_ms=90_000)
    tension = {e.id: e.tension for e in long_story.events.events}
    ending = statistics.mean(tension[e.events[-1]] for e in plan.episodes)
    overall = statistics.mean(tension.values())
    assert ending > overall + 0.3


def test_beats_run_from_hook_to_cliffhanger(english: Story) -> None:
    _, plan, _ = run(english, episodes=3, episode_ms=30_000)
    for episode in plan.episodes:
        kinds = [b.kind for b in episode.beats]
        assert kinds[0] == "hook" and kinds[-1] == "cliffhanger"
        assert episode.beats[0].events == [episode.events[0]]
        assert episode.beats[-1].events == [episode.events[-1]]
        assert episode.title


def test_the_cliffhanger_is_the_last_events_peak_line(english: Story) -> None:
    """A question, threat or reveal said (or shown) in the final event, cut to end on it; its summary
    only when it holds none."""
    _, plan, _ = run(english, episodes=3, episode_ms=30_000)
    quotes = {q.id: q for q in english.quotes.quotes}
    events = {e.id: e for e in english.events.events}
    for episode in plan.episodes:
        final = events[episode.events[-1]]
        said = {q: spoken_text(quotes[q], english.source, "en") for q in final.quotes if q in quotes}
        peaks = [said[q] for q in said if quotes[q].speaker != "unknown" and is_peak(said[q], "dialogue", "en")]
        if peaks:
            assert episode.cliffhanger == peak_excerpt(peaks[-1], "en")
        else:
            assert is_peak(episode.cliffhanger, "action", "en") or episode.cliffhanger == episode.beats[-1].text
            assert english.source.text.find(episode.cliffhanger, final.start, final.end) >= 0
    assert any(episode.cliffhanger != episode.beats[-1].text for episode in plan.episodes)
