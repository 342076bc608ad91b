"""The line producer's limits: closed locations, child performers' hours, locations per day, night-to-day
turnaround. Each is kept by the planner, caught on a plan that breaks it, and printed for the crew."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from shoot.shoot_samples import en_bible, en_scripts

from microdrama.model import Breakdown, Schedule
from microdrama.shoot.callsheet import callsheet_html, callsheet_pdf
from microdrama.shoot.constraints import Constraints
from microdrama.shoot.generate import generate_shoot
from microdrama.shoot.plan import DUSK_MS, Limits, limit_notes, night_before_day_call
from microdrama.shoot.replan import conflicts, replan
from microdrama.shoot.scheduler import solve_shoot
from microdrama.shoot.shoot_model import (
    ShootPlanningError,
    ShootProblem,
    ShootScene,
    day_fits,
    plan_feasible,
    short_turnarounds,
)
from microdrama.shoot.stage import plan_shoot
from microdrama.shoot.stripboard import stripboard_html, stripboard_xlsx


def scene(key: str, minutes: int, location: str, *cast: str, night: bool = False) -> ShootScene:
    return ShootScene(key=key, minutes=minutes, location=location, exterior=False, night=night, cast=tuple(cast))


def small_shoot() -> ShootProblem:
    return generate_shoot(scenes=60, actors=10, days=4, locations=5, seed=7)


def per_day(problem: ShootProblem, days, what) -> list[int]:  # type: ignore[no-untyped-def]
    return [what(members) for members in days]


def test_a_closed_location_is_not_booked_and_replan_moves_its_scenes() -> None:
    problem = small_shoot()
    plan = solve_shoot(problem, deterministic_time=1.0)
    busiest = max(problem.locations, key=lambda l: sum(s.minutes for s in problem.scenes if s.location == l))
    used = [d for d, members in enumerate(plan.days) if any(problem.scenes[i].location == busiest for i in members)]
    closed = replace(problem, location_days=((busiest, tuple(d for d in range(problem.days) if d != used[0])),))
    assert not plan_feasible(closed, plan.days)  # the old plan breaks the closure, and it is seen
    assert any(who == busiest for _, _, who in conflicts(closed, plan.days))
    fresh = solve_shoot(closed, deterministic_time=1.0)
    assert plan_feasible(closed, fresh.days)
    assert not any(problem.scenes[i].location == busiest for i in fresh.days[used[0]])
    repaired = replan(closed, plan.days)
    assert plan_feasible(closed, repaired.days) and used[0] in repaired.changed_days


def test_child_performer_minutes_are_capped_per_day() -> None:
    problem = small_shoot()
    plan = solve_shoot(problem, deterministic_time=1.0)
    child = max(problem.actors, key=lambda a: sum(s.minutes for s in problem.scenes if a in s.cast))

    def child_minutes(members) -> int:  # type: ignore[no-untyped-def]
        return sum(problem.scenes[i].minutes for i in members if child in problem.scenes[i].cast)

    free_max = max(per_day(problem, plan.days, child_minutes))
    total = sum(s.minutes for s in problem.scenes if child in s.cast)
    limit = max(-(-total // problem.days) + 30, free_max - 60)
    assert limit < free_max  # the unlimited plan breaks this limit
    limited = replace(problem, child_minutes=((child, limit),))
    assert not plan_feasible(limited, plan.days)
    kept = solve_shoot(limited, deterministic_time=1.0)
    assert max(per_day(problem, kept.days, child_minutes)) <= limit
    assert plan_feasible(limited, kept.days)


def test_locations_per_day_are_capped() -> None:
    problem = small_shoot()
    plan = solve_shoot(problem, deterministic_time=1.0)

    def places(members) -> int:  # type: ignore[no-untyped-def]
        return len({problem.scenes[i].location for i in members})

    most = max(per_day(problem, plan.days, places))
    assert most >= 2
    limited = replace(problem, max_locations=most - 1, days=problem.days + 1)
    kept = solve_shoot(limited, deterministic_time=1.0)
    assert max(per_day(limited, kept.days, places)) <= most - 1
    assert not day_fits(limited, next(d for d in plan.days if places(d) == most))


def test_no_day_call_right_after_a_long_night() -> None:
    # the night scene and the day scene cannot share a day; only one order leaves the actor their rest
    scenes = (scene("N", 300, "pier", "ANA", night=True), scene("D", 300, "office", "ANA"))
    problem = ShootProblem(
        scenes=scenes, days=2, minutes_per_day=480, actor_costs=(("ANA", 3),), night_before_day_call=0
    )
    assert short_turnarounds(problem, [[0], [1]]) == [0]  # night then day call: too little rest
    assert short_turnarounds(problem, [[1], [0]]) == []
    plan = solve_shoot(problem, deterministic_time=1.0)
    assert [list(d) for d in plan.days] == [[1], [0]]
    assert night_before_day_call(10) == 24 * 60 + 7 * 60 - 18 * 60 - 600  # 3 h of night work before a 07:00 call
    assert night_before_day_call(14) == 0


def plan_sample(tmp_path: Path, constraints: str | None, **limits: int) -> dict[str, bytes]:
    path = None
    if constraints is not None:
        path = tmp_path / "constraints.yaml"
        path.write_text(constraints, encoding="utf-8")
    return plan_shoot(
        en_scripts(),
        en_bible(),
        days=3,
        hours_per_day=3,
        time_limit=2.0,
        constraints=path,
        limits=Limits(**limits),
    )


def test_the_stage_keeps_a_closed_location_and_prints_the_limits(tmp_path: Path) -> None:
    free = Schedule.model_validate_json(plan_sample(tmp_path, None)["shoot/schedule.json"])
    day = next(d.day for d in free.days if "HARBOUR" in d.locations)
    outputs = plan_sample(tmp_path, f"children: [Ruth]\nlocations:\n  HARBOUR: [{day}]\n", child_hours=2)
    schedule = Schedule.model_validate_json(outputs["shoot/schedule.json"])
    assert all("HARBOUR" not in d.locations for d in schedule.days if d.day == day)
    ruth_day = next(d for d in schedule.days if any(c.name == "Ruth" and c.scenes for c in d.cast))
    sheet = outputs[f"shoot/callsheets/day{ruth_day.day:02d}.html"].decode()
    assert "Child performer: Ruth" in sheet and "(limit 2 h)" in sheet
    assert "Limits not kept" not in sheet
    assert "Child performer: Ruth" in outputs["shoot/stripboard.html"].decode()


def test_turnaround_shoots_nights_after_dusk_and_reports_the_rest(tmp_path: Path) -> None:
    outputs = plan_sample(tmp_path, None, turnaround_hours=11)
    schedule = Schedule.model_validate_json(outputs["shoot/schedule.json"])
    breakdown_night = {"001-02", "002-01"}
    for day in schedule.days:
        for timed in day.scenes:
            if timed.scene in breakdown_night:
                assert timed.start_ms >= DUSK_MS
    after_night = [
        d
        for i, d in enumerate(schedule.days)
        if i and any(t.scene in breakdown_night for t in schedule.days[i - 1].scenes)
    ]
    assert after_night
    for day in after_night:
        assert any(note.startswith("turnaround: ") for note in day.notes)
        assert "Turnaround:" in outputs[f"shoot/callsheets/day{day.day:02d}.html"].decode()
    assert plan_sample(tmp_path, None) != outputs  # the setting changes the plan's timing


def test_a_broken_limit_is_printed_in_red(tmp_path: Path) -> None:
    outputs = plan_sample(tmp_path, "children: [Nell]\n", child_hours=6)
    schedule = Schedule.model_validate_json(outputs["shoot/schedule.json"])
    day = next(d for d in schedule.days if any(c.name == "Nell" and c.scenes for c in d.cast))
    call = next(c for c in day.cast if c.name == "Nell")
    assert call.call_ms is not None
    # the same day, read against a one-hour limit: the check must catch it
    strict = Limits(child_hours=1, constraints=Constraints(children=frozenset({"Nell"})))
    notes = limit_notes(day.day, [], day.scenes, day.cast, strict, crew_call=day.crew_call_ms, rest_ms=None)
    assert any(n.startswith("over_limit: Nell (child) is on set") for n in notes)
    broken = schedule.model_copy(
        update={"days": [d.model_copy(update={"notes": notes}) if d.day == day.day else d for d in schedule.days]}
    )
    html = stripboard_html(Breakdown.model_validate_json(outputs["shoot/breakdown.json"]), broken)
    assert "Limits not kept" in html and "OVER LIMIT" in html and "#d50000" in html
    breakdown = Breakdown.model_validate_json(outputs["shoot/breakdown.json"])
    broken_day = next(d for d in broken.days if d.day == day.day)
    sheet = callsheet_html(breakdown, broken, broken_day)
    assert '<h2 style="color:#d50000">Limits not kept</h2>' in sheet and "Nell (child) is on set" in sheet
    assert callsheet_pdf(breakdown, broken, broken_day).startswith(b"%PDF")
    book = load_workbook(io.BytesIO(stripboard_xlsx(breakdown, broken)))
    red_rows = [row for row in book.active.iter_rows() if "OVER LIMIT" in str(row[0].value)]
    assert red_rows and red_rows[0][0].fill.fgColor.rgb.endswith("D50000")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("children: [NOBODY]\n", "not in the cast"),
        ("locations:\n  MOON: [1]\n", "not a location"),
        ("locations:\n  SHOP: [0]\n", "shoot day numbers from 1"),
        ("kids: [Nell]\n", "unknown key"),
        ("- a list\n", "expected a mapping"),
        ("children: [Nell\n", "not valid YAML"),
    ],
)
def test_bad_constraints_files_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ShootPlanningError, match=message):
        plan_sample(tmp_path, text)
