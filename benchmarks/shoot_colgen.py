"""Why the whole-shoot bound is not a day-pattern (Dantzig-Wolfe) bound: column generation on the target shoot.

Run from the repository root::

    .venv/bin/python benchmarks/shoot_colgen.py [--iterations 300] [--smoothing 0.8] [--pricing-seconds 2]

The relaxation is the shoot without day order (an actor is paid for the days they work, the plan's
idle days aside; 4 of the 140 of our plan): choose at most ``days`` day patterns (sets of scenes
that fit a day) covering every scene, a pattern costing its actors' day rates plus a move per
location after the first. Its linear relaxation is the strongest bound of this family, and the
columns are found by *pricing*: a knapsack with set-ups (a scene brings its cast and location).
Any scene prices ``pi >= 0`` give the Lagrangian bound ``sum(pi) + days x min(0, least reduced
cost)``, valid when the least reduced cost is bounded from below (CP-SAT's proved bound).

The table shows the master's value (an upper estimate of the relaxation), the Lagrangian bound
(proved, from CP-SAT's bound on the pricing) and the *estimate* from the best pattern found (not a
bound when the pricing stops early), and the seconds spent pricing. Pricing at the master's extreme
duals is quick but the bound stays negative (degenerate master); with Wentges smoothing the duals
spread over many scenes and one exact pricing takes seconds. With short pricing (``--pricing-seconds
0.1 --iterations 2500 --budget 600``) the estimate climbs past the master's value, which shows the
pricing misses patterns: the duals it ends with are certified at the end by one exact pricing with
HiGHS. The last lines time an exact pricing at duals that share every actor's and location's day
cost over its minutes.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time

import numpy as np
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--smoothing", type=float, default=0.8, help="Wentges smoothing factor (0 = plain Kelley)")
    parser.add_argument("--pricing-seconds", type=float, default=2.0, help="CP-SAT time per pricing problem")
    parser.add_argument("--budget", type=float, default=120.0, help="stop after this many seconds")
    parser.add_argument("--every", type=int, default=10, help="print every this many iterations")
    parser.add_argument("--search", type=float, default=30.0, help="effort of the plan that seeds the columns")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from microdrama.shoot.generate import generate_shoot
    from microdrama.shoot.scheduler import solve_shoot

    problem = generate_shoot()
    plan = solve_shoot(problem, deterministic_time=args.search)
    print(f"target shoot: plan cost {plan.cost}, reported bound {plan.lower_bound}")
    colgen = ColumnGeneration(problem, [sorted(d) for d in plan.days])
    print(
        f"{'iter':>5s} {'columns':>7s} {'master':>7s} {'bound':>7s} {'best':>7s} {'estimate':>8s} {'best est':>8s} "
        f"{'pricing s':>9s} {'wall s':>7s}"
    )
    started = time.perf_counter()
    best = best_estimate = -math.inf
    stable = [0.0] * len(problem.scenes)
    pricing = 0.0
    for iteration in range(args.iterations):
        master, duals = colgen.solve_master()
        t = time.perf_counter()
        added = False
        for at in ([args.smoothing * s + (1 - args.smoothing) * d for s, d in zip(stable, duals)], duals):
            column, least = colgen.price(at, args.pricing_seconds)
            bound = sum(at) + problem.days * min(0.0, least)  # proved: least is CP-SAT's bound
            estimate = sum(at) + problem.days * min(0.0, colgen.cost(column) - sum(at[i] for i in column))
            best = max(best, bound)
            if estimate > best_estimate:
                best_estimate, stable = estimate, at
            added = colgen.add(column, duals)
            if added or not args.smoothing:
                break  # otherwise a mispricing: price again at the master's own duals
        pricing += time.perf_counter() - t
        wall = time.perf_counter() - started
        if iteration % args.every == 0 or not added or wall > args.budget:
            print(
                f"{iteration:5d} {len(colgen.columns):7d} {master:7.2f} {bound:7.2f} {best:7.2f} {estimate:8.2f} "
                f"{best_estimate:8.2f} {pricing:9.1f} {wall:7.1f}",
                flush=True,
            )
        if not added or wall > args.budget:
            break
    t = time.perf_counter()
    value = colgen.price_highs(stable)
    print(
        f"certified at the best-estimate duals (exact pricing with HiGHS, {time.perf_counter() - t:.1f} s): "
        f"bound {sum(stable) - problem.days * max(0.0, value):.2f}"
    )
    minutes_share = [
        s.minutes / problem.minutes_per_day * (sum(problem.cost_of(a) for a in s.cast) + problem.move_cost)
        for s in problem.scenes
    ]
    for factor in (2.0, 3.0):
        t = time.perf_counter()
        value = colgen.price_highs([factor * p for p in minutes_share])
        print(
            f"exact pricing with HiGHS at {factor:g}x the cost shares: best pattern value {value:.2f}, {time.perf_counter() - t:.2f} s"
        )
    return 0


class ColumnGeneration:
    """Restricted master (GLOP) over day patterns and exact pricing (CP-SAT or HiGHS)."""

    def __init__(self, problem, start: list[list[int]]) -> None:  # type: ignore[no-untyped-def]
        self.problem = problem
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self.cover = [self.lp.Constraint(1, self.lp.infinity()) for _ in problem.scenes]
        self.day_count = self.lp.Constraint(-self.lp.infinity(), problem.days)
        self.objective = self.lp.Objective()
        self.objective.SetMinimization()
        self.columns: set[tuple[int, ...]] = set()
        for members in start:
            self.add(members, None)

    def cost(self, members) -> int:  # type: ignore[no-untyped-def]
        """A pattern's actors' day rates plus a move for every location after the first."""
        scenes = self.problem.scenes
        actors = {a for i in members for a in scenes[i].cast}
        places = {scenes[i].location for i in members}
        return sum(self.problem.cost_of(a) for a in actors) + self.problem.move_cost * max(0, len(places) - 1)

    def add(self, members, duals) -> bool:  # type: ignore[no-untyped-def]
        """Add a pattern with negative reduced cost at ``duals`` (always, when None); True when added."""
        key = tuple(sorted(members))
        if not key or key in self.columns:
            return False
        if duals is not None and self.cost(key) - sum(duals[i] for i in key) - self.day_count.dual_value() > -1e-6:
            return False
        self.columns.add(key)
        var = self.lp.NumVar(0, self.lp.infinity(), "")
        for i in key:
            self.cover[i].SetCoefficient(var, 1)
        self.day_count.SetCoefficient(var, 1)
        self.objective.SetCoefficient(var, self.cost(key))
        return True

    def solve_master(self) -> tuple[float, list[float]]:
        if self.lp.Solve() != pywraplp.Solver.OPTIMAL:
            raise RuntimeError("restricted master not solved")
        return self.objective.Value(), [max(0.0, c.dual_value()) for c in self.cover]

    def price(self, duals: list[float], seconds: float) -> tuple[list[int], float]:
        """The best pattern found and a proved lower bound on the least reduced cost (without the day dual)."""
        problem, scenes, scale = self.problem, self.problem.scenes, 1000
        model = cp_model.CpModel()
        free = [i for i, p in enumerate(duals) if p > 1e-9]
        if not free:
            return [], 0.0
        x = {i: model.NewBoolVar(f"x{i}") for i in free}
        y = {a: model.NewBoolVar(a) for a in sorted({a for i in free for a in scenes[i].cast})}
        z = {l: model.NewBoolVar(l) for l in sorted({scenes[i].location for i in free})}
        for i in free:
            for a in scenes[i].cast:
                model.AddImplication(x[i], y[a])
            model.AddImplication(x[i], z[scenes[i].location])
        model.Add(sum(scenes[i].minutes * x[i] for i in free) <= problem.minutes_per_day)
        gain = sum(math.floor(duals[i] * scale) * x[i] for i in free)
        paid = sum(problem.cost_of(a) * scale * v for a, v in y.items()) + sum(
            problem.move_cost * scale * v for v in z.values()
        )
        model.Maximize(gain - paid)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = seconds
        solver.Solve(model)
        members = [i for i in free if solver.Value(x[i])]
        most = solver.BestObjectiveBound() / scale + len(free) / scale  # flooring the duals lost < 1/scale each
        return members, problem.move_cost - most

    def price_highs(self, duals: list[float]) -> float:
        """Exact pricing as a MILP (HiGHS): the best pattern's dual value minus its cost."""
        problem, scenes = self.problem, self.problem.scenes
        actors, places = list(problem.actors), list(problem.locations)
        n, m, k = len(scenes), len(actors), len(places)
        c = np.concatenate([-np.array(duals), [problem.cost_of(a) for a in actors], [problem.move_cost] * k])
        rows = 1 + sum(len(s.cast) + 1 for s in scenes)
        a = lil_matrix((rows, n + m + k))
        a[0, :n] = [s.minutes for s in scenes]
        upper = [problem.minutes_per_day] + [0] * (rows - 1)
        r = 1
        for i, s in enumerate(scenes):
            for actor in s.cast:
                a[r, i], a[r, n + actors.index(actor)] = 1, -1
                r += 1
            a[r, i], a[r, n + m + places.index(s.location)] = 1, -1
            r += 1
        result = milp(
            c,
            constraints=LinearConstraint(a.tocsr(), -np.inf, upper),
            integrality=np.ones(n + m + k),
            bounds=Bounds(0, 1),
        )
        return problem.move_cost - result.fun


if __name__ == "__main__":
    sys.exit(main())
