"""Voice casting: narrator first, a distinct voice per character, gender and age respected."""

from __future__ import annotations

from media_fixtures import bible, cast

from microdrama.voice.casting import age_of, cast_voices


def test_every_character_gets_a_distinct_voice() -> None:
    voices = cast_voices(bible(), cast(), engine="espeak")
    assert voices.voices[0].id == "narrator"
    assert [v.id for v in voices.voices[1:]] == ["c001", "c002", "c003"]
    assert len({(v.engine_voice, v.pitch) for v in voices.voices}) == len(voices.voices)


def test_gender_and_age_choose_the_voice() -> None:
    by_id = {v.id: v for v in cast_voices(bible(), cast(), engine="espeak").voices}
    assert by_id["c001"].engine_voice.startswith("en-us+f") and by_id["c001"].gender == "female"
    assert by_id["c002"].gender == "male" and by_id["c002"].engine_voice.split("+")[1] in ("m1", "m2", "m3", "m4")
    assert by_id["c003"].age == "old" and by_id["c003"].engine_voice == "en-us+grandma"
    assert age_of("Little Tom", "") == "child" and age_of("Nell", "A clockmaker.") == "adult"


def test_other_engines_cast_their_own_voice_names() -> None:
    voices = cast_voices(bible(), cast(), engine="openai-tts://localhost:9/v1")
    assert voices.engine == "openai-tts://localhost:9/v1"
    assert voices.voices[0].engine_voice == "alloy" and voices.voices[1].engine_voice == "nova"
