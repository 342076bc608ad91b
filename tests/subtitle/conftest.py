"""Fixtures for the subtitle tests: limits and small hand-made cues and scripts."""

from __future__ import annotations

import pytest

from microdrama.model import Cue, Element, EpisodeScript, Provenance, Scene
from microdrama.subtitle.rules import Limits, limits_for


@pytest.fixture
def zh() -> Limits:
    """Simplified Chinese, vertical profile, 30 fps."""
    return limits_for("zh-Hans")


@pytest.fixture
def en() -> Limits:
    """English, vertical profile, 30 fps."""
    return limits_for("en")


def cue(index: int, start: int, end: int, *lines: str, speakers: tuple[str, ...] = ("A",)) -> Cue:
    """A cue from positional values."""
    return Cue(index=index, start_ms=start, end_ms=end, lines=list(lines), speakers=list(speakers))


def tiny_script(language: str = "zh-Hans") -> EpisodeScript:
    """Two scenes: action (no cue), two speeches, a transition, one long speech."""
    if language.startswith("zh"):
        speeches = (
            "喂，派出所吗？",
            "沈念，你回来了。",
            "那我就开门见山了。你姑姑欠了韩氏海运四年房租。月底三十号之前，把铺子转给我，欠款一笔勾销。",
        )
        names = ("韩振东", "沈秀兰", "韩振东")
    else:
        speeches = (
            "Hello? Police?",
            "Nina, you came back.",
            "Then I will be frank. Your aunt owes Han Shipping four years of rent. Sign the shop over by the thirtieth and the debt is gone.",
        )
        names = ("HAN", "RUTH", "HAN")
    first = Scene(
        number=1,
        heading="INT. A - DAY",
        location="A",
        duration_ms=7000,
        elements=[
            Element(kind="action", text="Rain." if language == "en" else "下雨。", duration_ms=1000),
            Element(kind="dialogue", text=speeches[0], character=names[0], duration_ms=2000),
            Element(kind="dialogue", text=speeches[1], character=names[1], duration_ms=2200),
            Element(kind="transition", text="CUT TO:", duration_ms=1000),
        ],
    )
    second = Scene(
        number=2,
        heading="INT. B - DAY",
        location="B",
        duration_ms=12000,
        elements=[
            Element(kind="dialogue", text=speeches[2], character=names[2], duration_ms=11000),
        ],
    )
    return EpisodeScript(
        episode=1,
        title="归来" if language.startswith("zh") else "Return",
        language=language,
        scenes=[first, second],
        provenance=Provenance(stage="test"),
    )
