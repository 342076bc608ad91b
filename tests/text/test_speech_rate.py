"""Speech-rate timing: the rates, what counts as a spoken unit, integer milliseconds."""

from __future__ import annotations

import doctest

import pytest

from microdrama.text import speech_rate
from microdrama.text.speech_rate import (
    ACTION_PAUSE_MS,
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


def test_espeak_mandarin_speaks_about_four_characters_a_second() -> None:
    # speech_rates.toml [espeak.zh]: 372 ms of clip + 1000/4.09 ms a character (measured: ~3.7–4 字/s said)
    line = "这" * 45
    assert speech_ms(line, "zh-Hans") == 372 + round(45_000 / 4.09)
    assert dialogue_ms(line, "zh-Hant") == speech_ms(line, "zh-Hans") + DIALOGUE_PAUSE_MS


def test_espeak_english_speaks_about_three_and_a_half_words_a_second_with_pauses() -> None:
    words = " ".join(["word"] * 25)
    assert speech_ms(words, "en") == 766 + round(25_000 / 3.82)
    # a comma and a full stop inside the line each add espeak-ng's pause
    assert speech_ms("Well, I came. You left.", "en") == round(766 + 5_000 / 3.82 + 290 + 408)
    assert 3.3 <= 25 / (speech_ms(words, "en") / 1000) <= 3.9


def test_an_engine_without_a_measured_rate_speaks_at_the_rule_of_thumb() -> None:
    with speech_rate.using("openai-tts://box:8000/v1?model=tts-1"):
        assert speech_rate.current_engine() == "openai-tts"
        assert speech_ms("这" * 45, "zh-Hans") == 10_000
        assert speech_ms(" ".join(["word"] * 25), "en") == 10_000
    assert speech_rate.current_engine() == "espeak"


def test_every_engine_row_has_both_languages_and_a_sane_rate() -> None:
    for engine, rows in speech_rate.rate_table().items():
        assert set(rows) == {"en", "zh"}, engine
        for rate in rows.values():
            assert 1.5 <= rate.units_per_s <= 8 and 0 <= rate.clip_ms <= 1500, (engine, rate)


def test_punctuation_and_spaces_take_no_time() -> None:
    assert speech_units("“好！”……——", "zh") == 1
    assert speech_units("Yes — no… “maybe”!", "en") == 3
    assert speech_ms("……", "zh") == 0


def test_pauses_count_only_before_more_words() -> None:
    assert speech_rate.breaks("“Go!”", "en") == (0, 0)
    assert speech_rate.breaks("Go, now! Please.", "en") == (1, 1)
    assert speech_rate.breaks("走吧，快走！……", "zh") == (1, 0)


def test_action_is_read_by_the_narrator_then_a_pause_with_a_floor() -> None:
    assert action_ms("走" * 30, "zh") == speech_ms("走" * 30, "zh") + ACTION_PAUSE_MS
    assert action_ms(" ".join(["ran"] * 12), "en") == speech_ms(" ".join(["ran"] * 12), "en") + ACTION_PAUSE_MS
    assert action_ms("", "en") == MIN_ACTION_MS
    assert action_ms("……", "zh") == MIN_ACTION_MS


@pytest.mark.parametrize("kind", ["action", "dialogue", "transition", "note"])
def test_every_duration_is_an_integer(kind: str) -> None:
    for text, language in [("Seven words are in this line here.", "en"), ("七个字在这一行", "zh-Hans")]:
        assert isinstance(element_ms(kind, text, language), int)


def test_transitions_take_a_second_and_notes_nothing() -> None:
    assert element_ms("transition", "CUT TO:", "en") == TRANSITION_MS == 1000
    assert element_ms("note", "a long note " * 20, "en") == 0
