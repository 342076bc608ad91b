"""Scene locations and grouping."""

from __future__ import annotations

import doctest

from story_fixtures import Story

from microdrama.model import Place
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
