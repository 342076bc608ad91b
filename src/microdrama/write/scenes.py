"""Scenes from events: one per event, consecutive events in the same place and time merged; headings.

Headings follow the Fountain writer's form for both languages, ``INT. LIGHTHOUSE - NIGHT`` and
``INT. 茶馆 - 夜``, so any Fountain tool reads them as scene headings. An event without a place takes
the place its chapter mentions most; failing that the heading says UNKNOWN / 某处.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from microdrama.adapt.regions import is_region
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


class Locator:
    """Finds the location of events, with each chapter's most mentioned place as the fallback; countries,
    states and continents (:func:`~microdrama.adapt.regions.is_region`) are never a scene's location."""

    def __init__(self, source: Source, places: Places, language: str) -> None:
        self._language = language if language in TIMES else ("zh-Hans" if is_chinese(language) else "en")
        self._places = {p.id: p for p in places.places}
        # a country or a state is where the story is, not where a scene plays: never a heading
        regions = {p.id for p in places.places if is_region(p.name, language)}
        self._places = {i: p for i, p in self._places.items() if i not in regions}
        self._mentions = [(sorted(p.mentions), p) for p in places.places if p.mentions and p.id not in regions]
        self._chapters = {c.index: c for c in source.chapters}
        self._by_chapter: dict[int, Place | None] = {}

    def locate(self, event: Event) -> Location:
        """The location of ``event`` for its scene heading."""
        place = self._places.get(event.place) if event.place else None
        if place is None and event.chapter is not None:
            place = self._chapter_place(event.chapter)
        times = TIMES[self._language]
        time_of_day = times.get(event.time_of_day, times["DAY"])
        if place is None:
            return Location("INT", UNKNOWN_PLACE[self._language], time_of_day)
        name = place.name.strip() if is_chinese(self._language) else place.name.strip().upper()
        return Location(place.setting, name, time_of_day)

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
        if groups and locations[groups[-1][-1]] == location and location.name not in UNKNOWN_PLACE.values():
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups
