"""The writer's hook (a line that grabs in the first seconds) and cliffhanger (cut after the last tense line)."""

from __future__ import annotations

from microdrama.adapt import defects
from microdrama.model import Character, Element, Event, LineSource, Quote, Source
from microdrama.write.episode import SceneDraft, _Story, end_on_cliffhanger, open_on_hook, teaser_line
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


def _at(kind: str, text: str, start: int, ms: int = 3000, event: str = "e1") -> Draft:
    draft = line(kind, text, ms, event)
    draft.line = LineSource(text=text, start=start, end=start + len(text))
    return draft


def test_the_episode_ends_on_the_line_the_plan_points_at_by_its_book_offset() -> None:
    """The plan's offset finds the line even when the writer shortened its words."""
    drafts = [
        _at("action", "They met.", 0, 20_000, "e0"),
        _at("dialogue", "Who sent you?", 100),
        _at("dialogue", "…Jewels worth half a million missing. How was the window?", 200),
        _at("dialogue", "Fastened.", 300),
    ]
    cliff = end_on_cliffhanger([scene(*drafts)], "e1", "en", 20_000, 1000, planned="different words", planned_at=199)
    assert cliff is drafts[2] and [d.dropped for d in drafts] == [False, False, False, True]


def test_the_planned_ending_is_never_the_hook() -> None:
    ending, calm = _at("dialogue", "Are you the parties who come with Miss Morstan?", 50), _at("dialogue", "Good.", 90)
    opening = scene(line("action", "A cab stops."), ending, calm)
    open_on_hook(opening, "en", cliffhanger_at=49)
    assert opening.drafts[0] is calm and not ending.pinned


def test_an_episode_without_a_peak_ends_on_the_next_episodes_first_question() -> None:
    """Essay chapters hold no peak: the next episode's opening question closes this one (a teaser)."""
    book = "The village was quiet and the essay went on. “Who stole my hat?” cried Ah Q. Nobody answered."
    source = Source.model_construct(text=book)
    start = book.index("“")
    quote = Quote(id="q1", start=start, end=book.index("”") + 1, text="Who stole my hat?", speaker="c1", confidence=0.9)
    ahq = Character(id="c1", name="Ah Q")
    upcoming = Event(id="e2", start=start, end=len(book), summary="Ah Q asks.", quotes=["q1"], participants=["c1"])
    story = _Story(source, "en", {"c1": ahq}, {"q1": quote})
    tease = teaser_line(upcoming, story)
    assert tease is not None and tease.element.text == "Who stole my hat?" and tease.element.character == "AH Q"
    assert tease.pinned and not tease.droppable
    assert defects.is_peak(tease.element.text, "dialogue", "en")
    assert teaser_line(Event(id="e3", start=0, end=start, summary="Quiet."), story) is None
