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


def test_espeak_speaks_at_its_measured_rates() -> None:
    # speech_rates.toml, measured by benchmarks/speech_rate.py: espeak-ng says ~4 字/s and ~3.9 words/s
    zh, en = speech_rate.rate_for("zh-Hans", "espeak"), speech_rate.rate_for("en", "espeak")
    assert 3.5 <= zh.units_per_s <= 4.5 and 3.3 <= en.units_per_s <= 4.3
    line = "这" * 45
    assert speech_ms(line, "zh-Hans") == round(zh.clip_ms + 45_000 / zh.units_per_s)
    assert dialogue_ms(line, "zh-Hant") == speech_ms(line, "zh-Hans") + DIALOGUE_PAUSE_MS
    words = " ".join(["word"] * 25)
    assert speech_ms(words, "en") == round(en.clip_ms + 25_000 / en.units_per_s)


def test_a_pause_inside_a_line_adds_the_engines_pause() -> None:
    en = speech_rate.rate_for("en", "espeak")
    plain = speech_ms("Well I came you left", "en")
    assert speech_ms("Well, I came. You left.", "en") == plain + en.clause_ms + en.sentence_ms


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
