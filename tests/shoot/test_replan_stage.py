"""Re-planning an issued schedule through the stage (``plan-shoot --replan``): few days move, all is said."""

from __future__ import annotations

from pathlib import Path

import pytest
from shoot.shoot_samples import en_bible, en_scripts

from microdrama.model import Schedule
from microdrama.shoot.shoot_model import ShootPlanningError
from microdrama.shoot.stage import plan_shoot


def issued_plan(tmp_path: Path) -> tuple[Schedule, Path]:
    outputs = plan_shoot(en_scripts(), en_bible(), days=3, hours_per_day=3, time_limit=2.0)
    path = tmp_path / "issued.json"
    path.write_bytes(outputs["shoot/schedule.json"])
    return Schedule.load(path), path


def scenes_by_day(schedule: Schedule) -> dict[int, list[str]]:
    return {day.day: [t.scene for t in day.scenes] for day in schedule.days}


def test_replan_moves_only_what_the_new_availability_forces(tmp_path: Path) -> None:
    issued, path = issued_plan(tmp_path)
    assert len(issued.days) >= 2
    # someone who works one day of several, on a day they can leave
    name, day = next(
        (call.name, d.day)
        for d in issued.days
        for call in d.cast
        if call.scenes and sum(1 for e in issued.days for c in e.cast if c.name == call.name and c.scenes) == 1
    )
    availability = tmp_path / "availability.yaml"
    availability.write_text(f"{name}: [{day}]\n", encoding="utf-8")
    outputs = plan_shoot(
        en_scripts(), en_bible(), days=3, hours_per_day=3, time_limit=2.0, availability=availability, issued=path
    )
    now = Schedule.model_validate_json(outputs["shoot/schedule.json"])
    assert now.solver == "replan" and len(now.days) == len(issued.days)
    assert all(not call.scenes for d in now.days if d.day == day for call in d.cast if call.name == name)
    before, after = scenes_by_day(issued), scenes_by_day(now)
    changed = [d for d in after if after[d] != before[d]]
    assert 1 <= len(changed) <= 2  # the day they left, and the day their scenes went to
    assert sorted(s for d in after.values() for s in d) == sorted(s for d in before.values() for s in d)
    assert any(f"{len(changed)} of {len(now.days)} days changed" in note for note in now.notes)


def test_an_issued_schedule_that_no_longer_matches_the_scenes_is_refused(tmp_path: Path) -> None:
    issued, path = issued_plan(tmp_path)
    issued.days[0].scenes.pop()
    path.write_bytes(issued.to_bytes())
    with pytest.raises(ShootPlanningError, match="does not match the scenes any more.*delete it"):
        plan_shoot(en_scripts(), en_bible(), days=3, hours_per_day=3, time_limit=2.0, issued=path)
