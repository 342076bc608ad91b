"""Voicing an episode: one WAV per voiced line, a gapless timeline, a clear error without espeak-ng."""

from __future__ import annotations

import shutil

import pytest
from media_fixtures import bible, cast, short_script

from microdrama.casting.voices import cast_voices
from microdrama.engines.speech import espeak
from microdrama.engines.speech.wav import duration_ms, read_wav
from microdrama.text.speech_rate import speech_ms
from microdrama.voice.stage import held_ms, narration, speakable, voice_episode

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
        ("zh-Hans", "人都叫他阿Ｑｕｅｉ，死了以后，便没有一个人再叫阿Ｑｕｅｉ了。"),  # spelled letter by letter
        ("en", "Wedlock suits you, I think, Watson, that you have put on seven and a half pounds since I saw you."),
    ],
)
def test_spoken_lines_last_about_as_long_as_the_script_planned(language: str, text: str) -> None:
    voices = cast_voices(bible().model_copy(update={"language": language}), cast(), engine="espeak")
    clip = espeak.EspeakEngine().synthesize(text, voices.voices[1], language)
    planned = speech_ms(text, language)
    assert 0.85 * planned <= duration_ms(clip) <= 1.15 * planned, (duration_ms(clip), planned)


def test_silent_time_the_script_plans_is_held_on_the_line_before_it() -> None:
    from microdrama.model import Element, Scene

    script = short_script()
    second = script.scenes[0].model_copy(
        update={
            "number": 2,
            "elements": [
                Element(kind="transition", text="CUT TO:", duration_ms=1000),
                Element(kind="dialogue", character="MARA", text="Run.", duration_ms=900),
            ],
        }
    )
    script.scenes.append(second)
    script.scenes.append(
        Scene(
            number=3, heading="", location="", elements=[Element(kind="transition", text="FADE OUT.", duration_ms=1000)]
        )
    )
    # scene 1 ends on a 1 s beat; scene 2's transition is held on that same line; its own cut on its last line
    assert held_ms(script) == {"001-003": 2000, "002-002": 2000}
    opening = script.model_copy(update={"scenes": [second]})
    assert held_ms(opening) == {"002-002": 2000}  # nothing before: held after the first line


@needs_espeak
def test_the_voiced_episode_runs_as_long_as_the_scripts_estimate() -> None:
    from microdrama.model import Element
    from microdrama.write.timing import time_script

    said = [
        ("action", "", "Inside, a hundred clocks stand silent. Only the tide clock her father built is still ticking."),
        ("dialogue", "VICTOR HARROW", "Miss Pryce. Victor Harrow, harbour council. I knew your father."),
        ("dialogue", "MARA", "Everyone knew my father. Most of them called him a thief."),
        ("dialogue", "VICTOR HARROW", "Sign the shop over to me by the thirtieth, and I forgive every penny."),
        ("dialogue", "MARA", "And if I don't?"),
        ("action", "", "He lays a contract on the counter and walks out into the rain."),
    ]
    script = short_script()
    script.scenes[0].elements = [Element(kind=k, character=c or None, text=t) for k, c, t in said]
    script = time_script(script)
    voices = cast_voices(bible(), cast(), engine="espeak")
    timing, _ = voice_episode(script, bible(), voices, "espeak", "voice/ep001")
    assert abs(timing.duration_ms / script.duration_ms - 1) <= 0.10, (timing.duration_ms, script.duration_ms)


def test_long_narration_is_condensed_to_whole_sentences_within_twice_its_screen_time() -> None:
    prose = "She ran. Then she stopped, turned, and looked back at the house for a long while. Nobody came."
    assert narration(prose, 2500, "en") == "She ran."
    assert narration(prose, 20000, "en") == prose
    assert narration("一句很长的话，没有句号但也要说完", 1000, "zh-Hans") == "一句很长的话…"
    # espeak-ng's Mandarin (speech_rates.toml): 他走了。0.95 s, 他走了。她哭了。1.9 s, all three 2.9 s
    assert narration("他走了。她哭了。天黑了。", 1100, "zh-Hans") == "他走了。她哭了。"
    assert narration("他走进门，放下伞，看了看四周，又走了出去，没有说一句话。", 1200, "zh-Hans") == "他走进门，放下伞…"


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
