"""Events: chapters cut into ordered units with valid spans, participants, places, time and 0–1 scores."""

from __future__ import annotations

from collections.abc import Callable

from microdrama.analyze import analyze
from microdrama.model import Source

Maker = Callable[..., Source]


def _long_story() -> str:
    calm = "Mr. Adam Reed walked along the quiet lane and looked at the fields, thinking of the harvest. " * 8
    angry = (
        '"You lied to me!" cried Adam Reed. "You betrayed us all!"\n\n'
        '"I did not!" shouted Mr. Cole. "Who told you such a terrible lie? Get out!"\n\n'
        "Cole struck the table in fury, and Reed drew back in fear and anger.\n\n"
    )
    night = "That night Mr. Cole sat alone by the candle in the dark kitchen while the moon rose. " * 6
    return (
        "Chapter 1\n\n"
        + calm
        + "\n\n"
        + calm
        + "\n\n"
        + angry * 3
        + "Chapter 2\n\n"
        + "The next morning Mr. Adam Reed went to market. " * 12
        + "\n\n"
        + night
        + "\n"
    )


def test_events_cover_chapters_in_order(source_of: Maker) -> None:
    text = _long_story()
    source = source_of(text)
    _, _, _, events = analyze(source)
    items = events.events
    assert [e.id for e in items] == [f"e{n:04d}" for n in range(1, len(items) + 1)]
    for chapter in source.body_chapters():
        inside = [e for e in items if e.chapter == chapter.index]
        assert inside, f"chapter {chapter.index} has no event"
        assert inside[0].start == chapter.body_start
        assert inside[-1].end == chapter.end
        for first, second in zip(inside, inside[1:], strict=False):
            assert first.end == second.start
    for event in items:
        assert 0 <= event.start < event.end <= len(text)
        assert 0.0 <= event.tension <= 1.0 and 0.0 <= event.importance <= 1.0
        assert event.summary_span is not None
        span = event.summary_span
        assert event.start <= span.start < span.end <= event.end
        assert " ".join(text[span.start : span.end].split()) == event.summary
        assert len(event.summary) <= 200
        assert '"' not in event.summary


def test_scores_participants_and_night(source_of: Maker) -> None:
    source = source_of(_long_story())
    cast, quotes, _, events = analyze(source)
    ids = {c.name: c.id for c in cast.characters}
    reed = next(v for k, v in ids.items() if "Reed" in k)
    angry = max(events.events, key=lambda e: e.tension)
    assert angry.chapter == 1 and angry.quotes
    assert reed in angry.participants
    assert {q.id for q in quotes.quotes if angry.start <= q.start < angry.end} == set(angry.quotes)
    assert angry.tension == 1.0
    night = [e for e in events.events if e.time_of_day == "NIGHT"]
    assert night and all(e.chapter == 2 for e in night)
    assert any(e.chapter == 1 and e.time_of_day == "DAY" for e in events.events)


def test_scene_break_and_time_words_cut(source_of: Maker) -> None:
    paragraph = "Mr. Adam Reed talked with Mr. Cole about the farm and the price of wheat in town. " * 7
    text = "Chapter 1\n\n" + paragraph + "\n\n* * *\n\n" + paragraph + "\n\nNext morning " + paragraph + "\n"
    source = source_of(text)
    _, _, _, events = analyze(source)
    starts = [e.start for e in events.events]
    assert text.index("* * *") in starts
    assert text.index("Next morning") in starts
