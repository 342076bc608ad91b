"""Voice casting: a distinct voice per character (by gender and age where known) and a narrator."""

from __future__ import annotations

import re

from microdrama.casting.gender import genders
from microdrama.engines.image.panel import seed_of
from microdrama.engines.speech import speech_engine
from microdrama.model.media import Voice, VoiceBible
from microdrama.model.series import Bible
from microdrama.model.story import Cast

#: age words in a name ("Aunt Ruth", "老尼姑"); titles such as Mr, Mrs, Lady say nothing about age
_OLD_NAME = re.compile(r"\b(aunt|uncle|grand\w*|old|elderly|widow)\b|老|婆婆|太爷|爷爷|奶奶|伯|叔|姨|父亲|母亲", re.I)
_CHILD_NAME = re.compile(r"\b(little|girl|boy|child|kid|baby)\b|孩子|女孩|男孩|儿子|女儿", re.I)
#: age only where the description says it of the person (it is often a sentence about someone else)
_OLD_DESCRIPTION = re.compile(
    r"\b(old (man|woman|lady|gentleman|fellow)|elderly|aged|white-haired|grey-haired)\b|老人|老头|老太|老妇|白发", re.I
)
_CHILD_DESCRIPTION = re.compile(r"\b(little (girl|boy)|young (girl|boy))\b|小孩|小姑娘|小男孩", re.I)
_ROLE_RATE = {"antagonist": -15, "mentor": -10, "protagonist": 0, "love_interest": -5}
#: how far along an engine's voice list casting looks for a voice nobody has yet
_LOOK_AHEAD = 12


def age_of(name: str, description: str) -> str:
    """old / child / adult from age words in the name first, then from explicit age phrases in the description."""
    for old, child, text in ((_OLD_NAME, _CHILD_NAME, name), (_OLD_DESCRIPTION, _CHILD_DESCRIPTION, description[:200])):
        if old.search(text):
            return "old"
        if child.search(text):
            return "child"
    return "adult"


def cast_voices(bible: Bible, cast: Cast | None, *, engine: str) -> VoiceBible:
    """The voice bible: narrator first, then one voice per bible character, none sharing an engine voice while
    the engine has unused ones of the right gender (the narrator's included), never sharing voice and pitch."""
    speech = speech_engine(engine)
    language = bible.language
    gender_of = genders(bible, cast)
    narrator = speech.voice_name("male", "adult", -1, language)
    voices = [Voice(id="narrator", name="Narrator", engine_voice=narrator, pitch=38, rate_wpm=175)]
    counters: dict[str, int] = {}
    used: set[tuple[str, int]] = {(narrator, 38)}
    names_used = {narrator}
    for person in bible.characters:
        gender = gender_of[person.id]
        age = age_of(person.name, person.description)
        index = counters.get(gender, 0)
        for avoid in (names_used, {narrator}):  # a free voice, else at least not the narrator's
            ahead = next(
                (a for a in range(_LOOK_AHEAD) if speech.voice_name(gender, age, index + a, language) not in avoid),
                None,
            )
            if ahead is not None:
                index += ahead
                break
        counters[gender] = index + 1
        name = speech.voice_name(gender, age, index, language)
        names_used.add(name)
        base = {"female": 58, "male": 42, "unknown": 50}[gender] + (12 if age == "child" else -8 if age == "old" else 0)
        pitch = max(5, min(95, base + (index * 9) % 24 - 8))
        for _ in range(96):  # walks 48 distinct pitches, so a free one is found for any cast size the bible holds
            if (name, pitch) not in used:
                break
            pitch = pitch + 7 if pitch < 88 else pitch - 41
        used.add((name, pitch))
        rate = 165 + seed_of("rate", person.id) % 20 + _ROLE_RATE.get(person.role, 0) - (15 if age == "old" else 0)
        voices.append(
            Voice(id=person.id, name=person.name, gender=gender, age=age, engine_voice=name, pitch=pitch, rate_wpm=rate)
        )
    return VoiceBible(language=language, engine=engine.split("?", 1)[0], voices=voices, provenance={"stage": "casting"})


def extra_voice(cue: str, engine: str, language: str) -> Voice:
    """A voice for a speaker the bible does not know (stable for the cue)."""
    seed = seed_of("extra-voice", cue.upper())
    return Voice(
        id=f"extra:{cue.upper()}",
        name=cue.title(),
        engine_voice=speech_engine(engine).voice_name("unknown", "adult", 3 + seed % 5, language),
        pitch=30 + seed % 40,
        rate_wpm=170,
    )
