"""Planning scores re-read from the text: kinds of drama, end tension, consequence, determinism."""

from __future__ import annotations

import doctest

from story_fixtures import Story

from microdrama.adapt import tension
from microdrama.adapt.tension import is_tense, kind_counts, percentiles, rescored, score_events
from microdrama.model import Event


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(tension).failed == 0


def test_kinds_in_both_languages() -> None:
    assert set(kind_counts("He drew a pistol and threatened to kill her; she wept.", "en")) == {"threat", "emotion"}
    assert kind_counts("原来他早已知道真相。", "zh")["revelation"] == 2
    assert not kind_counts("The tea was served at four.", "en")


def test_is_tense() -> None:
    assert is_tense("Stop!", "en") and is_tense("你敢？", "zh-Hans") and is_tense("He wept.", "en")
    assert not is_tense("They sat by the window.", "en") and not is_tense("他们坐下喝茶。", "zh")


def _event(i: int, start: int, end: int, who: list[str]) -> Event:
    return Event(id=f"e{i}", start=start, end=end, summary="x", participants=who, tension=0.5, importance=0.5)


def test_a_tense_ending_scores_higher_than_a_calm_one() -> None:
    calm = "They walked along the quiet road and talked about the weather and the harvest. " * 3
    text = calm + "Suddenly he drew a knife! She screamed in terror. " + calm + calm
    first_end = len(calm) + len("Suddenly he drew a knife! She screamed in terror. ")
    events = [_event(1, 0, first_end, ["a"]), _event(2, first_end, len(text), ["a"])]
    scores = score_events(text, events, {}, "en")
    assert scores[0].end_tension > scores[1].end_tension
    assert scores[0].tension > scores[1].tension
    assert "threat" in scores[0].kinds


def test_consequence_favours_people_who_come_back() -> None:
    text = "a" * 400
    events = [
        _event(1, 0, 100, ["lead"]),
        _event(2, 100, 200, ["stranger"]),
        _event(3, 200, 300, ["lead"]),
        _event(4, 300, 400, ["lead"]),
    ]
    scores = score_events(text, events, {}, "en")
    assert scores[0].importance > scores[1].importance


def test_scores_are_in_range_and_deterministic(english: Story) -> None:
    quotes = {q.id: q for q in english.quotes.quotes}
    first = score_events(english.source.text, english.events.events, quotes, "en")
    assert first == score_events(english.source.text, english.events.events, quotes, "en")
    assert all(0 <= s.tension <= 1 and 0 <= s.end_tension <= 1 and 0 <= s.importance <= 1 for s in first)
    copies = rescored(english.events.events, first)
    assert [c.tension for c in copies] == [s.tension for s in first]
    assert english.events.events[0].tension != copies[0].tension or first[0].tension == english.events.events[0].tension


def test_percentiles() -> None:
    assert percentiles([]) == [] and percentiles([5.0]) == [0.5]
    assert percentiles([1.0, 1.0, 3.0]) == [0.0, 0.0, 1.0]
