"""Talent-scheduling benchmark: every instance in ../shared/bench/talent, then a generated whole shoot.

Run from the repository root::

    .venv/bin/python benchmarks/talent.py [--shoot-time SECONDS]

Pinned to one CPU. Prints instance, scenes n, actors m, optimum found, expected (optima.csv), whether
optimality was proved, and seconds; then the generated micro-drama shoot (300 scenes, 20 actors,
8 days, 15 locations, seed 2024), solved as `plan-shoot` solves it (location-block start, CP-SAT,
day-pair large-neighbourhood search, exact day order): cost, lower bound, gap, seconds. Exits 1 when an optimum differs
or is unproved, a film/MobStory instance takes over 1 s, Shaw2020 over 5 s, or the set over 10 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "talent"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shoot-time", type=float, default=30.0, help="search effort for the shoot, in CP-SAT deterministic seconds")
    parser.add_argument("--skip-shoot", action="store_true", help="only the talent-scheduling instances")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from microdrama.shoot.exact import solve_talent
    from microdrama.shoot.talent import read_instance

    if not (BENCH / "optima.csv").is_file():
        print(f"no benchmark instances at {BENCH}", file=sys.stderr)
        return 2
    with (BENCH / "optima.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    failures: list[str] = []
    total = 0.0
    print(f"{'instance':28s} {'n':>3s} {'m':>3s} {'found':>6s} {'expected':>8s} {'proved':>6s} {'seconds':>8s}")
    for row in rows:
        instance = read_instance(BENCH / row["file"])
        started = time.perf_counter()
        solution = solve_talent(instance)
        seconds = time.perf_counter() - started
        total += seconds
        expected = int(row["optimal_total"])
        print(
            f"{row['file']:28s} {instance.n_scenes:3d} {instance.n_actors:3d} {solution.cost:6d} {expected:8d} "
            f"{'yes' if solution.optimal else 'NO':>6s} {seconds:8.3f}"
        )
        limit = 5.0 if row["name"] == "Shaw2020" else 1.0
        if solution.cost != expected or not solution.optimal:
            failures.append(f"{row['file']}: found {solution.cost}, expected {expected}, proved {solution.optimal}")
        if seconds > limit:
            failures.append(f"{row['file']}: {seconds:.2f} s > {limit} s")
    print(f"{'whole set':28s} {'':>3s} {'':>3s} {'':>6s} {'':>8s} {'':>6s} {total:8.3f}")
    if total > 10.0:
        failures.append(f"whole set {total:.2f} s > 10 s")
    if not args.skip_shoot:
        from microdrama.shoot.generate import generate_shoot
        from microdrama.shoot.scheduler import solve_shoot

        problem = generate_shoot(scenes=300, actors=20, days=8, locations=15, seed=2024)
        started = time.perf_counter()
        plan = solve_shoot(problem, deterministic_time=args.shoot_time)
        seconds = time.perf_counter() - started
        print()
        print("generated shoot: 300 scenes, 20 actors, 8 days, 15 locations (seed 2024)")
        print(
            f"cost {plan.cost} (talent {plan.talent_cost}, moves {plan.moves}), lower bound {plan.lower_bound}, "
            f"gap {plan.gap:.1%}, {seconds:.1f} s [{plan.solver}]"
        )
        if plan.gap > 0.05 or seconds > 60.0:
            failures.append(f"generated shoot: gap {plan.gap:.1%} (target 5%), {seconds:.1f} s (target 60 s)")
    for failure in failures:
        print("MISSED:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
