"""Exterior backdrops follow the location's name: water, mountains, greenery, else a town."""

from __future__ import annotations

from microdrama.engines.image.landscape import landscape_of
from microdrama.engines.image.panel import draw_backdrop


def test_location_words_choose_the_landscape() -> None:
    assert [
        landscape_of(n) for n in ("RIVERBANK", "THE SEA", "花果山", "ROSINGS PARK", "桃花林", "BAKER STREET", "荣国府")
    ] == ["water", "water", "mountain", "green", "green", "town", "town"]


def test_each_landscape_is_drawn_differently_and_deterministically() -> None:
    frames = [
        draw_backdrop(name, "EXT", "DAY").resize((54, 96)).tobytes()
        for name in ("RIVERBANK", "花果山", "ROSINGS PARK", "LONDON")
    ]
    assert len(set(frames)) == 4
    assert draw_backdrop("花果山", "EXT", "NIGHT").tobytes() == draw_backdrop("花果山", "EXT", "NIGHT").tobytes()
