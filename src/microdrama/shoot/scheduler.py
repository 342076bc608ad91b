"""Whole-shoot scheduling: scenes onto days with CP-SAT and a large-neighbourhood search, days ordered exactly.

The model (one boolean per scene and allowed day) minimises actor paid days plus company moves:

* every scene on exactly one day its whole cast is available; day capacity in minutes, and
  optionally a night-block capacity;
* one boolean per actor and possible paid stretch [first, last] (at least as long as their minutes
  need); a scene may only be on a day every stretch of its cast covers, so spans are exact;
* ``uses[l][d]`` when location ``l`` is shot on day ``d``; moves = location-days minus busy days;
* aggregated capacity links (minutes of an actor or location on a day <= capacity x indicator)
  tighten the linear relaxation.

The search starts from location blocks ordered by the exact talent solver and cut into days, runs
CP-SAT on the whole model for a fifth of the effort, then a large-neighbourhood search that
re-solves two days, or the scenes of two locations, at a time with everything else fixed (a small
model of the free scenes only, so a 600-scene shoot costs no more per step than a 60-scene one);
effort the neighbourhoods leave goes back to the whole model. Every model gets a complete hint.
CP-SAT runs on one worker with a fixed seed and a *deterministic* time limit, so the same problem
gives the same plan on every run. The days are re-ordered optimally for the talent cost with
:mod:`microdrama.shoot.exact` (days are its "scenes"; the exact orderings get fewer states as
they grow, see :func:`node_budget`). The plan always carries a lower bound: the best of CP-SAT's,
the location-split bound and the grouped-scene bound of :mod:`microdrama.shoot.bounds`
(the latter, tried on small shoots only, proves them optimal; on 300 scenes it stays below the
split bound in any effort we can afford).
"""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from microdrama.shoot.bounds import grouped_bound, grouped_size, location_split_bound
from microdrama.shoot.cpsat import deterministic_solver
from microdrama.shoot.exact import solve_talent
from microdrama.shoot.shoot_model import (
    ShootPlan,
    ShootPlanningError,
    ShootProblem,
    day_fits,
    evaluate,
    plan_feasible,
    short_turnarounds,
)
from microdrama.shoot.talent import TalentInstance


def greedy_days(problem: ShootProblem) -> list[list[int]] | None:
    """First-fit of scenes grouped by location (biggest groups first); None when it fails."""
    cap = problem.minutes_per_day
    night_cap = problem.night_minutes_per_day
    load = [0] * problem.days
    night_load = [0] * problem.days
    places: list[set[str]] = [set() for _ in range(problem.days)]
    days: list[list[int]] = [[] for _ in range(problem.days)]
    by_location: dict[str, list[int]] = {}
    for i, scene in enumerate(problem.scenes):
        by_location.setdefault(scene.location, []).append(i)
    groups = sorted(by_location.items(), key=lambda kv: (-sum(problem.scenes[i].minutes for i in kv[1]), kv[0]))
    cursor = 0
    for _, members in groups:
        for i in sorted(members, key=lambda i: (problem.scenes[i].cast, i)):
            scene = problem.scenes[i]
            allowed = set(problem.allowed_days(scene))
            placed = False
            for step in range(problem.days):
                d = (cursor + step) % problem.days
                setup = 0 if scene.location in places[d] else problem.setup_minutes
                if d not in allowed or load[d] + setup + scene.minutes > cap:
                    continue
                if scene.night and night_cap is not None and night_load[d] + scene.minutes > night_cap:
                    continue
                if _has_limits(problem) and not day_fits(problem, days[d] + [i]):
                    continue
                days[d].append(i)
                load[d] += scene.minutes + setup
                places[d].add(scene.location)
                if scene.night:
                    night_load[d] += scene.minutes
                cursor = d
                placed = True
                break
            if not placed:
                return None
    return days


def _has_limits(problem: ShootProblem) -> bool:
    """Per-day limits beyond minutes and the night cap (child performers, locations per day)?"""
    return bool(problem.child_minutes) or problem.max_locations is not None


def sequence_days(problem: ShootProblem) -> list[list[int]] | None:
    """Order locations with the exact talent solver (a location = one block), then cut into days.

    Each location is a "scene" whose duration is its minutes and whose cast is everyone it needs; the
    optimal block order keeps actors' first-to-last stretch short. Inside a block, scenes with the same
    cast stay together. Days are filled in that order up to capacity (night cap and availability
    respected by moving to the next day; None when that runs out of days).
    """
    locations = problem.locations
    cast_at = {l: {a for s in problem.scenes if s.location == l for a in s.cast} for l in locations}
    instance = TalentInstance(
        name="locations",
        durations=tuple(sum(s.minutes for s in problem.scenes if s.location == l) for l in locations),
        costs=tuple(problem.cost_of(a) for a in problem.actors),
        plays=tuple(tuple(a in cast_at[l] for l in locations) for a in problem.actors),
    )
    # the Python search: these instances are small, and it keeps the plan byte-stable across versions
    order = solve_talent(instance, node_limit=node_budget(instance, 100_000), compiled=False).order
    sequence: list[int] = []
    for index in order:
        here = [i for i, s in enumerate(problem.scenes) if s.location == locations[index]]
        sequence.extend(sorted(here, key=lambda i: (problem.scenes[i].cast, i)))
    days: list[list[int]] = [[] for _ in range(problem.days)]
    day, load, night_load = 0, 0, 0
    places: set[str] = set()
    night_cap = problem.night_minutes_per_day
    for i in sequence:
        scene = problem.scenes[i]
        allowed = problem.allowed_days(scene)

        def fits(d: int, load: int, night_load: int, places: set[str]) -> bool:
            setup = 0 if scene.location in places else problem.setup_minutes
            if d not in allowed or load + setup + scene.minutes > problem.minutes_per_day:
                return False
            if scene.night and night_cap is not None and night_load + scene.minutes > night_cap:
                return False
            return not _has_limits(problem) or day_fits(problem, days[d] + [i])

        while day < problem.days and not fits(day, load, night_load, places):
            day, load, night_load, places = day + 1, 0, 0, set()
        if day >= problem.days:
            return None
        days[day].append(i)
        load += scene.minutes + (0 if scene.location in places else problem.setup_minutes)
        places.add(scene.location)
        if scene.night:
            night_load += scene.minutes
    return days


def solve_shoot(problem: ShootProblem, *, deterministic_time: float = 20.0) -> ShootPlan:
    """Place every scene on a day, minimising paid actor-days and company moves; report a bound."""
    for scene in problem.scenes:
        if not problem.allowed_days(scene):
            raise ShootPlanningError(
                f"scene {scene.key}: no day on which its whole cast ({', '.join(scene.cast)}) is free"
            )
    if not problem.scenes:
        return ShootPlan(
            days=tuple(() for _ in range(problem.days)), cost=0, talent_cost=0, moves=0, lower_bound=0, solver="empty"
        )
    candidates = [
        d for d in (sequence_days(problem), greedy_days(problem)) if d is not None and plan_feasible(problem, d)
    ]
    hint = min(candidates, key=lambda d: evaluate(problem, d)[0]) if candidates else None
    days, bound, status = _cp_sat(problem, hint, deterministic_time * GLOBAL_SHARE)
    if days is not None and hint is not None and evaluate(problem, hint)[0] < evaluate(problem, days)[0]:
        days, status = hint, status + " (hint kept)"
    if days is None:
        if hint is None:
            raise ShootPlanningError(
                f"no feasible plan found for {len(problem.scenes)} scenes in {problem.days} days of "
                f"{problem.minutes_per_day} min; add days or hours"
            )
        days, status = hint, "greedy"
    if not problem.availability and not problem.location_days:
        days = _order_days(problem, days)
    if status != "cp-sat optimal":
        improved, used = improve_day_pairs(problem, days, deterministic_time * (1 - GLOBAL_SHARE))
        if evaluate(problem, improved)[0] < evaluate(problem, days)[0]:
            days, status = improved, status + " + LNS"
            if not problem.availability and not problem.location_days:
                days = _order_days(problem, days)
        # effort the neighbourhoods did not need goes back to the whole model, started from the best plan
        left = deterministic_time * (1 - GLOBAL_SHARE) - used
        if left >= 1.0:
            again, bound_again, status_again = _cp_sat(problem, days, left)
            bound = max(bound, bound_again)
            if again is not None and evaluate(problem, again)[0] < evaluate(problem, days)[0]:
                days, status = again, status_again
                if not problem.availability and not problem.location_days:
                    days = _order_days(problem, days)
            elif status_again == "cp-sat optimal":
                status = "cp-sat optimal"
    days = [order_within_day(problem, scenes) for scenes in days]
    cost, talent, moves = evaluate(problem, days)
    lower = min(cost, max(bound, location_split_bound(problem)))
    if lower < cost and grouped_size(problem) <= GROUPED_BOUND_LIMIT:
        lower = min(
            cost, max(lower, grouped_bound(problem, hint=days, deterministic_time=deterministic_time * BOUND_SHARE))
        )
    return ShootPlan(
        days=tuple(tuple(d) for d in days), cost=cost, talent_cost=talent, moves=moves, lower_bound=lower, solver=status
    )


#: deterministic seconds given to one day-pair sub-problem of the large-neighbourhood search
PAIR_TIME = 0.25
#: share of the search effort given to the whole model before the day-pair search
GLOBAL_SHARE = 0.2
#: effort (as a share of the search effort, spent on top of it) for the grouped-scene lower bound
BOUND_SHARE = 0.1
#: group-days (see :func:`grouped_size`) beyond which the grouped bound does not reach the split bound
#: in that effort (measured with ``benchmarks/talent.py --diagnose`` and ``--shoot-only``): not tried
GROUPED_BOUND_LIMIT = 400


def improve_day_pairs(
    problem: ShootProblem, days: list[list[int]], deterministic_time: float
) -> tuple[list[list[int]], float]:
    """Large-neighbourhood search: re-solve part of the plan exactly with CP-SAT, the rest fixed.

    Two neighbourhoods, visited in a fixed order: two days (their scenes may trade places), and the
    scenes of two locations that share cast (they may go to any day). Each part is a small model of
    its own scenes (:func:`_solve_part`), charged the deterministic time CP-SAT reports, at most
    ``PAIR_TIME``. Rounds repeat until one improves nothing or ``deterministic_time`` is spent.
    Returns the best plan (never worse than ``days``) and the deterministic time used.
    """
    best = [list(d) for d in days]
    best_cost = evaluate(problem, best)[0]
    used = 0.0
    day_pairs = [frozenset((a, b)) for a in range(problem.days) for b in range(a + 1, problem.days)]
    neighbourhoods: list[tuple[str, frozenset[int] | frozenset[str]]] = [("days", p) for p in day_pairs]
    neighbourhoods += [("locations", p) for p in _location_pairs(problem)]
    while used < deterministic_time:
        improved = False
        for kind, part in neighbourhoods:
            if used >= deterministic_time:
                break
            if kind == "days":
                free = {i for d in part for i in best[d]}  # type: ignore[index]
                free_days: frozenset[int] | None = part  # type: ignore[assignment]
            else:
                free = {i for members in best for i in members if problem.scenes[i].location in part}
                free_days = None
            found, spent = _solve_part(problem, best, free, free_days, min(PAIR_TIME, deterministic_time - used))
            used += spent
            if found is not None and evaluate(problem, found)[0] < best_cost and plan_feasible(problem, found):
                best, best_cost, improved = found, evaluate(problem, found)[0], True
        if not improved:
            break
    return best, min(used, deterministic_time)


def resolve_days(
    problem: ShootProblem, plan: list[list[int]], open_days: frozenset[int], deterministic_time: float
) -> list[list[int]] | None:
    """The scenes of ``open_days`` re-placed among those days (CP-SAT, every other day fixed); None
    when nothing was found in ``deterministic_time``. What a re-plan uses to make the days it must
    change anyway as cheap as they can be."""
    free = {i for d in open_days for i in plan[d]}
    return _solve_part(problem, plan, free, open_days, deterministic_time)[0]


def _solve_part(
    problem: ShootProblem,
    plan: list[list[int]],
    free: set[int],
    free_days: frozenset[int] | None,
    deterministic_time: float,
) -> tuple[list[list[int]] | None, float]:
    """Re-place the ``free`` scenes (on ``free_days``, or any day) with the rest of ``plan`` fixed.

    Only the free scenes get variables: fixed scenes become used minutes, fixed paid days (an
    actor's stretch must cover the days they already work) and locations already set up. Small,
    so a neighbourhood costs milliseconds even on a 600-scene shoot. Returns the new plan (None when
    CP-SAT finds nothing) and the deterministic time spent.
    """
    scenes = problem.scenes
    cap = problem.minutes_per_day
    setup = problem.setup_minutes
    n_days = problem.days
    day_of = {i: d for d, members in enumerate(plan) for i in members}
    used_minutes = [0] * n_days
    night_minutes = [0] * n_days
    set_up: list[set[str]] = [set() for _ in range(n_days)]
    works: dict[str, set[int]] = {}
    for i, d in day_of.items():
        if i in free:
            continue
        scene = scenes[i]
        used_minutes[d] += scene.minutes
        night_minutes[d] += scene.minutes if scene.night else 0
        set_up[d].add(scene.location)
        for actor in scene.cast:
            works.setdefault(actor, set()).add(d)
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    uses: dict[tuple[str, int], cp_model.IntVar] = {}
    for i in sorted(free):
        allowed = [d for d in problem.allowed_days(scenes[i]) if free_days is None or d in free_days]
        for d in allowed:
            x[i, d] = model.NewBoolVar(f"x{i}_{d}")
            model.AddHint(x[i, d], int(day_of[i] == d))
            location = scenes[i].location
            if location not in set_up[d]:
                if (location, d) not in uses:
                    uses[location, d] = model.NewBoolVar(f"u{location}_{d}")
                model.AddImplication(x[i, d], uses[location, d])
        model.AddExactlyOne(x[i, d] for d in allowed)
    for d in range(n_days):
        here = [(i, v) for (i, day), v in x.items() if day == d]
        if not here:
            continue
        setups = setup * (len(set_up[d]) + sum(v for (_, day), v in uses.items() if day == d))
        model.Add(sum(scenes[i].minutes * v for i, v in here) + setups <= cap - used_minutes[d])
        if problem.night_minutes_per_day is not None:
            night = [(i, v) for i, v in here if scenes[i].night]
            model.Add(sum(scenes[i].minutes * v for i, v in night) <= problem.night_minutes_per_day - night_minutes[d])
        for child, limit in problem.child_minutes:
            fixed_child = sum(scenes[i].minutes for i in plan[d] if i not in free and child in scenes[i].cast)
            model.Add(sum(scenes[i].minutes * v for i, v in here if child in scenes[i].cast) <= limit - fixed_child)
        if problem.max_locations is not None:
            model.Add(len(set_up[d]) + sum(v for (_, day), v in uses.items() if day == d) <= problem.max_locations)
    objective = []
    for actor in problem.actors:
        mine = [i for i in sorted(free) if actor in scenes[i].cast]
        if not mine:
            continue  # their pay does not change
        fixed_days = works.get(actor, set())
        low, high = (min(fixed_days), max(fixed_days)) if fixed_days else (n_days, -1)
        hinted = {day_of[i] for i in mine} | fixed_days
        stretch = {
            (first, last): model.NewBoolVar(f"z{actor}_{first}_{last}")
            for first in range(min(low, n_days - 1) + 1)
            for last in range(max(high, first), n_days)
        }
        model.AddExactlyOne(stretch.values())
        for key, v in stretch.items():
            model.AddHint(v, int(key == (min(hinted), max(hinted))))
        for (i, d), v in x.items():
            if actor in scenes[i].cast:
                model.Add(v <= sum(z for (first, last), z in stretch.items() if first <= d <= last))
        objective.append(problem.cost_of(actor) * sum((last - first + 1) * z for (first, last), z in stretch.items()))
    opened = []
    for d in range(n_days):
        if set_up[d]:
            continue  # the day is shot anyway: every new location on it is a move
        new_here = [v for (_, day), v in uses.items() if day == d]
        if new_here:
            busy = model.NewBoolVar(f"busy{d}")
            model.Add(busy <= sum(new_here))
            model.AddHint(busy, int(any(day_of[i] == d for i in free)))
            opened.append(busy)
    for (location, d), v in uses.items():
        model.AddHint(v, int(any(day_of[i] == d and scenes[i].location == location for i in free)))
    model.Minimize(sum(objective) + problem.move_cost * (sum(uses.values()) - sum(opened)))
    solver = deterministic_solver(deterministic_time)
    status = solver.Solve(model)
    spent = solver.deterministic_time
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, spent
    result: list[list[int]] = [[i for i in members if i not in free] for members in plan]
    for (i, d), v in sorted(x.items()):
        if solver.Value(v):
            result[d].append(i)
    return result, spent


def _location_pairs(problem: ShootProblem, limit: int = 40) -> list[frozenset[str]]:
    """Pairs of locations whose scenes share the most paid cast, strongest first (at most ``limit``)."""
    cast_at: dict[str, dict[str, int]] = {}
    for scene in problem.scenes:
        row = cast_at.setdefault(scene.location, {})
        for actor in scene.cast:
            row[actor] = row.get(actor, 0) + scene.minutes
    scored = []
    for a_index, a in enumerate(problem.locations):
        for b in problem.locations[a_index + 1 :]:
            shared = sum(problem.cost_of(x) * min(m, cast_at[b].get(x, 0)) for x, m in cast_at[a].items())
            if shared:
                scored.append((-shared, a, b))
    scored.sort()
    return [frozenset((a, b)) for _, a, b in scored[:limit]]


def _cp_sat(
    problem: ShootProblem,
    hint: list[list[int]] | None,
    deterministic_time: float,
    *,
    fixed: dict[int, int] | None = None,
    free_days: frozenset[int] | None = None,
) -> tuple[list[list[int]] | None, int, str]:
    """Solve the day-assignment model; ``fixed`` pins scenes to days, the others may only use ``free_days``."""
    model = cp_model.CpModel()
    cap = problem.minutes_per_day
    n_days = problem.days
    scenes = problem.scenes
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    hint_day = {i: d for d, members in enumerate(hint) for i in members} if hint is not None else {}
    hinted: list[tuple[cp_model.IntVar, int]] = []
    for i, scene in enumerate(scenes):
        allowed = problem.allowed_days(scene)
        if fixed is not None and i in fixed:
            allowed = (fixed[i],)
        elif free_days is not None:
            allowed = tuple(d for d in allowed if d in free_days)
        for d in allowed:
            x[i, d] = model.NewBoolVar(f"x{i}_{d}")
            if i in hint_day:
                hinted.append((x[i, d], int(hint_day[i] == d)))
        model.AddExactlyOne(x[i, d] for d in allowed)
    for d in range(n_days):
        on_day = [(i, x[i, d]) for i in range(len(scenes)) if (i, d) in x]
        model.Add(sum(scenes[i].minutes * v for i, v in on_day) <= cap)
        if problem.night_minutes_per_day is not None:
            model.Add(sum(scenes[i].minutes * v for i, v in on_day if scenes[i].night) <= problem.night_minutes_per_day)
    objective = []
    for actor in problem.actors:
        own = [i for i, s in enumerate(scenes) if actor in s.cast]
        minutes = sum(scenes[i].minutes for i in own)
        shortest = max(1, math.ceil(minutes / (cap - problem.setup_minutes)))
        # one boolean per possible paid stretch [first, last]: a tight LP, and spans are exact
        stretch = {
            (first, last): model.NewBoolVar(f"z{actor}_{first}_{last}")
            for first in range(n_days)
            for last in range(first + shortest - 1, n_days)
        }
        model.AddExactlyOne(stretch.values())
        worked = [hint_day[i] for i in own if i in hint_day]
        hinted_stretch = (min(worked), max(worked)) if worked and len(worked) == len(own) else None
        if hinted_stretch in stretch:
            hinted.extend((v, int(key == hinted_stretch)) for key, v in stretch.items())
        for d in range(n_days):
            # one literal per actor and day: "paid on d"; scenes link to it with two-term constraints
            cover = model.NewBoolVar(f"c{actor}_{d}")
            model.Add(cover == sum(v for (first, last), v in stretch.items() if first <= d <= last))
            if hinted_stretch in stretch:
                hinted.append((cover, int(hinted_stretch[0] <= d <= hinted_stretch[1])))
            for i in own:
                if (i, d) in x:
                    model.AddImplication(x[i, d], cover)
            model.Add(sum(scenes[i].minutes * x[i, d] for i in own if (i, d) in x) <= cap * cover)
        objective.append(problem.cost_of(actor) * sum((last - first + 1) * v for (first, last), v in stretch.items()))
    busy = [model.NewBoolVar(f"busy{d}") for d in range(n_days)]
    if hint is not None:
        hinted.extend((busy[d], int(bool(hint[d]))) for d in range(n_days))
    location_days = []
    for location in problem.locations:
        here_scenes = [i for i, s in enumerate(scenes) if s.location == location]
        uses = [model.NewBoolVar(f"u{location}_{d}") for d in range(n_days)]
        if hint is not None:
            hinted.extend((uses[d], int(any(hint_day.get(i) == d for i in here_scenes))) for d in range(n_days))
        for d in range(n_days):
            for i in here_scenes:
                if (i, d) in x:
                    model.AddImplication(x[i, d], uses[d])
            model.Add(sum(scenes[i].minutes * x[i, d] for i in here_scenes if (i, d) in x) <= cap * uses[d])
        minutes = sum(scenes[i].minutes for i in here_scenes)
        model.Add(sum(uses) >= max(1, math.ceil(minutes / (cap - problem.setup_minutes))))
        location_days.append(uses)
    _add_limits(model, problem, x, location_days)
    for d in range(n_days):
        model.Add(busy[d] <= sum(uses[d] for uses in location_days))
        if problem.setup_minutes:
            on_day = [(i, x[i, d]) for i in range(len(scenes)) if (i, d) in x]
            setups = problem.setup_minutes * sum(uses[d] for uses in location_days)
            model.Add(sum(scenes[i].minutes * v for i, v in on_day) + setups <= cap)
    moves = sum(u for uses in location_days for u in uses) - sum(busy)
    model.Minimize(sum(objective) + problem.move_cost * moves)
    # a complete hint (every variable, not just the scene days) lets CP-SAT start from the plan at once
    for var, value in hinted:
        model.AddHint(var, value)
    solver = deterministic_solver(deterministic_time)
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, 0, solver.StatusName(status).lower()
    days: list[list[int]] = [[] for _ in range(n_days)]
    for (i, d), var in sorted(x.items()):
        if solver.Value(var):
            days[d].append(i)
    bound = math.ceil(solver.BestObjectiveBound() - 1e-6)
    return days, bound, "cp-sat optimal" if status == cp_model.OPTIMAL else "cp-sat"


def _add_limits(
    model: cp_model.CpModel,
    problem: ShootProblem,
    x: dict[tuple[int, int], cp_model.IntVar],
    location_days: list[list[cp_model.IntVar]],
) -> None:
    """The line producer's limits on the whole model: child performers' minutes, locations per day,
    and the night work allowed before a day call (see ``ShootProblem``)."""
    scenes = problem.scenes
    for d in range(problem.days):
        on_day = [(i, v) for (i, day), v in x.items() if day == d]
        for child, limit in problem.child_minutes:
            model.Add(sum(scenes[i].minutes * v for i, v in on_day if child in scenes[i].cast) <= limit)
        if problem.max_locations is not None:
            model.Add(sum(uses[d] for uses in location_days) <= problem.max_locations)
    limit = problem.night_before_day_call
    if limit is None:
        return
    longest = problem.minutes_per_day
    for d in range(problem.days - 1):
        night = [(i, v) for (i, day), v in x.items() if day == d and scenes[i].night]
        later = [v for (i, day), v in x.items() if day == d + 1 and not scenes[i].night]
        if not night or not later:
            continue
        day_call = model.NewBoolVar(f"daycall{d + 1}")
        for v in later:
            model.AddImplication(v, day_call)
        model.Add(sum(scenes[i].minutes * v for i, v in night) <= limit + (longest - limit) * (1 - day_call))


#: search states x scenes x actors the exact orderings may spend (about 10 s of Python on any size)
ORDER_WORK = 30_000_000


def node_budget(instance: TalentInstance, ceiling: int) -> int:
    """States the exact solver may visit: ``ceiling`` for small orderings, fewer as each state costs more.

    A state's cost grows with scenes x actors; 90 locations of 81 actors (a long novel) would
    otherwise spend most of ``plan-shoot`` proving an order that the search then changes anyway.
    """
    return max(2_000, min(ceiling, ORDER_WORK // max(1, instance.n_scenes * instance.n_actors)))


def _order_days(problem: ShootProblem, days: list[list[int]]) -> list[list[int]]:
    """Permute whole days to minimise paid actor-days: talent scheduling with days as scenes."""
    actors = problem.actors
    plays = tuple(tuple(any(actor in problem.scenes[i].cast for i in members) for members in days) for actor in actors)
    instance = TalentInstance(
        name="days",
        durations=tuple(1 for _ in days),
        costs=tuple(problem.cost_of(a) for a in actors),
        plays=plays,
    )
    solution = solve_talent(instance, node_limit=node_budget(instance, 200_000), compiled=False)
    reordered = [days[d] for d in solution.order]
    if evaluate(problem, reordered)[0] <= evaluate(problem, days)[0]:
        # keep empty days at the end of the shoot
        reordered = [d for d in reordered if d] + [d for d in reordered if not d]
        if not short_turnarounds(problem, reordered) or short_turnarounds(problem, days):
            return reordered
    return days


def order_within_day(problem: ShootProblem, members: list[int]) -> list[int]:
    """Day block before night block; inside a block, one visit per location; shared locations at the seam."""
    scenes = problem.scenes
    night_locations = {scenes[i].location for i in members if scenes[i].night}
    day_locations = {scenes[i].location for i in members if not scenes[i].night}

    def key(i: int) -> tuple[bool, int, str, str]:
        scene = scenes[i]
        location = scene.location
        if scene.night:
            seam = 0 if location in day_locations else 1
        else:
            seam = 1 if location in night_locations else 0
        return (scene.night, seam, location, scene.key)

    return sorted(members, key=key)
