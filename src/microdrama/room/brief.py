"""What every room request is given: the book's passage and events, the cast and how they speak, the
bible, the neighbouring episodes (continuity) and the target runtime."""

from __future__ import annotations

from dataclasses import dataclass

from microdrama.engines.text.prompts import fence
from microdrama.model import Bible, Cast, EpisodePlan, Events, Plan, Quotes, Source
from microdrama.text.speech_rate import is_chinese
from microdrama.write.narrator import NARRATOR_CUE

#: most characters of the book's passage sent with one request (head and tail kept when longer)
EXCERPT_CHARS = {"en": 9000, "zh": 4000}
#: most cast members listed in a request
CAST_LIMIT = 14
#: words (en) or characters (zh) said per second of runtime, dialogue and action mixed
UNITS_PER_SECOND = {"en": 2.3, "zh": 4.2}


@dataclass(frozen=True)
class Story:
    """The artifacts the room reads."""

    source: Source
    cast: Cast
    quotes: Quotes
    events: Events
    bible: Bible
    plan: Plan

    @property
    def lang(self) -> str:
        """``zh`` or ``en``: which prompt folder."""
        return "zh" if is_chinese(self.bible.language) else "en"

    def episode(self, number: int) -> EpisodePlan:
        """The planned episode ``number``."""
        return next(e for e in self.plan.episodes if e.number == number)


def excerpt(story: Story, episode: EpisodePlan) -> str:
    """The book's passage of ``episode`` (head and tail when it is too long)."""
    text = story.source.text[episode.source_start : episode.source_end].strip()
    limit = EXCERPT_CHARS[story.lang]
    if len(text) > limit:
        text = text[: limit * 2 // 3] + "\n…\n" + text[-limit // 3 :]
    return text


def events_listing(story: Story, ids: list[str]) -> str:
    """``e0001: summary`` per event (fenced: summaries are the book's sentences)."""
    by_id = {e.id: e for e in story.events.events}
    lines = [f"{i}: {fence(by_id[i].summary)}" for i in ids if i in by_id]
    return "\n".join(lines) or "(none)"


def cast_listing(story: Story, episode: EpisodePlan | None = None) -> str:
    """``NAME — role — how they speak`` for the bible's characters first, then those present."""
    roles = {c.id: c.role for c in story.bible.characters}
    present: set[str] = set()
    if episode is not None:
        by_id = {e.id: e for e in story.events.events}
        for event_id in episode.events:
            if event_id in by_id:
                present.update(by_id[event_id].participants)
    chosen = [c for c in story.cast.characters if c.id in roles]
    chosen += [c for c in story.cast.characters if c.id in present and c.id not in roles]
    if not chosen:
        chosen = list(story.cast.characters)
    sample: dict[str, str] = {}
    for quote in story.quotes.quotes:
        if quote.speaker not in sample and 8 <= len(quote.text) <= 90:
            sample[quote.speaker] = quote.text
    lines = []
    for character in chosen[:CAST_LIMIT]:
        role = "narrator (the book's “I”)" if character.role == "narrator" else roles.get(character.id, "minor")
        aka = f" (also {', '.join(character.aliases[:3])})" if character.aliases else ""
        voice = f" — says things like {fence(sample[character.id])}" if character.id in sample else ""
        lines.append(f"{character.name}{aka} — {role}{voice}")
    return "\n".join(lines)


def allowed_cues(story: Story, minor_roles: list[str]) -> list[str]:
    """Every name a cue may use: the cast's names and aliases, the bible's, the narrator, minor roles."""
    names: list[str] = []
    for character in story.cast.characters:
        names += [character.name, *character.aliases]
    names += [c.name for c in story.bible.characters]
    names.append(NARRATOR_CUE.get(story.bible.language, NARRATOR_CUE["zh-Hans" if story.lang == "zh" else "en"]))
    names += minor_roles
    seen: dict[str, str] = {}
    for name in names:
        key = " ".join(name.split()).casefold()
        if key and key not in seen:
            seen[key] = " ".join(name.split())
    return list(seen.values())


def continuity(story: Story, number: int) -> tuple[str, str]:
    """(how the previous episode ended, how the next one opens); ``(series start)`` / ``(series end)``."""
    numbers = [e.number for e in story.plan.episodes]
    at = numbers.index(number)
    previous = "(series start)"
    following = "(series end)"
    if at > 0:
        before = story.plan.episodes[at - 1]
        previous = before.cliffhanger or (before.beats[-1].text if before.beats else before.title)
    if at + 1 < len(numbers):
        after = story.plan.episodes[at + 1]
        following = after.beats[0].text if after.beats else after.title
    return fence(previous), fence(following)


def target_units(story: Story, episode: EpisodePlan) -> int:
    """Words (en) or characters (zh) an episode of the target runtime holds."""
    return round(episode.target_ms / 1000 * UNITS_PER_SECOND[story.lang])
