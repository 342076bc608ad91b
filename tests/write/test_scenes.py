"""Scene locations and grouping."""

from __future__ import annotations

import doctest
import re

from story_fixtures import Story

from microdrama.model import Event, Place, Places, Provenance, Source
from microdrama.write import scenes
from microdrama.write.scenes import Location, Locator


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(scenes).failed == 0


def test_headings_in_both_languages(english: Story, chinese: Story) -> None:
    night = english.events.events[1]
    assert Locator(english.source, english.places, "en").locate(night).heading() == "EXT. HARBOUR - NIGHT"
    assert Locator(chinese.source, chinese.places, "zh-Hant").locate(chinese.events.events[0]).heading() == (
        "INT. 茶馆 - 夜"
    )
    assert Location("INT/EXT", "CAR", "DAY").heading() == "INT./EXT. CAR - DAY"


def test_an_unknown_place_id_falls_back_to_the_chapter(english: Story) -> None:
    event = english.events.events[0].model_copy(update={"place": "p404"})
    assert Locator(english.source, english.places, "en").locate(event).name == "LIGHTHOUSE"


def test_a_country_is_never_a_scenes_location(english: Story) -> None:
    """A place the analysis found that is a country (or a state, a continent) falls back like an unknown one."""
    country = Place(id="p900", name="Afghanistan", setting="EXT", mentions=[0, 1, 2] * 50)
    places = english.places.model_copy(update={"places": [country, *english.places.places]})
    event = english.events.events[0].model_copy(update={"place": "p900"})
    assert Locator(english.source, places, "en").locate(event).name == "LIGHTHOUSE"


def _book(text: str, spans: list[tuple[str, str | None]]) -> tuple[Source, Places, list[Event]]:
    """A book, its one named place (Chicago), and one event per given sentence with the analysis' place."""
    source = Source(
        file_name="b.txt",
        file_format="txt",
        sha256="0" * 64,
        size_bytes=len(text),
        encoding="utf-8",
        language="en",
        text=text,
        chapters=[],
        provenance=Provenance(stage="ingest"),
    )
    chicago = Place(id="p1", name="Chicago", setting="EXT", mentions=[m.start() for m in re.finditer("Chicago", text)])
    places = Places(places=[chicago], provenance=Provenance(stage="analyze"))
    events = []
    for number, (sentence, place) in enumerate(spans, start=1):
        start = text.index(sentence)
        events.append(Event(id=f"e{number}", start=start, end=start + len(sentence), summary=sentence, place=place))
    return source, places, events


def test_a_place_named_in_speech_or_as_where_someone_is_from_is_not_the_scene() -> None:
    text = (
        "They met in the kitchen. She married Tom Buchanan of Chicago in June. "
        "“Do you know why we left Chicago?” she asked. As the waiter brought the change, Tom looked across "
        "the crowded room. He sat down. Just after the war I spent two days with them in Chicago. "
        "Next day they drove to Chicago."
    )
    source, places, events = _book(
        text,
        [
            ("They met in the kitchen.", None),
            ("She married Tom Buchanan of Chicago in June.", "p1"),
            ("“Do you know why we left Chicago?” she asked.", "p1"),
            ("As the waiter brought the change, Tom looked across the crowded room.", None),
            ("He sat down.", None),
            ("Just after the war I spent two days with them in Chicago.", "p1"),
            ("Next day they drove to Chicago.", "p1"),
        ],
    )
    locator = Locator(source, places, "en", events)
    names = [locator.locate(e).name for e in events]
    # "of Chicago", a speech naming it, a sentence looking back: the characters are still where they were;
    # "across the crowded room": a room; "drove to Chicago": there
    assert names == ["KITCHEN", "KITCHEN", "KITCHEN", "ROOM", "ROOM", "ROOM", "CHICAGO"]
    assert "UNKNOWN" not in names


def test_no_heading_without_a_change_of_place_or_time() -> None:
    hall, park = Location("INT", "HALL", "DAY"), Location("EXT", "PARK", "DAY")
    events = [Event(id=f"e{i}", start=i, end=i + 1, summary="") for i in range(4)]
    assert scenes.group_events(events, [hall, hall, park, park]) == [[0, 1], [2, 3]]
