"""From the breakdown to a schedule: the whole-shoot problem, solved, timed on the clock, with day-out-of-days.

Each shoot day starts at ``CREW_CALL``; every location shot that day costs one location setup
(moving in, lighting; going back to it later that day costs none), and the scheduler fits a day's
scenes and setups into the day. Cast members
are called ``CAST_LEAD_MIN`` before their first scene (make-up and wardrobe).
"""

from __future__ import annotations

import math
from dataclasses import replace

from microdrama.model.base import Provenance
from microdrama.model.shoot import (
    Breakdown,
    BreakdownScene,
    CastCall,
    DoodCode,
    DoodRow,
    Schedule,
    ScheduledScene,
    ShootDay,
)
from microdrama.shoot.availability import allowed_days, impossible_actors
from microdrama.shoot.bounds import location_split_bound
from microdrama.shoot.breakdown import LOCATION_SETUP_MIN
from microdrama.shoot.replan import replan
from microdrama.shoot.scheduler import order_within_day, solve_shoot
from microdrama.shoot.shoot_model import ShootPlan, ShootPlanningError, ShootProblem, ShootScene, evaluate

CREW_CALL_MS = 7 * 3_600_000
CAST_LEAD_MIN = 60
#: how full the days are planned when the number of days is chosen automatically
AUTO_FILL = 0.85
#: days added, one at a time, when the automatic count finds no feasible plan
AUTO_EXTRA_DAYS = 3
_MINUTE_MS = 60_000


def scene_capacity(hours_per_day: int) -> int:
    """Minutes of scene work a day with two locations holds: the day less two location setups."""
    return hours_per_day * 60 - 2 * LOCATION_SETUP_MIN


def shoot_problem(breakdown: Breakdown, *, days: int, hours_per_day: int) -> tuple[ShootProblem, list[str]]:
    """The scheduler's problem for ``breakdown`` (``days`` 0 = as few as fit at ``AUTO_FILL``), and notes."""
    capacity = scene_capacity(hours_per_day)
    if capacity < 60:
        raise ShootPlanningError(f"a {hours_per_day}-hour day leaves no time to shoot after two location setups")
    longest = hours_per_day * 60 - LOCATION_SETUP_MIN
    notes: list[str] = []
    scenes: list[ShootScene] = []
    for item in breakdown.scenes:
        minutes = math.ceil(item.shoot_ms / _MINUTE_MS)
        if minutes > longest:
            notes.append(
                f"scene {item.id} needs {minutes} min, more than a day holds; planned as {longest} min (split it)"
            )
            minutes = longest
        scenes.append(
            ShootScene(
                key=item.id,
                minutes=minutes,
                location=item.location,
                exterior=item.setting != "INT",
                night=item.night,
                cast=tuple(sorted(set(item.speaking + item.silent))),
            )
        )
    total = sum(s.minutes for s in scenes)
    if days <= 0:
        days = max(1, math.ceil(total / (capacity * AUTO_FILL)))
    costs = tuple((member.name, member.daily_cost) for member in breakdown.cast)
    problem = ShootProblem(
        scenes=tuple(scenes),
        days=days,
        minutes_per_day=hours_per_day * 60,
        actor_costs=costs,
        setup_minutes=LOCATION_SETUP_MIN,
    )
    return problem, notes


def plan_schedule(
    breakdown: Breakdown,
    *,
    days: int,
    hours_per_day: int,
    time_limit: float,
    parents: dict[str, str],
    unavailable: dict[str, frozenset[int]] | None = None,
) -> Schedule:
    """Schedule the breakdown's scenes on shoot days; the result carries cost, lower bound and gap.

    ``unavailable`` (``shoot/availability.yaml``): 1-based days each actor cannot work. Days then keep
    their numbers (an empty day stays a day off) so the numbers mean what the file says.
    """
    problem, plan, notes = solve_breakdown(
        breakdown, days=days, hours_per_day=hours_per_day, time_limit=time_limit, unavailable=unavailable
    )
    return _schedule(
        breakdown, problem, plan, hours_per_day=hours_per_day, notes=notes, parents=parents, keep_days=bool(unavailable)
    )


#: the schedule a line producer issued (``plan-shoot --replan`` copies shoot/schedule.json here); while it
#: exists, the stage repairs it for availability changes instead of planning afresh
ISSUED_FILE = "shoot/issued.json"


def replan_schedule(
    breakdown: Breakdown,
    issued: Schedule,
    *,
    hours_per_day: int,
    parents: dict[str, str],
    unavailable: dict[str, frozenset[int]] | None = None,
) -> Schedule:
    """Repair the ``issued`` schedule for ``unavailable``, moving as few scenes and days as possible.

    Only scenes whose cast can no longer work their day move (``shoot/replan.py``); days that do not
    change keep their scenes in their order, so their call sheets stay valid. The schedule's notes say
    how many scenes and which days moved.
    """
    problem, notes = shoot_problem(breakdown, days=len(issued.days), hours_per_day=hours_per_day)
    index = {scene.key: i for i, scene in enumerate(problem.scenes)}
    planned = [t.scene for day in issued.days for t in day.scenes]
    added = sorted(set(index) - set(planned))
    gone = sorted(set(planned) - set(index))
    if added or gone or len(planned) != len(set(planned)):
        raise ShootPlanningError(
            f"{ISSUED_FILE} does not match the scenes any more ({len(added)} new: {', '.join(added[:5]) or '-'}; "
            f"{len(gone)} gone: {', '.join(gone[:5]) or '-'}); delete it to plan the shoot afresh"
        )
    if unavailable:
        problem = _with_availability(problem, unavailable, notes)
    old_days = [[index[t.scene] for t in day.scenes] for day in issued.days]
    repaired = replan(problem, old_days)
    days = [
        order_within_day(problem, list(members)) if d in repaired.changed_days else list(members)
        for d, members in enumerate(repaired.days)
    ]
    cost, talent, moves = evaluate(problem, days)
    changed = ", ".join(str(d + 1) for d in repaired.changed_days) or "none"
    notes.append(
        f"re-planned from {ISSUED_FILE}: {len(repaired.moved_scenes)} scenes moved, "
        f"{len(repaired.changed_days)} of {len(days)} days changed (days {changed}); cost {repaired.old_cost} -> {cost}"
    )
    plan = ShootPlan(
        days=tuple(tuple(d) for d in days),
        cost=cost,
        talent_cost=talent,
        moves=moves,
        lower_bound=min(cost, location_split_bound(problem)),
        solver="replan",
    )
    return _schedule(
        breakdown, problem, plan, hours_per_day=hours_per_day, notes=notes, parents=parents, keep_days=True
    )


def solve_breakdown(
    breakdown: Breakdown,
    *,
    days: int,
    hours_per_day: int,
    time_limit: float,
    unavailable: dict[str, frozenset[int]] | None = None,
) -> tuple[ShootProblem, ShootPlan, list[str]]:
    """The shoot problem of ``breakdown`` and its plan (one more day at a time while none fits, when automatic)."""
    problem, notes = shoot_problem(breakdown, days=days, hours_per_day=hours_per_day)
    if unavailable:
        problem = _with_availability(problem, unavailable, notes)
    needed = sum(s.minutes for s in problem.scenes) + problem.setup_minutes * len(problem.locations)
    if days > 0 and needed > problem.days * problem.minutes_per_day:
        raise ShootPlanningError(
            f"{len(problem.scenes)} scenes need {needed} min of shooting and setups, more than "
            f"{problem.days} days of {problem.minutes_per_day} min; set shoot.days higher (or 0 to choose)"
        )
    for extra in range(AUTO_EXTRA_DAYS + 1):
        try:
            plan = solve_shoot(problem, deterministic_time=time_limit)
            break
        except ShootPlanningError:
            if days > 0 or extra == AUTO_EXTRA_DAYS:
                raise
            problem = replace(problem, days=problem.days + 1)  # automatic day count: one more day
            if unavailable:
                problem = _with_availability(problem, unavailable, [])
    return problem, plan, notes


def _with_availability(problem: ShootProblem, unavailable: dict[str, frozenset[int]], notes: list[str]) -> ShootProblem:
    """Keep actors off their unavailable days, except where a scene's cast shares no free day (flagged)."""
    stuck = impossible_actors((s.cast for s in problem.scenes), unavailable, problem.days)
    if stuck:
        notes.append(
            f"availability: {', '.join(sorted(stuck))} cannot all be kept off their unavailable days (a scene's "
            "cast shares no free day); planned anyway, conflicts are flagged on the stripboard and call sheets"
        )
    kept = {name: off for name, off in unavailable.items() if name not in stuck}
    return replace(problem, availability=allowed_days(kept, problem.days))


def _schedule(
    breakdown: Breakdown,
    problem: ShootProblem,
    plan: ShootPlan,
    *,
    hours_per_day: int,
    notes: list[str],
    parents: dict[str, str],
    keep_days: bool = False,
) -> Schedule:
    by_id = {s.id: s for s in breakdown.scenes}
    numbers = {m.name: m.number for m in breakdown.cast}
    used = list(plan.days) if keep_days else [d for d in plan.days if d]
    worked = [[by_id[problem.scenes[i].key] for i in members] for members in used]
    dood = day_out_of_days([{a for s in day for a in s.speaking + s.silent} for day in worked], numbers)
    codes = {row.name: row.codes for row in dood}
    day_ms = hours_per_day * 3_600_000
    shoot_days: list[ShootDay] = []
    for index, members in enumerate(worked):
        clock = CREW_CALL_MS
        set_up: set[str] = set()
        timed: list[ScheduledScene] = []
        for scene in members:
            setup = 0
            if scene.location not in set_up:  # a location already lit today is returned to without a new setup
                setup = LOCATION_SETUP_MIN * _MINUTE_MS
                set_up.add(scene.location)
            clock += setup
            timed.append(
                ScheduledScene(scene=scene.id, start_ms=clock, duration_ms=scene.shoot_ms, setup_before_ms=setup)
            )
            clock += scene.shoot_ms
        if clock > CREW_CALL_MS + day_ms:
            notes.append(
                f"day {index + 1} runs {round((clock - CREW_CALL_MS - day_ms) / _MINUTE_MS)} min over a {hours_per_day}-hour day"
            )
        starts = {t.scene: t.start_ms for t in timed}
        calls: list[CastCall] = []
        for name in sorted(codes, key=lambda n: numbers[n]):
            code = codes[name][index]
            if not code:
                continue
            own = [s.id for s in members if name in s.speaking or name in s.silent]
            call = None
            if own:
                call = max(CREW_CALL_MS, starts[own[0]] - CAST_LEAD_MIN * _MINUTE_MS)
            calls.append(CastCall(name=name, number=numbers[name], code=code, call_ms=call, scenes=own))
        shoot_days.append(
            ShootDay(
                day=index + 1,
                crew_call_ms=CREW_CALL_MS,
                wrap_ms=clock,
                locations=list(dict.fromkeys(s.location for s in members)),
                scenes=timed,
                cast=calls,
                eighths=sum(s.eighths for s in members),
                notes=day_notes(members),
            )
        )
    return Schedule(
        title=breakdown.title,
        language=breakdown.language,
        day_ms=day_ms,
        days=shoot_days,
        dood=dood,
        cost=plan.cost,
        talent_cost=plan.talent_cost,
        moves=plan.moves,
        lower_bound=plan.lower_bound,
        gap=round(plan.gap, 4),
        solver=plan.solver,
        notes=notes,
        provenance=Provenance(stage="shoot", parents=parents),
    )


def day_out_of_days(working: list[set[str]], numbers: dict[str, int]) -> list[DoodRow]:
    """DOOD codes per actor per day from who works each day.

    SW = start work (first day), WF = work finish (last day), SWF = both on one day, W = work,
    H = hold (paid, no scenes, between the first and the last day), '' = not engaged.
    """
    rows: list[DoodRow] = []
    for name in sorted(numbers, key=lambda n: numbers[n]):
        days = [d for d, cast in enumerate(working) if name in cast]
        if not days:
            continue
        first, last = days[0], days[-1]
        codes: list[DoodCode] = []
        for d in range(len(working)):
            if d < first or d > last:
                codes.append("")
            elif first == last:
                codes.append("SWF")
            elif d == first:
                codes.append("SW")
            elif d == last:
                codes.append("WF")
            else:
                codes.append("W" if name in working[d] else "H")
        rows.append(
            DoodRow(
                name=name,
                number=numbers[name],
                codes=codes,
                work_days=len(days),
                hold_days=last - first + 1 - len(days),
                paid_days=last - first + 1,
            )
        )
    return rows


def day_notes(scenes: list[BreakdownScene]) -> list[str]:
    """What the day needs beyond cast, per category, each element once."""
    notes: list[str] = []
    for label, field in (
        ("props", "props"),
        ("wardrobe", "wardrobe"),
        ("vehicles", "vehicles"),
        ("sfx", "sfx"),
        ("extras", "extras"),
    ):
        items: list[str] = []
        for scene in scenes:
            for item in getattr(scene, field):
                if item not in items:
                    items.append(item)
        if items:
            notes.append(f"{label}: {', '.join(items)}")
    return notes
