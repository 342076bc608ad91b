"""The episode plan: count, contiguity, runtime, cliffhanger cuts, paywall, cold open, determinism."""

from __future__ import annotations

import statistics

import pytest
from story_fixtures import Story, synthetic_story

from microdrama.adapt.excerpts import clean
from microdrama.write.defects import is_peak
from microdrama.adapt import adapt
from microdrama.adapt.estimate import event_runtimes
from microdrama.adapt.segment import FULL_SAFETY, PROTECTED_MS
from microdrama.errors import PipelineError
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


def test_the_cliffhanger_is_the_last_events_peak_line(english: Story) -> None:
    """A question, threat or reveal said in the final event, not its summary; the summary when none is."""
    _, plan, _ = run(english, episodes=3, episode_ms=30_000)
    quotes = {q.id: q for q in english.quotes.quotes}
    events = {e.id: e for e in english.events.events}
    for episode in plan.episodes:
        final = events[episode.events[-1]]
        peaks = [clean(quotes[q].text, "en") for q in final.quotes if q in quotes and quotes[q].speaker != "unknown"
                 and is_peak(clean(quotes[q].text, "en"), "dialogue", "en")]
        assert episode.cliffhanger == (peaks[-1] if peaks else episode.beats[-1].text)
    assert any(episode.cliffhanger != episode.beats[-1].text for episode in plan.episodes)


def test_titles_come_from_chapter_titles_or_summaries(chinese: Story) -> None:
    _, plan, _ = run(chinese, episodes=3, episode_ms=30_000)
    assert plan.episodes[0].title == "风雨夜"
    text = chinese.source.text
    assert all(e.title in text for e in plan.episodes)


@pytest.mark.parametrize(("count", "lowest", "highest"), [(80, 8, 16), (40, 4, 8), (10, 2, 2), (5, 2, 2)])
def test_the_paywall_falls_ten_to_twenty_percent_in(count: int, lowest: int, highest: int) -> None:
    story = synthetic_story(count * 6, quotes_per_event=2)
    _, plan, _ = run(story, episodes=count, episode_ms=40_000)
    assert len(plan.episodes) == count
    assert plan.paywall_episode is not None and lowest <= plan.paywall_episode <= highest
    assert [e.number for e in plan.episodes if e.paywall] == [plan.paywall_episode]


def test_a_paywall_asked_for_is_kept_or_clamped(english: Story) -> None:
    _, plan, _ = run(english, episodes=3, episode_ms=30_000, paywall_episode=2)
    assert plan.paywall_episode == 2 and plan.episodes[1].paywall
    _, plan, _ = run(english, episodes=3, episode_ms=30_000, paywall_episode=9)
    assert plan.paywall_episode == len(plan.episodes)
    assert any("Paywall episode 9" in note for note in plan.notes)


def test_short_series_have_no_paywall(english: Story) -> None:
    _, plan, _ = run(english, episodes=3, episode_ms=30_000)
    assert plan.paywall_episode is None and not any(e.paywall for e in plan.episodes)


def test_cold_open_flashes_forward_to_the_most_tense_later_event(english: Story) -> None:
    _, plan, coverage = run(english, episodes=3, episode_ms=30_000)
    events = english.events.events
    later = events[len(events) // 2 :]
    assert plan.episodes[0].cold_open == max(later, key=lambda e: e.tension).id == "e0008"
    assert all(e.cold_open is None for e in plan.episodes[1:])
    entry = next(e for e in coverage.entries if e.event == "e0008")
    assert entry.status == "used" and entry.episode != 1  # also played in order later


def test_no_cold_open_when_switched_off_or_too_few_episodes(english: Story) -> None:
    _, plan, _ = run(english, episodes=3, episode_ms=30_000, cold_open=False)
    assert plan.episodes[0].cold_open is None
    _, plan, _ = run(english, episodes=2, episode_ms=40_000)
    assert plan.episodes[0].cold_open is None


def test_plans_are_deterministic(long_story: Story) -> None:
    first = run(long_story, episodes=40, episode_ms=90_000)
    second = run(long_story, episodes=40, episode_ms=90_000)
    assert [a.to_bytes() for a in first] == [b.to_bytes() for b in second]


def test_no_events_is_an_error_that_names_the_book(english: Story) -> None:
    empty = english.events.model_copy(update={"events": []})
    with pytest.raises(PipelineError, match="keepers_light.txt"):
        adapt(english.source, english.cast, english.quotes, english.places, empty, episodes=3, episode_ms=60_000)
    with pytest.raises(PipelineError, match="positive"):
        run(english, episodes=0, episode_ms=60_000)


def test_a_bare_analysis_still_plans(english: Story) -> None:
    """No cast, no places, no quotes, one chapter-less event list: what a weak analysis may give."""
    bare = [e.model_copy(update={"participants": [], "place": None, "quotes": [], "chapter": None,
                                 "summary_span": None, "tension": 0.0, "importance": 0.0})
            for e in english.events.events]
    bible, plan, coverage = adapt(
        english.source, english.cast.model_copy(update={"characters": []}),
        english.quotes.model_copy(update={"quotes": []}), english.places.model_copy(update={"places": []}),
        english.events.model_copy(update={"events": bare}), episodes=5, episode_ms=5_000,
    )
    assert plan.episodes and bible.characters == [] and bible.logline
    assert len(coverage.entries) == len(bare)


def test_five_thousand_events_plan_quickly() -> None:
    import time

    story = synthetic_story(5000, quotes_per_event=2)
    began = time.perf_counter()
    _, plan, coverage = run(story, episodes=60, episode_ms=90_000)
    assert time.perf_counter() - began < 10  # about 3 s on one idle core
    assert len(plan.episodes) == 60 and len(coverage.entries) == 5000
