"""The episode plan: count, contiguity, runtime, cliffhanger cuts, paywall, cold open, determinism."""

from __future__ import annotations

import statistics

import pytest
from story_fixtures import Story, synthetic_story

from microdrama.adapt import adapt
from microdrama.adapt.defects import is_peak
from microdrama.adapt.estimate import event_runtimes
from microdrama.adapt.plan import event_peaks, plan_cliffhanger
from microdrama.adapt.segment import FULL_SAFETY, PROTECTED_MS
from microdrama.model import Bible, Coverage, Events, Plan


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


def test_the_cliffhanger_is_a_peak_line_of_the_episode_or_a_teaser_of_the_next(english: Story) -> None:
    """A question, threat or reveal said (or shown) in the episode, with its book offset; the summary
    only when neither the episode nor the next one's opening holds one."""
    _, plan, _ = run(english, episodes=3, episode_ms=30_000)
    events = {e.id: e for e in english.events.events}
    for episode, following in zip(plan.episodes, [*plan.episodes[1:], None], strict=True):
        if episode.cliffhanger_at is None:
            assert episode.cliffhanger == episode.beats[-1].text
            continue
        assert is_peak(episode.cliffhanger, "dialogue", "en") or is_peak(episode.cliffhanger, "action", "en")
        spans = [events[i] for i in episode.events] + ([events[i] for i in following.events[:2]] if following else [])
        assert any(e.start <= episode.cliffhanger_at < e.end for e in spans)


def test_plan_cliffhanger_ends_on_the_latest_peak_that_fills_the_runtime(english: Story) -> None:
    quotes = {q.id: q for q in english.quotes.quotes}
    story = sorted(english.events.events, key=lambda e: e.start)
    peaked = [e for e in story if event_peaks(e, quotes, english.source, "en")]
    flat = [e for e in story if not event_peaks(e, quotes, english.source, "en")]
    assert peaked and flat
    last = peaked[-1]
    plenty = plan_cliffhanger([flat[0], last], [200_000, 200_000], [], 90_000, quotes, english.source, "en")
    assert plenty == event_peaks(last, quotes, english.source, "en")[-1]
    # too little material before any peak of its own: the next episode's first peak is the teaser
    teaser = plan_cliffhanger([flat[0]], [1_000], [last], 90_000, quotes, english.source, "en")
    assert teaser == event_peaks(last, quotes, english.source, "en")[0]
    assert last.start <= teaser[1] < last.end
    # nothing anywhere: the event's summary, no offset
    assert plan_cliffhanger([flat[0]], [1_000], [], 90_000, quotes, english.source, "en")[1] is None
