"""Beat sheets and episode titles."""

from __future__ import annotations

import doctest

from microdrama.adapt import beats
from microdrama.adapt.beats import make_beats
from microdrama.model import Event


def event(i: int, tension: float) -> Event:
    return Event(id=f"e{i}", start=i, end=i + 1, summary=f"Summary {i}.", tension=tension)


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(beats).failed == 0


def test_the_peak_is_the_escalation_and_the_sharpest_other_turn_a_reversal() -> None:
    sheet = make_beats([event(0, 0.2), event(1, 0.3), event(2, 0.9), event(3, 0.4), event(4, 0.8)], "en")
    assert [(b.kind, b.events) for b in sheet] == [
        ("hook", ["e0"]),
        ("escalation", ["e2"]),
        ("reversal", ["e3"]),
        ("cliffhanger", ["e4"]),
    ]


def test_a_one_event_episode_has_hook_and_cliffhanger() -> None:
    assert [b.kind for b in make_beats([event(0, 0.5)], "zh")] == ["hook", "cliffhanger"]
    assert make_beats([], "en") == []


def test_episode_titles_skip_fragments_and_editorial_marks() -> None:
    from microdrama.adapt.beats import phrase, reads_as_title

    assert (
        phrase("[Illustration] Elizabeth jumped out of the carriage.", "en") == "Elizabeth jumped out of the carriage"
    )
    assert phrase("Jane’s temper was not desponding.", "en") == "Jane's temper was not desponding"
    assert phrase("The astonishment of the ladies was great.", "en") == "The astonishment of the ladies"
    assert not reads_as_title(phrase("who was leaning against the mantel-piece.", "en"), "en")
