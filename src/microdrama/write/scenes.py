"""Scenes from events: one per event, consecutive events in the same place and time merged; headings.

Headings follow the Fountain writer's form for both languages, ``INT. LIGHTHOUSE - NIGHT`` and
``INT. 茶馆 - 夜``, so any Fountain tool reads them as scene headings. An event whose narration puts it
nowhere stays where the story was (:class:`Locator`); consecutive events in one place and time share a
heading.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from microdrama.adapt.defects import location_defects
from microdrama.adapt.regions import is_region
from microdrama.analyze.lexicons import EN_PLACE_NOUNS
from microdrama.model import Event, Place, Places, Source
from microdrama.text.speech_rate import is_chinese

UNKNOWN_PLACE = {"en": "UNKNOWN", "zh-Hans": "某处", "zh-Hant": "某處"}
TIMES = {
    "en": {"DAY": "DAY", "NIGHT": "NIGHT", "CONTINUOUS": "CONTINUOUS"},
    "zh-Hans": {"DAY": "日", "NIGHT": "夜", "CONTINUOUS": "连续"},
    "zh-Hant": {"DAY": "日", "NIGHT": "夜", "CONTINUOUS": "連續"},
}


@dataclass(frozen=True)
class Location:
    """Where a scene plays."""

    setting: str
    name: str
    time_of_day: str

    def heading(self) -> str:
        """The scene heading, e.g. ``EXT. HARBOUR - NIGHT``."""
        prefix = "INT./EXT." if self.setting == "INT/EXT" else f"{self.setting}."
        return f"{prefix} {self.name} - {self.time_of_day}"


#: common nouns of a place a scene can play in, besides the analysis' (``EN_PLACE_NOUNS``) -> INT / EXT
EN_SCENE_NOUNS: dict[str, str] = {
    **EN_PLACE_NOUNS,
    "room": "INT", "restaurant": "INT", "cafe": "INT", "café": "INT", "hotel": "INT", "bar": "INT",
    "cellar": "INT", "bathroom": "INT", "corridor": "INT", "passage": "INT", "staircase": "INT",
    "station": "INT", "court": "INT", "courtroom": "INT", "bank": "EXT", "pool": "EXT", "river": "EXT",
    "lake": "EXT", "sea": "EXT", "hill": "EXT", "cave": "INT", "village": "EXT", "porch": "EXT",
    "veranda": "EXT", "terrace": "EXT", "yard": "EXT", "courtyard": "EXT", "car": "INT", "train": "INT",
    "boat": "EXT", "ship": "EXT", "garage": "INT", "pantry": "INT", "nursery": "INT", "attic": "INT",
    "tent": "INT", "hut": "INT", "house": "INT", "cottage": "INT", "barn": "INT", "stable": "INT", "platform": "EXT",
}  # fmt: skip
#: words before a place noun that put the scene there ("into the kitchen", "across the crowded room")
_EN_LOCATIVE = r"(?:in|into|inside|within|at|on|onto|across|through|to|toward|towards|near|beside|by|along|round|around|under|over)"
_EN_AT_NOUN = re.compile(
    rf"\b{_EN_LOCATIVE}\s+(?:the|a|an|his|her|their|its|my|our)\s+(?:[a-z-]+\s+)?"
    rf"({'|'.join(re.escape(n) for n in sorted(EN_SCENE_NOUNS, key=len, reverse=True))})\b"
)
#: words before a named place that say it is not where the scene is ("Tom Buchanan of Chicago")
_EN_NOT_THERE = re.compile(r"\b(?:of|from|about|left|leave|leaves|leaving|fled|quit)\s+(?:the\s+)?$", re.IGNORECASE)
#: a sentence that looks back from the scene ("just after the war I spent two days with them in Chicago")
_EN_LOOKING_BACK = re.compile(
    r"\b(?:(?:had|['’]d) (?:been|gone|lived|spent|come|met|seen)|used to|years? ago|after the war|before the war|"
    r"the (?:year|summer|winter|spring|autumn) before|last (?:year|summer|winter|spring|autumn))\b",
    re.IGNORECASE,
)
#: events looked at, each way, for the place the characters are still in (beyond: the chapter's place)
_CARRY_EVENTS = 40
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?|「[^」]*」?|『[^』]*』?|‘[^’]*’(?!\w)")


class Locator:
    """Finds where each event plays. A place is a scene's only when the narration of the event puts the
    characters there: the analysis' place unless the event names it only inside a quotation or as where
    someone is from ("Tom Buchanan of Chicago"), else a place noun after a preposition ("into the kitchen"), else the
    place of the nearest earlier event that has one (the characters are still there; at the book's start,
    the first place the story goes to), else the one its chapter names most. Countries, states and continents
    (:func:`~microdrama.adapt.regions.is_region`) are never a scene's location. Only a book with no place
    at all leaves UNKNOWN / 某处."""

    def __init__(self, source: Source, places: Places, language: str, events: list[Event] | None = None) -> None:
        self._language = language if language in TIMES else ("zh-Hans" if is_chinese(language) else "en")
        self._text = source.text
        self._places = {p.id: p for p in places.places}
        # a country or a state is where the story is, not where a scene plays: never a heading; nor is a
        # "place" the analysis took from a verb phrase (关了门, 出了门)
        regions = {
            p.id for p in places.places if is_region(p.name, language) or location_defects(p.name, language, set())
        }
        self._places = {i: p for i, p in self._places.items() if i not in regions}
        self._mentions = [(sorted(p.mentions), p) for p in places.places if p.mentions and p.id not in regions]
        self._chapters = {c.index: c for c in source.chapters}
        self._by_chapter: dict[int, Place | None] = {}
        self._events = sorted(events or [], key=lambda e: (e.start, e.end))
        self._starts = [e.start for e in self._events]
        self._own: dict[str, tuple[str, str] | None] = {}

    def locate(self, event: Event) -> Location:
        """The location of ``event`` for its scene heading."""
        times = TIMES[self._language]
        time_of_day = times.get(event.time_of_day, times["DAY"])
        found = self._own_place(event) or self._carried(event)
        if found is None and event.chapter is not None:
            place = self._chapter_place(event.chapter)
            found = (place.setting, place.name) if place is not None else None
        if found is None:
            return Location("INT", UNKNOWN_PLACE[self._language], time_of_day)
        setting, name = found
        return Location(setting, name.strip() if is_chinese(self._language) else name.strip().upper(), time_of_day)

    def _narration(self, event: Event) -> str:
        """The event's text with its quotations blanked (same length, so offsets hold)."""
        return _QUOTED.sub(lambda m: " " * len(m.group(0)), self._text[event.start : event.end])

    def _own_place(self, event: Event) -> tuple[str, str] | None:
        """The place the event's own narration puts it in, if any."""
        if event.id in self._own:
            return self._own[event.id]
        narration = self._narration(event)
        found: tuple[str, str] | None = None
        place = self._places.get(event.place) if event.place else None
        if place is not None and self._named_there(place, event, narration):
            found = (place.setting, place.name)
        elif not is_chinese(self._language):
            noun = _EN_AT_NOUN.search(narration)
            if noun is not None:
                found = (EN_SCENE_NOUNS[noun.group(1)], noun.group(1))
        self._own[event.id] = found
        return found

    def _named_there(self, place: Place, event: Event, narration: str) -> bool:
        """False when the event's text names the place only inside quotations, as where someone is from
        ("Tom Buchanan of Chicago") or in a sentence looking back ("just after the war I spent two days
        with them in Chicago"); an event that does not name it keeps the analysis' word."""
        whole = self._text[event.start : event.end]
        named = False
        for name in {place.name, *place.aliases}:
            if not name.strip():
                continue
            if is_chinese(self._language):
                named = named or name in whole
                if name in narration:
                    return True
                continue
            pattern = rf"\b{re.escape(name)}\b"
            named = named or re.search(pattern, whole) is not None
            for match in re.finditer(pattern, narration):
                if _EN_NOT_THERE.search(narration[max(0, match.start() - 12) : match.start()]):
                    continue
                begin = max(narration.rfind(stop, 0, match.start()) for stop in ".!?")
                ends = [i for i in (narration.find(stop, match.end()) for stop in ".!?") if i >= 0]
                if not _EN_LOOKING_BACK.search(narration[begin + 1 : min(ends, default=len(narration))]):
                    return True
        return not named

    def _carried(self, event: Event) -> tuple[str, str] | None:
        """The place of the nearest earlier event that has one of its own; at the start of the book, the
        first place the story goes to."""
        index = bisect.bisect_left(self._starts, event.start)
        for earlier in reversed(self._events[max(0, index - _CARRY_EVENTS) : index]):
            found = self._own_place(earlier)
            if found is not None:
                return found
        for later in self._events[index : index + _CARRY_EVENTS]:
            found = self._own_place(later) if later.id != event.id else None
            if found is not None:
                return found
        return None

    def _chapter_place(self, index: int) -> Place | None:
        if index not in self._by_chapter:
            chapter = self._chapters.get(index)
            best: Place | None = None
            best_count = 0
            if chapter is not None:
                for mentions, place in self._mentions:
                    count = bisect.bisect_left(mentions, chapter.end) - bisect.bisect_left(mentions, chapter.start)
                    if count > best_count:  # ties keep the earlier place (Places are most mentioned first)
                        best, best_count = place, count
            self._by_chapter[index] = best
        return self._by_chapter[index]


def group_events(events: list[Event], locations: list[Location]) -> list[list[int]]:
    """Indices of events per scene: consecutive events at the same location and time share one.

    >>> loc = Location("INT", "HALL", "DAY")
    >>> group_events([Event(id=f"e{i}", start=i, end=i + 1, summary="") for i in range(3)],
    ...              [loc, loc, Location("EXT", "PARK", "DAY")])
    [[0, 1], [2]]
    """
    groups: list[list[int]] = []
    for index, location in enumerate(locations):
        if groups and locations[groups[-1][-1]] == location:  # no new heading without a new place or time
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups
