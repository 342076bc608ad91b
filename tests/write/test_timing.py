"""Durations of a script: elements from the speech rate, scenes with their cut, the episode."""

from __future__ import annotations

from microdrama.model import Element, EpisodeScript, Provenance, Scene
from microdrama.text.speech_rate import speech_ms
from microdrama.write.timing import time_script


def test_durations_are_summed_up_the_tree() -> None:
    script = EpisodeScript(
        episode=1,
        language="zh-Hans",
        provenance=Provenance(stage="t"),
        scenes=[
            Scene(
                number=1,
                heading="INT. 茶馆 - 夜",
                location="茶馆",
                elements=[
                    Element(kind="action", text="他走了。"),
                    Element(kind="dialogue", text="这" * 9, character="甲"),
                    Element(kind="note", text="备注"),
                    Element(kind="transition", text="切至："),
                ],
            ),
            Scene(number=2, heading="", location="", elements=[Element(kind="action", text="雨。")]),
        ],
    )
    timed = time_script(script)
    first, second = timed.scenes
    # the engine's clip of the line, then the narrator's 200 ms pause or the speaker's 250 ms
    said, spoken, rain = speech_ms("他走了。", "zh-Hans"), speech_ms("这" * 9, "zh-Hans"), speech_ms("雨。", "zh-Hans")
    assert [e.duration_ms for e in first.elements] == [said + 200, spoken + 250, 0, 1000]
    assert first.duration_ms == 1000 + said + 200 + spoken + 250 + 1000
    assert second.duration_ms == rain + 200  # no heading: no cut into it
    assert timed.duration_ms == first.duration_ms + second.duration_ms
