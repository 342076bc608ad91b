"""Voice casting: a distinct voice per character (by gender and age where known) and a narrator."""

from __future__ import annotations

import re

from microdrama.engines.image.panel import seed_of
from microdrama.engines.speech import speech_engine
from microdrama.model.media import Voice, VoiceBible
from microdrama.model.series import Bible
from microdrama.model.story import Cast

_OLD = re.compile(r"\b(aunt|uncle|grand\w*|old|elderly|father|mother|mrs|mr|widow|captain|lord|lady|professor|doctor)\b|老|婆婆|爷|伯|叔|姨|父亲|母亲|夫人", re.I)
_CHILD = re.compile(r"\b(girl|boy|child|kid|little|son|daughter|baby)\b|孩子|女孩|男孩|儿子|女儿", re.I)
_ROLE_RATE = {"antagonist": -15, "mentor": -10, "protagonist": 0, "love_interest": -5}


def age_of(name: str, description: str) -> str:
    """old / child / adult from words in the name first, then in the description."""
    for text in (name, description[:200]):
        if _OLD.search(text):
            return "old"
        if _CHILD.search(text):
            return "child"
    return "adult"


def cast_voices(bible: Bible, cast: Cast | None, *, engine: str) -> VoiceBible:
    """The voice bible: narrator first, then one distinct voice per bible character."""
    speech = speech_engine(engine)
    language = bible.language
    genders = {c.id: c.gender for c in cast.characters} if cast else {}
    voices = [Voice(id="narrator", name="Narrator", engine_voice=speech.voice_name("male", "adult", -1, language),
                    pitch=38, rate_wpm=175)]
    counters: dict[str, int] = {}
    used: set[tuple[str, int]] = set()
    for person in bible.characters:
        gender = genders.get(person.id, "unknown")
        gender = gender if gender in ("female", "male") else "unknown"
        age = age_of(person.name, person.description)
        index = counters.get(gender, 0)
        counters[gender] = index + 1
        name = speech.voice_name(gender, age, index, language)
        base = {"female": 58, "male": 42, "unknown": 50}[gender] + (12 if age == "child" else -8 if age == "old" else 0)
        pitch = max(5, min(95, base + (index * 9) % 24 - 8))
        while (name, pitch) in used:
            pitch = min(95, pitch + 7)
        used.add((name, pitch))
        rate = 165 + seed_of("rate", person.id) % 20 + _ROLE_RATE.get(person.role, 0) - (15 if age == "old" else 0)
        voices.append(Voice(id=person.id, name=person.name, gender=gender, age=age, engine_voice=name,
                            pitch=pitch, rate_wpm=rate))
    return VoiceBible(language=language, engine=engine.split("?", 1)[0], voices=voices, provenance={"stage": "casting"})


def extra_voice(cue: str, engine: str, language: str) -> Voice:
    """A voice for a speaker the bible does not know (stable for the cue)."""
    seed = seed_of("extra-voice", cue.upper())
    return Voice(id=f"extra:{cue.upper()}", name=cue.title(),
                 engine_voice=speech_engine(engine).voice_name("unknown", "adult", 3 + seed % 5, language),
                 pitch=30 + seed % 40, rate_wpm=170)
