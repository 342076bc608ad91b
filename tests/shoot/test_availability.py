"""Cast availability: the file is checked, the plan keeps actors off their days, conflicts are flagged."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from shoot.shoot_samples import en_bible, en_scripts

from microdrama.model import Breakdown, Schedule
from microdrama.shoot.availability import parse_availability
from microdrama.shoot.shoot_model import ShootPlanningError
from microdrama.shoot.stage import plan_shoot


def plan(tmp_path, text: str | None, days: int = 2) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    path = None
    if text is not None:
        path = tmp_path / "availability.yaml"
        path.write_text(text, encoding="utf-8")
    return plan_shoot(en_scripts(), en_bible(), days=days, time_limit=2.0, availability=path)


def booked_days(outputs: dict[str, bytes], name: str) -> set[int]:
    schedule = Schedule.model_validate_json(outputs["shoot/schedule.json"])
    return {day.day for day in schedule.days for call in day.cast if call.name == name and call.scenes}


def test_no_file_changes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert plan(tmp_path, None) == plan_shoot(en_scripts(), en_bible(), days=2, time_limit=2.0)


def test_an_actor_is_kept_off_the_days_they_cannot_work(tmp_path) -> None:  # type: ignore[no-untyped-def]
    free = plan(tmp_path, None, days=3)
    breakdown = Breakdown.model_validate_json(free["shoot/breakdown.json"])
    minor = breakdown.cast[-1].name  # fewest scenes: always placeable
    before = booked_days(free, minor)
    day = min(before)
    outputs = plan(tmp_path, f"{minor}: [{day}]\n", days=3)
    assert day not in booked_days(outputs, minor)
    assert b"Availability conflicts" not in outputs["shoot/stripboard.html"]


def test_impossible_availability_is_planned_and_flagged(tmp_path) -> None:  # type: ignore[no-untyped-def]
    free = plan(tmp_path, None)
    breakdown = Breakdown.model_validate_json(free["shoot/breakdown.json"])
    lead = breakdown.cast[0].name
    outputs = plan(tmp_path, f"{lead}: [1, 2]\n")  # the lead cannot work at all
    schedule = Schedule.model_validate_json(outputs["shoot/schedule.json"])
    assert any("cannot all be kept" in note for note in schedule.notes)
    html = outputs["shoot/stripboard.html"].decode()
    assert "Availability conflicts" in html and 'class="strip conflict"' in html
    assert f"{lead} is unavailable on day 1" in html
    sheet = outputs["shoot/callsheets/day01.html"].decode()
    assert "Availability conflicts" in sheet and "UNAVAILABLE" in sheet
    book = load_workbook(io.BytesIO(outputs["shoot/stripboard.xlsx"]))
    assert any("UNAVAILABLE" in str(row[6]) for row in book.active.iter_rows(values_only=True) if len(row) > 6)
    assert outputs["shoot/callsheets/day01.pdf"].startswith(b"%PDF")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("NOBODY: [1]\n", "not in the cast"),
        ("{lead}: [0]\n", "shoot day numbers from 1"),
        ("{lead}: [soon]\n", "shoot day numbers from 1"),
        ("- just a list\n", "expected a mapping"),
        ("{lead}: [1\n", "not valid YAML"),
    ],
)
def test_bad_files_say_what_is_wrong(tmp_path, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    breakdown = Breakdown.model_validate_json(plan(tmp_path, None)["shoot/breakdown.json"])
    with pytest.raises(ShootPlanningError, match=message):
        parse_availability(text.format(lead=breakdown.cast[0].name), breakdown)
