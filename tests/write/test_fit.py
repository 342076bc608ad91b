"""Fitting an episode to its runtime."""

from __future__ import annotations

import doctest

from microdrama.model import Element, LineSource
from microdrama.text.speech_rate import element_ms
from microdrama.write import fit as fit_module
from microdrama.write.fit import Draft, fit, runtime


def draft(ms: int, priority: float, droppable: bool = True) -> Draft:
    return Draft(Element(kind="action", text="x"), LineSource(text="x", start=0, end=0), ms, priority, droppable)


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(fit_module).failed == 0


def test_lines_that_must_stay_are_never_dropped() -> None:
    lines = [draft(50_000, 0.0, droppable=False), draft(50_000, 0.9)]
    assert fit(lines, 0, 10_000) == 50_000
    assert [d.dropped for d in lines] == [False, True]


def test_a_short_episode_is_left_alone() -> None:
    lines = [draft(1_000, 0.1), draft(1_000, 0.2)]
    assert fit(lines, 1_000, 60_000) == 3_000 and not any(d.dropped for d in lines)


def test_within_tolerance_it_still_aims_at_the_target() -> None:
    # 96 s for a 90 s target is within ±10 %, but the voiced runtime strays either way: the 5 s line goes
    lines = [draft(60_000, 0.9, droppable=False), draft(30_000, 0.5), draft(5_000, 0.1), draft(1_000, 0.2)]
    assert fit(lines, 0, 90_000) == 91_000
    assert [d.dropped for d in lines] == [False, False, True, False]


def test_aiming_never_drops_a_line_that_would_leave_it_further_off() -> None:
    lines = [draft(60_000, 0.9, droppable=False), draft(33_000, 0.1)]  # 93 s; without the line 60 s
    assert fit(lines, 0, 90_000) == 93_000 and not any(d.dropped for d in lines)


def speech(text: str, who: str) -> Draft:
    element = Element(kind="dialogue", character=who, text=text)
    return Draft(element, LineSource(text=text, start=0, end=0), element_ms("dialogue", text, "en"), 0.5)


def test_two_speeches_of_one_speaker_in_a_row_count_as_one_turn() -> None:
    first, second, third = "I will come.", "But tell me, who sent you?", "Nobody."
    lines = [speech(first, "ANNA"), speech(second, "ANNA"), speech(third, "BEN")]
    # merge_turns writes ANNA's two speeches as one: one clip and one pause fewer than the parts
    assert runtime(lines, 0) == element_ms("dialogue", f"{first} {second}", "en") + lines[2].ms
    assert runtime(lines, 0) < sum(d.ms for d in lines)
    lines[2].element = lines[2].element.model_copy(update={"character": "ANNA", "extension": "V.O."})
    assert runtime(lines, 0) == element_ms("dialogue", f"{first} {second}", "en") + lines[2].ms  # V.O. apart
