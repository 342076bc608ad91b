"""Voicing an episode: one WAV per voiced line, a gapless timeline, a clear error without espeak-ng."""

from __future__ import annotations

import shutil

import pytest
from media_fixtures import bible, cast, short_script

from microdrama.casting.voices import cast_voices
from microdrama.engines.speech import espeak
from microdrama.engines.speech.wav import duration_ms, read_wav
from microdrama.text.speech_rate import speech_ms
from microdrama.voice.stage import narration, speakable, voice_episode

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


@needs_espeak
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("zh-Hans", "我是我自己的，他们谁也没有干涉我的权利！"),
        ("en", "Wedlock suits you, I think, Watson, that you have put on seven and a half pounds since I saw you."),
    ],
)
def test_spoken_lines_last_about_as_long_as_the_script_planned(language: str, text: str) -> None:
    voices = cast_voices(bible().model_copy(update={"language": language}), cast(), engine="espeak")
    clip = espeak.EspeakEngine().synthesize(text, voices.voices[1], language)
    planned = speech_ms(text, language)
    assert 0.7 * planned <= duration_ms(clip) <= 1.3 * planned, (duration_ms(clip), planned)


def test_long_narration_is_condensed_to_whole_sentences_within_twice_its_screen_time() -> None:
    prose = "She ran. Then she stopped, turned, and looked back at the house for a long while. Nobody came."
    assert narration(prose, 2500, "en") == "She ran."
    assert narration(prose, 20000, "en") == prose
    assert narration("一句很长的话，没有句号但也要说完", 1000, "zh-Hans") == "一句很长的话…"
    assert narration("他走了。她哭了。天黑了。", 800, "zh-Hans") == "他走了。她哭了。"
    assert narration("他走进门，放下伞，看了看四周，又走了出去，没有说一句话。", 800, "zh-Hans") == "他走进门，放下伞…"


@needs_espeak
def test_the_unnamed_narrators_voice_over_takes_the_narrator_voice() -> None:
    from microdrama.model import Element

    script = short_script()
    script.scenes[0].elements.append(
        Element(kind="dialogue", character="NARRATOR", extension="V.O.", text="I knew then.", duration_ms=900)
    )
    voices = cast_voices(bible(), cast(), engine="espeak")
    timing, _ = voice_episode(script, bible(), voices, "espeak", "voice/ep001")
    assert timing.lines[-1].voice == "narrator" and timing.lines[-1].kind == "dialogue"
