"""From the breakdown to a schedule: the whole-shoot problem, solved, timed on the clock, with day-out-of-days.

Each shoot day starts at ``CREW_CALL``; every location shot that day costs one location setup
(moving in, lighting; going back to it later that day costs none), and the scheduler fits a day's
scenes and setups into the day. Cast members
are called ``CAST_LEAD_MIN`` before their first scene (make-up and wardrobe).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, replace

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
from microdrama.shoot.constraints import Constraints
from microdrama.shoot.labels import clock
from microdrama.shoot.replan import replan
from microdrama.shoot.scheduler import order_within_day, solve_shoot
from microdrama.shoot.shoot_model import ShootPlan, ShootPlanningError, ShootProblem, ShootScene, evaluate

CREW_CALL_MS = 7 * 3_600_000
#: when night scenes start once the night-to-day turnaround is enforced (``shoot.turnaround_hours``)
DUSK_MS = 18 * 3_600_000
CAST_LEAD_MIN = 60
#: how full the days are planned when the number of days is chosen automatically
AUTO_FILL = 0.85
#: days added, one at a time, when the automatic count finds no feasible plan
AUTO_EXTRA_DAYS = 3
_MINUTE_MS = 60_000


@dataclass(frozen=True)
class Limits:
    """The line producer's limits (settings and ``shoot/constraints.yaml``); all off by default."""

    turnaround_hours: int = 0
    child_hours: int = 6
    max_locations_per_day: int = 0
    constraints: Constraints = dataclasses.field(default_factory=Constraints)

    @property
    def active(self) -> bool:
        """Does any limit change the plan or its timing?"""
        c = self.constraints
        return bool(self.turnaround_hours or self.max_locations_per_day or c.children or c.closed)


NO_LIMITS = Limits()


def night_before_day_call(turnaround_hours: int) -> int:
    """Night minutes a day may shoot (from dusk) and still leave the turnaround before a crew call next day."""
    rest_window = 24 * 60 + CREW_CALL_MS // _MINUTE_MS - DUSK_MS // _MINUTE_MS
    return max(0, rest_window - 60 * turnaround_hours)


def _with_limits(problem: ShootProblem, limits: Limits) -> ShootProblem:
    if not limits.active:
        return problem
    closed = limits.constraints.closed
    return replace(
        problem,
        location_days=tuple(
            (name, tuple(d for d in range(problem.days) if d + 1 not in off))
            for name, off in sorted(closed.items())
            if off
        ),
        # the hour of make-up before a child's first scene counts as work: their scenes get the rest
        child_minutes=tuple(
            (name, max(0, 60 * limits.child_hours - CAST_LEAD_MIN)) for name in sorted(limits.constraints.children)
        ),
        max_locations=limits.max_locations_per_day or None,
        night_before_day_call=night_before_day_call(limits.turnaround_hours) if limits.turnaround_hours else None,
    )


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
    limits: Limits = NO_LIMITS,
) -> Schedule:
    """Schedule the breakdown's scenes on shoot days; the result carries cost, lower bound and gap.

    ``unavailable`` (``shoot/availability.yaml``): 1-based days each actor cannot work. Days then keep
    their numbers (an empty day stays a day off) so the numbers mean what the file says.
    """
    problem, plan, notes = solve_breakdown(
        breakdown,
        days=days,
        hours_per_day=hours_per_day,
        time_limit=time_limit,
        unavailable=unavailable,
        limits=limits,
    )
    return _schedule(
        breakdown,
        problem,
        plan,
        hours_per_day=hours_per_day,
        notes=notes,
        parents=parents,
        keep_days=bool(unavailable) or bool(limits.constraints.closed),
        limits=limits,
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
    limits: Limits = NO_LIMITS,
    extra_days: int = 0,
    booked_days: int = 0,
) -> Schedule:
    """Repair the ``issued`` schedule for ``unavailable``, moving as few scenes and days as possible
    (``extra_days`` more days may change when each lowers the cost). Days booked (``booked_days``, the
    setting) beyond the last one the issued schedule uses are empty: the repair uses them only when it
    cannot be done within the issued days.

    Only scenes whose cast can no longer work their day move (``shoot/replan.py``); days that do not
    change keep their scenes in their order, so their call sheets stay valid. The schedule's notes say
    how many scenes and which days moved.
    """
    try:
        return _repair(breakdown, issued, hours_per_day, parents, unavailable, limits, extra_days, len(issued.days))
    except ShootPlanningError:
        if booked_days <= len(issued.days):
            raise
    return _repair(breakdown, issued, hours_per_day, parents, unavailable, limits, extra_days, booked_days)


def _repair(
    breakdown: Breakdown,
    issued: Schedule,
    hours_per_day: int,
    parents: dict[str, str],
    unavailable: dict[str, frozenset[int]] | None,
    limits: Limits,
    extra_days: int,
    n_days: int,
) -> Schedule:
    """``replan_schedule`` over ``n_days`` days (the issued ones, then empty booked ones)."""
    problem, notes = shoot_problem(breakdown, days=n_days, hours_per_day=hours_per_day)
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
    problem = _with_limits(problem, limits)
    old_days = [[index[t.scene] for t in day.scenes] for day in issued.days]
    old_days += [[] for _ in range(n_days - len(old_days))]
    repaired = replan(problem, old_days, extra_days=extra_days)
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
    limits: Limits = NO_LIMITS,
) -> tuple[ShootProblem, ShootPlan, list[str]]:
    """The shoot problem of ``breakdown`` and its plan (one more day at a time while none fits, when automatic)."""
    problem, notes = shoot_problem(breakdown, days=days, hours_per_day=hours_per_day)
    if unavailable:
        problem = _with_availability(problem, unavailable, notes)
    problem = _with_limits(problem, limits)
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
            problem = _with_limits(problem, limits)
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
    limits: Limits = NO_LIMITS,
) -> Schedule:
    by_id = {s.id: s for s in breakdown.scenes}
    numbers = {m.name: m.number for m in breakdown.cast}
    used = list(plan.days) if keep_days else [d for d in plan.days if d]
    worked = [[by_id[problem.scenes[i].key] for i in members] for members in used]
    dood = day_out_of_days([{a for s in day for a in s.speaking + s.silent} for day in worked], numbers)
    codes = {row.name: row.codes for row in dood}
    day_ms = hours_per_day * 3_600_000
    shoot_days: list[ShootDay] = []
    previous_wrap: int | None = None
    previous_night = False
    for index, members in enumerate(worked):
        crew_call = _crew_call(members, limits)
        clock = crew_call
        set_up: set[str] = set()
        timed: list[ScheduledScene] = []
        for scene in members:
            setup = 0
            if scene.location not in set_up:  # a location already lit today is returned to without a new setup
                setup = LOCATION_SETUP_MIN * _MINUTE_MS
                set_up.add(scene.location)
            if limits.turnaround_hours and scene.night:
                clock = max(clock, DUSK_MS - setup)  # night scenes are shot after dark
            clock += setup
            timed.append(
                ScheduledScene(scene=scene.id, start_ms=clock, duration_ms=scene.shoot_ms, setup_before_ms=setup)
            )
            clock += scene.shoot_ms
        if clock > crew_call + day_ms:
            notes.append(
                f"day {index + 1} runs {round((clock - crew_call - day_ms) / _MINUTE_MS)} min over a {hours_per_day}-hour day"
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
                call = max(crew_call, starts[own[0]] - CAST_LEAD_MIN * _MINUTE_MS)
            calls.append(CastCall(name=name, number=numbers[name], code=code, call_ms=call, scenes=own))
        checks = limit_notes(
            index + 1,
            members,
            timed,
            calls,
            limits,
            crew_call=crew_call,
            rest_ms=None if previous_wrap is None or not previous_night else 86_400_000 + crew_call - previous_wrap,
        )
        notes.extend(f"day {index + 1}: {line.partition(': ')[2]}" for line in checks if line.startswith("over_limit"))
        shoot_days.append(
            ShootDay(
                day=index + 1,
                crew_call_ms=crew_call,
                wrap_ms=clock,
                locations=list(dict.fromkeys(s.location for s in members)),
                scenes=timed,
                cast=calls,
                eighths=sum(s.eighths for s in members),
                notes=checks + day_notes(members),
            )
        )
        previous_wrap, previous_night = clock, any(s.night for s in members)
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


def _crew_call(members: list[BreakdownScene], limits: Limits) -> int:
    """The crew call: 07:00, or later on a day with night scenes when the turnaround is enforced, so that
    the day part ends as night falls (the night block starts at dusk)."""
    if not limits.turnaround_hours or not any(s.night for s in members):
        return CREW_CALL_MS
    day_part, set_up = 0, set()
    for scene in members:
        if scene.location not in set_up:  # the first night location is lit before dark too
            day_part += LOCATION_SETUP_MIN * _MINUTE_MS
            set_up.add(scene.location)
        if scene.night:
            break
        day_part += scene.shoot_ms
    return max(CREW_CALL_MS, DUSK_MS - day_part)


def _span(ms: int) -> str:
    minutes = round(ms / _MINUTE_MS)
    return f"{minutes // 60} h {minutes % 60:02d} min"


def limit_notes(
    day: int,
    members: list[BreakdownScene],
    timed: list[ScheduledScene],
    calls: list[CastCall],
    limits: Limits,
    *,
    crew_call: int,
    rest_ms: int | None,
) -> list[str]:
    """The day's limits as call-sheet notes ("key: text"): child performers' hours, the rest since a
    night wrap, company moves against their cap, a closed location; "over_limit" for each one broken."""
    out: list[str] = []
    broken: list[str] = []
    ends = {t.scene: t.start_ms + t.duration_ms for t in timed}
    for call in calls:
        if call.name not in limits.constraints.children or not call.scenes or call.call_ms is None:
            continue
        on_set = max(ends[s] for s in call.scenes) - call.call_ms
        out.append(
            f"child: {call.name} {clock(call.call_ms)}-{clock(call.call_ms + on_set)}, {_span(on_set)} "
            f"(limit {limits.child_hours} h)"
        )
        if on_set > limits.child_hours * 3_600_000:
            broken.append(f"{call.name} (child) is on set {_span(on_set)}, over the {limits.child_hours}-hour limit")
    if limits.turnaround_hours and rest_ms is not None:
        out.append(f"turnaround: {_span(rest_ms)} since the night wrap (minimum {limits.turnaround_hours} h)")
        if rest_ms < limits.turnaround_hours * 3_600_000:
            broken.append(
                f"only {_span(rest_ms)} rest before the {clock(crew_call)} call after a night wrap "
                f"(minimum {limits.turnaround_hours} h)"
            )
    places = list(dict.fromkeys(s.location for s in members))
    if limits.max_locations_per_day:
        out.append(f"moves: {max(0, len(places) - 1)} (at most {limits.max_locations_per_day - 1})")
        if len(places) > limits.max_locations_per_day:
            broken.append(f"{len(places)} locations, over the limit of {limits.max_locations_per_day} a day")
    for place in places:
        if day in limits.constraints.closed.get(place, frozenset()):
            scenes = ", ".join(s.id for s in members if s.location == place)
            broken.append(f"{place} is closed on day {day} but is booked for {scenes}")
    return [f"over_limit: {line}" for line in broken] + out


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
