"""Voice casting: narrator first, a distinct voice per character, gender and age respected."""

from __future__ import annotations

from media_fixtures import bible, cast

from microdrama.casting.voices import age_of, cast_voices
from microdrama.model import Cast, Character, CharacterProfile


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


def test_no_character_shares_the_narrators_or_anothers_engine_voice_while_free_ones_remain() -> None:
    many = bible().model_copy(
        update={"characters": [CharacterProfile(id=f"c{i:03d}", name=f"Person {i}") for i in range(1, 15)]}
    )
    men = Cast(
        characters=[Character(id=f"c{i:03d}", name=f"Person {i}", gender="male") for i in range(1, 15)],
        provenance={"stage": "analyze"},
    )
    voices = cast_voices(many, men, engine="espeak").voices
    names = [v.engine_voice for v in voices]
    assert len(set(names[:10])) == 10 and names[0] == "en-us+m3" and "en-us+m3" not in names[1:]
    assert len({(v.engine_voice, v.pitch) for v in voices}) == len(voices)
    assert all(v.gender == "male" for v in voices[1:])


def test_a_title_gives_the_voice_a_gender_the_cast_left_unknown() -> None:
    lady = bible().model_copy(update={"characters": [CharacterProfile(id="c001", name="Lady Catherine")]})
    (voice,) = cast_voices(lady, None, engine="espeak").voices[1:]
    assert voice.gender == "female" and voice.engine_voice.split("+")[1] in ("f1", "f2", "f3", "f4", "f5", "grandma")


def test_titles_and_other_peoples_words_do_not_age_a_character() -> None:
    assert age_of("Mr. Darcy", "") == age_of("Mrs. Bennet", "") == age_of("Lady Catherine", "") == "adult"
    assert age_of("Elizabeth Bennet", "Her mother, Mrs. Bennet, was a little nervous.") == "adult"
    assert age_of("Ferrier", "An old man with white hair.") == "old" and age_of("赵太爷", "") == "old"


def test_an_unsexed_speaker_gets_a_male_variant_first() -> None:
    (voice,) = cast_voices(
        bible().model_copy(update={"characters": [CharacterProfile(id="c001", name="阿Q")]}), None, engine="espeak"
    ).voices[1:]
    assert voice.gender == "unknown" and voice.engine_voice.split("+")[1].startswith("m")
