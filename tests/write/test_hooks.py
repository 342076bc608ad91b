"""The writer's hook (a line that grabs in the first seconds) and cliffhanger (cut after the last tense line)."""

from __future__ import annotations

from microdrama.model import Element, LineSource
from microdrama.write.episode import SceneDraft, end_on_cliffhanger, open_on_hook
from microdrama.write.fit import Draft
from microdrama.write.scenes import Location


def line(kind: str, text: str, ms: int = 3000, event: str = "e1") -> Draft:
    draft = Draft(Element(kind=kind, text=text), LineSource(text=text, start=0, end=0), ms, 0.5)  # type: ignore[arg-type]
    draft.event = event
    return draft


def scene(*drafts: Draft) -> SceneDraft:
    return SceneDraft(Location("INT", "HALL", "DAY"), list(drafts))


def test_the_first_pointed_speech_moves_to_the_top_and_stays() -> None:
    summary, calm, pointed = (
        line("action", "The guests sat down."),
        line("dialogue", "Good evening."),
        line("dialogue", "Who invited you?"),
    )
    opening = scene(summary, calm, pointed)
    assert open_on_hook(opening, "en")
    assert [d.element.text for d in opening.drafts] == ["Who invited you?", "The guests sat down.", "Good evening."]
    assert pointed.pinned and not pointed.droppable


def test_a_scene_without_speech_opens_on_a_tense_action_or_reports_none() -> None:
    tense = line("action", "Suddenly the door burst open.")
    opening = scene(line("action", "The hall was quiet."), tense)
    assert open_on_hook(opening, "en") and opening.drafts[0] is tense
    assert not open_on_hook(scene(line("action", "The hall was quiet."), line("action", "Tea was served.")), "en")


def test_the_episode_ends_on_the_last_tense_line_of_its_final_event() -> None:
    drafts = [
        line("action", "They met.", 20_000, "e0"),
        line("dialogue", "You lied to me!", 3000, "e1"),
        line("dialogue", "Let us have tea.", 3000, "e1"),
        line("action", "They drank.", 3000, "e1"),
    ]
    scenes = [scene(*drafts[:1]), scene(*drafts[1:])]
    cliff = end_on_cliffhanger(scenes, "e1", "en", floor_ms=20_000, fixed_ms=2000)
    assert cliff is drafts[1] and not cliff.droppable
    assert [d.dropped for d in drafts] == [False, False, True, True]


def test_the_cut_is_skipped_when_it_would_leave_the_episode_short() -> None:
    drafts = [line("dialogue", "You lied to me!", 3000), line("action", "They drank tea for a long while.", 30_000)]
    assert end_on_cliffhanger([scene(*drafts)], "e1", "en", floor_ms=30_000, fixed_ms=1000) is None
    assert not any(d.dropped for d in drafts)
