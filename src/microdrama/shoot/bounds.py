"""Lower bounds on a shoot's cost, so every plan can say how far from optimal it may be.

The day-assignment model's linear relaxation is weak (every scene a fraction on every day), so the
bound CP-SAT proves stays near :func:`combinatorial_bound`. :func:`location_split_bound` is stronger:
it weighs, for every actor, the days their locations fill against the company moves it takes to
split a location over several days.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ortools.sat.python import cp_model

from microdrama.shoot.cpsat import deterministic_solver
from microdrama.shoot.shoot_model import ShootProblem


def combinatorial_bound(problem: ShootProblem) -> int:
    """Cost no plan can beat: each actor paid for the days their minutes need, each location likewise."""
    cap = problem.minutes_per_day - problem.setup_minutes  # every working day has at least one setup
    talent = 0
    for actor in problem.actors:
        minutes = sum(s.minutes for s in problem.scenes if actor in s.cast)
        talent += problem.cost_of(actor) * max(1, math.ceil(minutes / cap))
    location_days = 0
    for location in problem.locations:
        minutes = sum(s.minutes for s in problem.scenes if s.location == location)
        location_days += max(1, math.ceil(minutes / cap))
    busy_days = min(problem.days, len(problem.scenes))
    return talent + problem.move_cost * max(0, location_days - busy_days)


def location_split_bound(problem: ShootProblem, *, deterministic_time: float = 2.0) -> int:
    """A bound from actors' work days against split locations (never below :func:`combinatorial_bound`)."""
    return location_split(problem, deterministic_time=deterministic_time).bound


@dataclass(frozen=True)
class SplitBound:
    """:func:`location_split`'s bound and the relaxed plan behind it (what the bound thinks the shoot needs)."""

    bound: int
    work_days: dict[str, int]
    shot_days: dict[str, int]


def location_split(problem: ShootProblem, *, deterministic_time: float = 2.0) -> SplitBound:
    """The location-split bound with its solution: days each actor works, days each location is shot.

    In any plan, let ``w_a`` be the days actor ``a`` works and ``n_l`` the days location ``l`` is
    shot. A location shot on one day is shot on a day every actor in it works, so all of its minutes
    sit on those actors' days; a location split over several days leaves only the actor's own scenes
    there. Hence, for every actor, ``w_a x day >= sum over their locations of (minutes of l if n_l = 1,
    else their own minutes at l) + one setup per location``. Paid days are at least work days and
    moves are ``sum(n_l) - busy days``, so the cheapest ``(w, n)`` meeting these inequalities (solved
    exactly with CP-SAT, a few dozen integer variables) bounds the cost from below. Leads who appear
    at every location must work nearly every day unless locations are split, which costs moves: the
    trade-off the combinatorial bound misses.
    """
    if not problem.scenes:
        return SplitBound(0, {}, {})
    cap = problem.minutes_per_day
    setup = problem.setup_minutes
    n_days = problem.days
    location_minutes: Counter[str] = Counter()
    actor_minutes: Counter[str] = Counter()
    own_minutes: Counter[tuple[str, str]] = Counter()
    for scene in problem.scenes:
        location_minutes[scene.location] += scene.minutes
        for actor in scene.cast:
            actor_minutes[actor] += scene.minutes
            own_minutes[actor, scene.location] += scene.minutes
    model = cp_model.CpModel()
    shot_days = {}
    split = {}
    for location in problem.locations:
        least = max(1, math.ceil(location_minutes[location] / (cap - setup)))
        shot_days[location] = model.NewIntVar(least, max(least, n_days), f"n_{location}")
        split[location] = model.NewBoolVar(f"split_{location}")
        model.Add(shot_days[location] >= 2).OnlyEnforceIf(split[location])
        model.Add(shot_days[location] == 1).OnlyEnforceIf(split[location].Not())
    total = sum(location_minutes.values()) + setup * sum(shot_days.values())
    model.Add(total <= n_days * cap)
    work_days = {}
    for actor in problem.actors:
        places = [l for l in problem.locations if own_minutes[actor, l]]
        least = max(1, math.ceil(actor_minutes[actor] / (cap - setup)))
        work_days[actor] = model.NewIntVar(least, max(least, n_days), f"w_{actor}")
        filled = sum(location_minutes[l] - (location_minutes[l] - own_minutes[actor, l]) * split[l] for l in places)
        model.Add(cap * work_days[actor] >= filled + setup * len(places))
    busy_days = min(n_days, len(problem.scenes))
    talent = sum(problem.cost_of(a) * work_days[a] for a in problem.actors)
    model.Minimize(talent + problem.move_cost * (sum(shot_days.values()) - busy_days))
    solver = deterministic_solver(deterministic_time)
    status = solver.Solve(model)
    bound = combinatorial_bound(problem)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SplitBound(bound, {}, {})  # INFEASIBLE here means no plan fits at all; the caller reports that
    found = (
        round(solver.ObjectiveValue()) if status == cp_model.OPTIMAL else math.ceil(solver.BestObjectiveBound() - 1e-6)
    )
    return SplitBound(
        max(bound, found),
        {a: solver.Value(v) for a, v in work_days.items()},
        {l: solver.Value(v) for l, v in shot_days.items()},
    )


def grouped_size(problem: ShootProblem) -> int:
    """Integer variables of :func:`grouped_bound`'s model: scene groups (location, cast) x days."""
    return problem.days * len(
        {(s.location, s.cast, s.night and problem.night_minutes_per_day is not None) for s in problem.scenes}
    )


def grouped_bound(
    problem: ShootProblem, *, hint: list[list[int]] | None = None, deterministic_time: float = 5.0
) -> int:
    """A bound from the whole-shoot model with interchangeable scenes merged (and made divisible).

    Scenes with the same location, cast and day/night block are one *group*; a group's minutes may
    be split over days in any integer amounts (the only relaxation: a scene cannot really be split).
    Everything else is kept exact: every actor's paid stretch [first, last] is an integer choice and
    a group's minutes can only go on days its whole cast is paid and available, location-days pay
    a setup and a move, days have their capacity. On small shoots (about 60 groups x 4 days) CP-SAT
    (core-based search) proves this model's optimum, which met the proved shoot optimum wherever one
    was known; on 300 scenes x 8 days it stays near its linear relaxation (45-69 against the split
    bound's 93). Its proved bound is returned (it may be below :func:`location_split_bound` when CP-SAT runs out of time: take the maximum).
    ``hint`` (scene indices per day) only speeds the search up.
    """
    if not problem.scenes:
        return 0
    cap = problem.minutes_per_day
    setup = problem.setup_minutes
    n_days = problem.days
    windows = dict(problem.availability)
    nights = problem.night_minutes_per_day is not None  # without a night cap, day and night merge
    groups: dict[tuple[str, tuple[str, ...], bool], int] = Counter()
    hinted: Counter[tuple[tuple[str, tuple[str, ...], bool], int]] = Counter()
    for scene in problem.scenes:
        groups[scene.location, scene.cast, scene.night and nights] += scene.minutes
    if hint is not None:
        for d, members in enumerate(hint):
            for i in members:
                scene = problem.scenes[i]
                hinted[(scene.location, scene.cast, scene.night and nights), d] += scene.minutes
    model = cp_model.CpModel()
    cover: dict[tuple[str, int], cp_model.IntVar] = {}
    talent = []
    for actor in problem.actors:
        minutes = sum(s.minutes for s in problem.scenes if actor in s.cast)
        shortest = max(1, math.ceil(minutes / (cap - setup)))
        stretch = {
            (first, last): model.NewBoolVar(f"z{actor}_{first}_{last}")
            for first in range(n_days)
            for last in range(first + shortest - 1, n_days)
        }
        model.AddExactlyOne(stretch.values())
        if hint is not None:
            worked = [d for (key, d), m in hinted.items() if m and actor in key[1]] or [0]
            for key, v in stretch.items():
                model.AddHint(v, int(key == (min(worked), max(worked))))
        for d in range(n_days):
            cover[actor, d] = model.NewBoolVar(f"c{actor}_{d}")
            model.Add(cover[actor, d] == sum(v for (first, last), v in stretch.items() if first <= d <= last))
        talent.append(problem.cost_of(actor) * sum((last - first + 1) * v for (first, last), v in stretch.items()))
    uses = {(l, d): model.NewBoolVar(f"u{l}_{d}") for l in problem.locations for d in range(n_days)}
    on_day: dict[int, list[cp_model.IntVar]] = {d: [] for d in range(n_days)}
    at_night: dict[int, list[cp_model.IntVar]] = {d: [] for d in range(n_days)}
    for key, minutes in sorted(groups.items()):
        location, cast, night = key
        parts = []
        for d in range(n_days):
            if any(actor in windows and d not in windows[actor] for actor in cast):
                continue
            part = model.NewIntVar(0, minutes, f"y{location}_{'+'.join(cast)}_{int(night)}_{d}")
            if hint is not None:
                model.AddHint(part, hinted[key, d])
            model.Add(part == 0).OnlyEnforceIf(uses[location, d].Not())
            for actor in cast:
                model.Add(part == 0).OnlyEnforceIf(cover[actor, d].Not())
            parts.append(part)
            on_day[d].append(part)
            if night:
                at_night[d].append(part)
        model.Add(sum(parts) == minutes)
    location_minutes: Counter[str] = Counter()
    for (location, _, _), minutes in groups.items():
        location_minutes[location] += minutes
    busy = []
    for d in range(n_days):
        here = [uses[l, d] for l in problem.locations]
        model.Add(sum(on_day[d]) + setup * sum(here) <= cap)
        if problem.night_minutes_per_day is not None:
            model.Add(sum(at_night[d]) <= problem.night_minutes_per_day)
        busy.append(model.NewBoolVar(f"busy{d}"))
        model.Add(busy[d] <= sum(here))
    for location in problem.locations:
        least = max(1, math.ceil(location_minutes[location] / (cap - setup)))
        model.Add(sum(uses[location, d] for d in range(n_days)) >= least)
    if hint is not None:
        for (l, d), v in uses.items():
            model.AddHint(v, int(any(m and key[0] == l and day == d for (key, day), m in hinted.items())))
        for d in range(n_days):
            model.AddHint(busy[d], int(bool(hint[d])))
    model.Minimize(sum(talent) + problem.move_cost * (sum(uses.values()) - sum(busy)))
    solver = deterministic_solver(deterministic_time)
    # core-based search raises the bound by itself; the default search mostly looks for plans
    solver.parameters.optimize_with_core = True
    status = solver.Solve(model)
    if status == cp_model.OPTIMAL:
        return round(solver.ObjectiveValue())
    if status == cp_model.FEASIBLE or status == cp_model.UNKNOWN:
        return max(0, math.ceil(solver.BestObjectiveBound() - 1e-6))
    return 0
