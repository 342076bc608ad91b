"""Lower bounds on a shoot's cost, so every plan can say how far from optimal it may be.

The day-assignment model's linear relaxation is weak (every scene a fraction on every day), so the
bound CP-SAT proves stays near :func:`combinatorial_bound`. :func:`location_split_bound` is stronger:
it weighs, for every actor, the days their locations fill against the company moves it takes to
split a location over several days.
"""

from __future__ import annotations

import math
from collections import Counter

from ortools.sat.python import cp_model

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
    """A bound from actors' work days against split locations (never below :func:`combinatorial_bound`).

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
        return 0
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
        filled = sum(
            location_minutes[l] - (location_minutes[l] - own_minutes[actor, l]) * split[l] for l in places
        )
        model.Add(cap * work_days[actor] >= filled + setup * len(places))
    busy_days = min(n_days, len(problem.scenes))
    talent = sum(problem.cost_of(a) * work_days[a] for a in problem.actors)
    model.Minimize(talent + problem.move_cost * (sum(shot_days.values()) - busy_days))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = deterministic_time
    solver.parameters.max_time_in_seconds = max(10.0, 4 * deterministic_time)
    status = solver.Solve(model)
    bound = combinatorial_bound(problem)
    if status == cp_model.OPTIMAL:
        return max(bound, round(solver.ObjectiveValue()))
    if status == cp_model.FEASIBLE:
        return max(bound, math.ceil(solver.BestObjectiveBound() - 1e-6))
    return bound  # INFEASIBLE here means no plan fits at all; the caller reports that
