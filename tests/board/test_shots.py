"""The 9:16 shot planner keeps its rules: hook first, close-up peak last, singles, reactions on reversals."""

from __future__ import annotations

import pytest
from media_fixtures import bible, script

from microdrama.board.shots import check_shots, is_reversal, plan_shots
from microdrama.errors import SettingsError
from microdrama.media.stage import select_episodes
from microdrama.model import CharacterProfile
from microdrama.model.media import SHOT_SIZES
from microdrama.model.script import Element, EpisodeScript, Scene
from microdrama.screenplay.speakers import CastIndex


@pytest.fixture
def shots():  # type: ignore[no-untyped-def]
    return plan_shots(script(), bible())


def test_planned_list_keeps_every_rule(shots) -> None:  # type: ignore[no-untyped-def]
    assert check_shots(shots) == []
    assert shots.shots[0].purpose == "hook" and shots.shots[0].movement == "push-in"
    assert shots.shots[-1].purpose == "peak" and shots.shots[-1].size in ("CU", "ECU")
    assert all(s.size in SHOT_SIZES for s in shots.shots)


def test_singles_hold_one_subject_and_ots_names_the_shoulder(shots) -> None:  # type: ignore[no-untyped-def]
    for shot in shots.shots:
        if shot.framing in ("single", "OTS"):
            assert len(shot.subject) == 1, shot
    ots = [s for s in shots.shots if s.framing == "OTS"]
    assert ots and all(s.over and s.over not in s.subject for s in ots)


def test_reversal_line_cuts_to_the_listener(shots) -> None:  # type: ignore[no-untyped-def]
    line = "001-002"  # Victor: "You came alone? Then you are a fool!"
    on_line = [s for s in shots.shots if line in s.lines]
    assert [s.purpose for s in on_line] == ["dialogue", "reaction"]
    assert on_line[0].subject == ["c002"] and on_line[1].subject == ["c001"]
    assert sum(s.duration_ms for s in on_line) == 2600


def test_durations_cover_the_timed_elements_and_scenes_open_wide(shots) -> None:  # type: ignore[no-untyped-def]
    assert shots.duration_ms == sum(s.duration_ms for s in shots.shots) == sum(e.duration_ms for e in shots.elements)
    assert [e.id for e in shots.elements] == ["001-001", "001-002", "001-003", "002-001", "002-002", "002-003"]
    scene2 = [s for s in shots.shots if s.scene == 2]
    assert scene2[0].purpose == "establishing" and scene2[0].size in ("WS", "EWS")


def test_villain_is_shot_from_below(shots) -> None:  # type: ignore[no-untyped-def]
    assert {s.angle for s in shots.shots if s.speaker == "c002" and s.purpose == "dialogue"} == {"low"}


def test_check_shots_reports_broken_rules(shots) -> None:  # type: ignore[no-untyped-def]
    broken = shots.model_copy(
        update={"shots": [shots.shots[1].model_copy(update={"size": "WS", "subject": ["c001", "c002"]})]}
    )
    problems = check_shots(broken)
    assert any("hook" in p for p in problems) and any("close-up" in p for p in problems)
    assert any("single with 2 subjects" in p for p in problems)


def test_reversal_words() -> None:
    assert is_reversal("You lied to me!") and is_reversal("他不是我父亲") and not is_reversal("Good morning, Ruth.")


def test_episode_selection() -> None:
    assert select_episodes("", [1, 2, 3]) == []
    assert select_episodes("all", [3, 1, 2]) == [1, 2, 3]
    assert select_episodes("1-2, 5", [1, 2, 3, 4]) == [1, 2]
    with pytest.raises(SettingsError, match="media.episodes"):
        select_episodes("first", [1])


def _scene(*elements: Element, number: int = 1) -> Scene:
    return Scene(
        number=number,
        heading="INT. SHOP - NIGHT",
        setting="INT",
        location="SHOP",
        time_of_day="NIGHT",
        elements=list(elements),
    )


def _script(*scenes: Scene) -> EpisodeScript:
    return EpisodeScript(episode=1, title="T", language="en", provenance={"stage": "parse"}, scenes=list(scenes))


def _action(text: str, ms: int = 2000) -> Element:
    return Element(kind="action", text=text, duration_ms=ms)


def _line(who: str, text: str, ms: int = 2000) -> Element:
    return Element(kind="dialogue", character=who, text=text, duration_ms=ms)


def test_a_subjectless_opening_folds_into_a_hook_on_someone() -> None:
    shots = plan_shots(
        _script(
            _scene(_action("FLASH FORWARD.", 900), _action("Mara runs for the door."), _line("AUNT RUTH", "Stop her."))
        ),
        bible(),
    )
    hook = shots.shots[0]
    assert hook.purpose == "hook" and hook.subject == ["c001"] and hook.lines == ["001-001", "001-002"]
    assert hook.caption == "FLASH FORWARD. Mara runs for the door." and hook.duration_ms == 2900
    assert check_shots(shots) == []


def test_pronouns_keep_the_last_person_of_that_gender_in_frame() -> None:
    genders = {"c001": "female", "c002": "male", "c003": "female"}
    shots = plan_shots(
        _script(
            _scene(
                _action("Victor Harrow enters."),
                _action("Mara looks up."),
                _action("He sits down slowly."),
                _action("She does not move."),
                _action("The clock ticks."),
                _line("MARA", "Go."),
            )
        ),
        bible(),
        genders=genders,
    )
    by_line = {s.lines[0]: s for s in shots.shots}
    assert by_line["001-003"].subject == ["c002"] and by_line["001-004"].subject == ["c001"]
    assert by_line["001-005"].subject == []
    assert (
        plan_shots(_script(_scene(_action("Mara looks up."), _action("He sits."), _line("MARA", "Go."))), bible())
        .shots[1]
        .subject
        == []
    )


def test_a_short_line_by_another_voice_keeps_its_own_shot_and_caption() -> None:
    shots = plan_shots(
        _script(
            _scene(
                _action("Mara waits."),
                _line("VICTOR HARROW", "You came alone, and now you will listen to me.", 4000),
                _line("MARA", "No.", 800),
                _line("MARA", "Never again.", 800),
                _line("AUNT RUTH", "Enough.", 3000),
            )
        ),
        bible(),
    )
    victor = next(s for s in shots.shots if s.speaker == "c002" and s.purpose == "dialogue")
    assert "No." not in victor.caption
    mara = [s for s in shots.shots if s.speaker == "c001"]
    assert len(mara) == 1 and mara[0].caption == "No. Never again." and mara[0].lines == ["001-003", "001-004"]


def test_lowercase_words_and_honorifics_in_names_name_nobody() -> None:
    extra = bible().model_copy(
        update={
            "characters": [
                *bible().characters,
                CharacterProfile(id="c009", name="the cook"),
                CharacterProfile(id="c010", name="Mrs. Long"),
            ]
        }
    )
    index = CastIndex(extra)
    assert index.mentioned("The chief difficulty Mara found was the cook.") == ["c001", "c009"]
    assert index.mentioned("Mrs. Bennet smiled at Mrs. Long.") == ["c010"]
