"""Speech-rate timing: the rates, what counts as a spoken unit, integer milliseconds."""

from __future__ import annotations

import doctest

import pytest

from microdrama.text import speech_rate
from microdrama.text.speech_rate import (
    DIALOGUE_PAUSE_MS,
    MIN_ACTION_MS,
    TRANSITION_MS,
    action_ms,
    dialogue_ms,
    element_ms,
    speech_ms,
    speech_units,
)


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(speech_rate).failed == 0


def test_chinese_dialogue_runs_at_four_and_a_half_characters_a_second() -> None:
    line = "这" * 45
    assert speech_ms(line, "zh-Hans") == 10_000
    assert dialogue_ms(line, "zh-Hant") == 10_000 + DIALOGUE_PAUSE_MS


def test_english_dialogue_runs_at_two_and_a_half_words_a_second() -> None:
    assert speech_ms(" ".join(["word"] * 25), "en") == 10_000


def test_punctuation_and_spaces_take_no_time() -> None:
    assert speech_units("“好！”……——", "zh") == 1
    assert speech_units("Yes — no… “maybe”!", "en") == 3
    assert speech_ms("……", "zh") == 0


def test_action_reads_at_fifteen_characters_or_six_words_a_second_with_a_floor() -> None:
    assert action_ms("走" * 30, "zh") == 2000
    assert action_ms(" ".join(["ran"] * 12), "en") == 2000
    assert action_ms("", "en") == MIN_ACTION_MS
    assert action_ms("他走了。", "zh") == MIN_ACTION_MS


@pytest.mark.parametrize("kind", ["action", "dialogue", "transition", "note"])
def test_every_duration_is_an_integer(kind: str) -> None:
    for text, language in [("Seven words are in this line here.", "en"), ("七个字在这一行", "zh-Hans")]:
        assert isinstance(element_ms(kind, text, language), int)


def test_transitions_take_a_second_and_notes_nothing() -> None:
    assert element_ms("transition", "CUT TO:", "en") == TRANSITION_MS == 1000
    assert element_ms("note", "a long note " * 20, "en") == 0
