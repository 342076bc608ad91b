"""Schedule from a breakdown: DOOD codes on a hand-made case, clock times, automatic day count, errors."""

from __future__ import annotations

import pytest
from shoot.shoot_samples import en_bible, en_scripts

from microdrama.shoot.breakdown import LOCATION_SETUP_MIN, break_down
from microdrama.shoot.lexicon import load_lexicon
from microdrama.shoot.plan import CAST_LEAD_MIN, CREW_CALL_MS, day_out_of_days, plan_schedule
from microdrama.shoot.shoot_model import ShootPlanningError


def test_dood_codes_on_a_hand_made_case() -> None:
    working = [{"A", "B"}, {"A"}, {"C"}, {"A", "B"}]
    rows = {row.name: row for row in day_out_of_days(working, {"A": 1, "B": 2, "C": 3, "D": 4})}
    assert rows["A"].codes == ["SW", "W", "H", "WF"]
    assert (rows["A"].work_days, rows["A"].hold_days, rows["A"].paid_days) == (3, 1, 4)
    assert rows["B"].codes == ["SW", "H", "H", "WF"] and rows["B"].hold_days == 2
    assert rows["C"].codes == ["", "", "SWF", ""] and rows["C"].paid_days == 1
    assert "D" not in rows  # never works, never engaged
    assert [r.name for r in day_out_of_days(working, {"A": 2, "B": 1, "C": 3})] == ["B", "A", "C"]


def breakdown():
    lexicon, sources = load_lexicon("en")
    return break_down(en_scripts(), en_bible(), lexicon, lexicons=sources, parents={})


def test_schedule_times_calls_and_codes() -> None:
    schedule = plan_schedule(breakdown(), days=2, hours_per_day=12, time_limit=2.0, parents={})
    scheduled = [t.scene for day in schedule.days for t in day.scenes]
    assert sorted(scheduled) == ["001-01", "001-02", "002-01"]
    assert schedule.lower_bound <= schedule.cost and 0.0 <= schedule.gap <= 1.0
    for day in schedule.days:
        first = day.scenes[0]
        assert first.start_ms == CREW_CALL_MS + LOCATION_SETUP_MIN * 60_000 and first.setup_before_ms > 0
        for before, after in zip(day.scenes, day.scenes[1:], strict=False):
            assert after.start_ms == before.start_ms + before.duration_ms + after.setup_before_ms
        assert sum(1 for t in day.scenes if t.setup_before_ms) == len(day.locations)  # one setup per location
        assert day.wrap_ms - day.crew_call_ms <= schedule.day_ms
        assert day.wrap_ms == day.scenes[-1].start_ms + day.scenes[-1].duration_ms
        for call in day.cast:
            if call.code == "H":
                assert call.call_ms is None and not call.scenes
            else:
                start = next(t.start_ms for t in day.scenes if t.scene == call.scenes[0])
                assert call.call_ms == max(CREW_CALL_MS, start - CAST_LEAD_MIN * 60_000)
    codes = {row.name: row.codes for row in schedule.dood}
    assert set(codes) == {"Nell", "Victor Harrow", "Postman", "Ruth"}
    assert all(len(c) == len(schedule.days) for c in codes.values())


def test_automatic_day_count_and_impossible_requests() -> None:
    auto = plan_schedule(breakdown(), days=0, hours_per_day=12, time_limit=1.0, parents={})
    assert len(auto.days) == 1  # three short scenes fit one day
    with pytest.raises(ShootPlanningError, match="set shoot.days higher"):
        plan_schedule(breakdown(), days=1, hours_per_day=2, time_limit=1.0, parents={})
    with pytest.raises(ShootPlanningError, match="no time to shoot"):
        plan_schedule(breakdown(), days=1, hours_per_day=1, time_limit=1.0, parents={})
