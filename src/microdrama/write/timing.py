"""Durations of a written script: every element, every scene, the episode (integer milliseconds)."""

from __future__ import annotations

from microdrama.model import Element, EpisodeScript, Scene
from microdrama.text.speech_rate import TRANSITION_MS, element_ms

#: the cut into a scene (its establishing moment), counted once per scene with a heading
SCENE_CHANGE_MS = TRANSITION_MS


def time_element(element: Element, language: str) -> Element:
    """A copy of the element with ``duration_ms`` estimated from its text."""
    return element.model_copy(update={"duration_ms": element_ms(element.kind, element.text, language)})


def scene_ms(scene: Scene) -> int:
    """Screen time of a scene from its (already timed) elements, plus the cut into it."""
    change = SCENE_CHANGE_MS if scene.heading else 0
    return change + sum(e.duration_ms for e in scene.elements)


def time_script(script: EpisodeScript) -> EpisodeScript:
    """A copy of the script with ``duration_ms`` set on every element, scene and the episode."""
    scenes = []
    for scene in script.scenes:
        elements = [time_element(e, script.language) for e in scene.elements]
        timed = scene.model_copy(update={"elements": elements})
        scenes.append(timed.model_copy(update={"duration_ms": scene_ms(timed)}))
    return script.model_copy(update={"scenes": scenes, "duration_ms": sum(s.duration_ms for s in scenes)})
