"""Voicing an episode: one WAV per voiced line, a gapless timeline, a clear error without espeak-ng."""

from __future__ import annotations

import shutil

import pytest
from media_fixtures import bible, cast, short_script

from microdrama.engines.speech import espeak
from microdrama.engines.speech.wav import duration_ms, read_wav
from microdrama.voice.casting import cast_voices
from microdrama.voice.stage import speakable, voice_episode

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")


@needs_espeak
def test_each_line_has_a_clip_in_its_voice_and_the_timeline_is_gapless() -> None:
    voices = cast_voices(bible(), cast(), engine="espeak")
    timing, clips = voice_episode(short_script(), bible(), voices, "espeak", "voice/ep001")
    assert [line.voice for line in timing.lines] == ["narrator", "c002", "c001"]
    assert sorted(clips) == [line.clip for line in timing.lines]
    clock = 0
    for line in timing.lines:
        assert line.start_ms == clock and line.clip_ms == duration_ms(clips[line.clip]) > 200
        assert line.duration_ms > line.clip_ms
        clock += line.duration_ms
    assert timing.duration_ms == clock and read_wav(clips[timing.lines[0].clip])[1] == timing.sample_rate
    again, clips_again = voice_episode(short_script(), bible(), voices, "espeak", "voice/ep001")
    assert again == timing and clips_again == clips


def test_missing_espeak_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(espeak.shutil, "which", lambda name: None)
    voices = cast_voices(bible(), cast(), engine="espeak")
    with pytest.raises(espeak.SpeechToolMissingError, match="apt-get install espeak-ng"):
        espeak.EspeakEngine().synthesize("Hello.", voices.voices[1], "en")


def test_stage_directions_are_not_spoken() -> None:
    assert speakable("I know (beat) everything [sighs]") == "I know everything"
