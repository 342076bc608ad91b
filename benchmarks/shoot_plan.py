"""Whole-shoot benchmark: the plan against script order, grouping by location and the best-known plan; re-planning.

    PYTHONPATH=src .venv/bin/python benchmarks/shoot_plan.py [--effort SECONDS]

On the generated target shoot (300 scenes, 20 actors, 8 days, 15 locations, seed 2024) prints one row
per plan: days used, talent cost, company moves, total cost and its distance to the best-known plan
(``benchmarks/data/shoot_best_known.json``, written by ``shoot_best_known.py``):

* script order - scenes shot in script order, each day filled before the next;
* by location - the manual practice: locations in order of first appearance, each location's
  scenes together in script order, days filled in turn;
* plan-shoot - ``solve_shoot`` at ``--effort`` CP-SAT deterministic seconds (CPU and wall time shown).

Then the re-planning case: the lead drops a day they were booked on; ``shoot/replan.py`` repairs the
plan (the forced days only, then allowing one and two more days to change), and a fresh plan of the
changed problem is shown for comparison (how many days each changes).
``--repeat`` plans the target twice and checks that the plan repeats exactly (it is deterministic:
one CP-SAT worker, fixed seed, deterministic time limits; the wall clock never stops a search).
Exits 1 when plan-shoot is over 2 % above the best-known plan, over 60 CPU seconds, or does not repeat.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "shoot_best_known.json"


def pack(problem, sequence: list[int]) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """Fill days in turn with ``sequence`` (capacity with set-ups and night cap), opening a day when full."""
    from microdrama.shoot.replan import _fits

    days: list[list[int]] = [[]]
    for i in sequence:
        if not _fits(problem, days[-1] + [i]):
            days.append([])
        days[-1].append(i)
    return days


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--effort", type=float, default=30.0, help="plan-shoot search effort, CP-SAT deterministic s")
    parser.add_argument(
        "--repeat", action="store_true", help="plan the target a second time and check the plan repeats exactly"
    )
    args = parser.parse_args()
    from microdrama.shoot.generate import generate_shoot
    from microdrama.shoot.replan import drop_day, replan
    from microdrama.shoot.scheduler import solve_shoot
    from microdrama.shoot.shoot_model import evaluate

    best = json.loads(DATA.read_text(encoding="utf-8"))
    spec = best["shoot"]
    problem = generate_shoot(
        scenes=spec["scenes"], actors=spec["actors"], days=spec["days"], locations=spec["locations"], seed=spec["seed"]
    )
    index = {s.key: i for i, s in enumerate(problem.scenes)}
    best_days = [[index[k] for k in day] for day in best["days"]]
    best_cost = evaluate(problem, best_days)[0]
    assert best_cost == best["cost"], "benchmarks/data/shoot_best_known.json does not match the generator"

    script = list(range(len(problem.scenes)))
    first_seen: dict[str, int] = {}
    for i, scene in enumerate(problem.scenes):
        first_seen.setdefault(scene.location, i)
    grouped = sorted(script, key=lambda i: (first_seen[problem.scenes[i].location], i))
    started, cpu = time.perf_counter(), time.process_time()
    plan = solve_shoot(problem, deterministic_time=args.effort)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu

    print(
        f"target shoot: {len(problem.scenes)} scenes, {len(problem.actors)} actors, {problem.days} days, "
        f"{len(problem.locations)} locations (seed {spec['seed']}); best known {best_cost} "
        f"({best['how']}: {best['cpu_seconds']:.0f} s CPU, {best['wall_seconds']:.0f} s wall on a shared {best['machine_cpus']}-CPU machine)"
    )
    print("seconds: CPU (wall) - the machine is shared, so the 60 s target is judged on CPU time")
    print(f"{'plan':14s} {'days':>4s} {'talent':>6s} {'moves':>5s} {'cost':>5s} {'vs best':>8s} {'seconds':>14s}")
    rows = [
        ("script order", pack(problem, script), None),
        ("by location", pack(problem, grouped), None),
        ("plan-shoot", [list(d) for d in plan.days], f"{cpu:.1f} ({wall:.1f})"),
        ("best known", best_days, None),
    ]
    for name, days, seconds in rows:
        cost, talent, moves = evaluate(problem, days)
        used = sum(1 for d in days if d)
        print(
            f"{name:14s} {used:4d} {talent:6d} {moves:5d} {cost:5d} {(cost - best_cost) / best_cost:8.1%} "
            f"{seconds or '':>14s}"
        )
    print(f"(plan-shoot's proved lower bound: {plan.lower_bound})")
    repeated = None
    if args.repeat:
        again = solve_shoot(problem, deterministic_time=args.effort)
        repeated = again.days == plan.days
        print(f"repeat run: cost {again.cost}, {'the same plan' if repeated else 'A DIFFERENT PLAN'}")

    # re-planning: the most expensive actor drops the middle one of their booked days
    lead = max(problem.actors, key=lambda a: (problem.cost_of(a), a))
    booked = [d for d, members in enumerate(plan.days) if any(lead in problem.scenes[i].cast for i in members)]
    dropped = booked[len(booked) // 2]
    changed_problem = drop_day(problem, lead, dropped)
    started = time.perf_counter()
    repaired = replan(changed_problem, plan.days)
    repair_wall = time.perf_counter() - started
    started = time.perf_counter()
    fresh = solve_shoot(changed_problem, deterministic_time=args.effort)
    fresh_wall = time.perf_counter() - started
    fresh_changed = sum(1 for d in range(problem.days) if set(fresh.days[d]) != set(plan.days[d]))
    fresh_moved = sum(1 for d in range(problem.days) for i in fresh.days[d] if i not in set(plan.days[d]))
    print()
    print(f"re-planning: {lead} (cost {problem.cost_of(lead)}/day) can no longer work day {dropped + 1}")
    print(f"{'method':16s} {'cost':>5s} {'days changed':>12s} {'scenes moved':>12s} {'seconds':>8s}")
    print(f"{'before':16s} {plan.cost:5d} {'':>12s} {'':>12s}")
    print(
        f"{'replan (repair)':16s} {repaired.cost:5d} {len(repaired.changed_days):12d} "
        f"{len(repaired.moved_scenes):12d} {repair_wall:8.2f}"
    )
    for extra in (1, 2):  # the line producer's trade-off: a day more of call sheets for a cheaper plan
        started = time.perf_counter()
        opened = replan(changed_problem, plan.days, extra_days=extra)
        label = f"replan, +{extra} day{'s' if extra > 1 else ''}"
        print(
            f"{label:16s} {opened.cost:5d} {len(opened.changed_days):12d} {len(opened.moved_scenes):12d} "
            f"{time.perf_counter() - started:8.2f}"
        )
    print(f"{'plan afresh':16s} {fresh.cost:5d} {fresh_changed:12d} {fresh_moved:12d} {fresh_wall:8.1f}")

    failures = []
    if plan.cost > best_cost * 1.02:
        failures.append(
            f"plan-shoot {plan.cost} is {(plan.cost - best_cost) / best_cost:.1%} above best known {best_cost}"
        )
    if cpu > 60.0:
        failures.append(f"plan-shoot took {cpu:.1f} CPU s > 60 s")
    if repeated is False:
        failures.append("plan-shoot gave a different plan on a second run")
    for failure in failures:
        print("MISSED:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
