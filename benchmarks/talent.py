"""Talent-scheduling benchmark: every instance in ../shared/bench/talent, 100 random ones, then whole shoots.

Run from the repository root::

    .venv/bin/python benchmarks/talent.py [--random N] [--shoot-time SECONDS] [--skip-shoot | --shoot-only | --diagnose] [--project DIR ...]

Pinned to one CPU. Prints instance, scenes n, actors m, optimum found, expected (optima.csv), whether
optimality was proved, and seconds; then the random table: ``--random`` instances (default 100) drawn
by ``shoot/talent_random.py`` with its fixed seed (16-26 scenes, 6-14 actors, density 0.2-0.5,
durations 1-5, costs 1-100), each solved and proved, with max and median seconds, search nodes, and
the process's peak memory (an upper bound on any one instance's); then a table of whole shoots solved as `plan-shoot` solves them
(location-block start, CP-SAT, large-neighbourhood search, exact day order): the target generated
micro-drama shoot (300 scenes, 20 actors, 8 days, 15 locations, seed 2024), other seeds and sizes, and
the breakdown of every ``--project`` given (e.g. a `produce` output): cost, lower bound, gap, wall and
CPU seconds. Exits 1 when an optimum differs or is unproved, a film/MobStory instance takes over 1 s,
Shaw2020 over 5 s, the set over 10 s, a random instance is unproved or over 1 s or the process
over 1 GB (the issue-21 target), or the target shoot takes over 60 s (its plan against script order,
grouping by location and the best-known plan: benchmarks/shoot_plan.py).

    .venv/bin/python benchmarks/talent.py --shoot-only --project /tmp/hlm   # shoots only
    .venv/bin/python benchmarks/talent.py --diagnose   # small shoots: proved optimum vs plan vs bounds; where the gap lies
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
    parser.add_argument(
        "--shoot-time", type=float, default=30.0, help="search effort for the shoot, in CP-SAT deterministic seconds"
    )
    parser.add_argument("--skip-shoot", action="store_true", help="only the talent-scheduling instances")
    parser.add_argument("--random", type=int, default=100, help="random instances in the second table (0: none)")
    parser.add_argument("--shoot-only", action="store_true", help="only the whole-shoot table")
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="only small generated shoots: proved optimum vs the plan vs the lower bounds (which side is weak)",
    )
    parser.add_argument(
        "--project",
        action="append",
        default=[],
        type=Path,
        help="also plan this project's shoot/breakdown.json (as plan-shoot does, default settings); repeatable",
    )
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from microdrama.shoot.exact import solve_talent
    from microdrama.shoot.talent import read_instance

    if args.diagnose:
        diagnose_table(args.shoot_time)
        gap_table(args.shoot_time)
        return 0
    if args.shoot_only:
        failures = shoot_table(args.shoot_time, args.project)
        for failure in failures:
            print("MISSED:", failure, file=sys.stderr)
        return 1 if failures else 0
    # the numba search compiles once per machine (cached on disk); keep that out of every timing
    started = time.perf_counter()
    import random as _random

    from microdrama.shoot import exact_subsets, exact_two_sided
    from microdrama.shoot.talent_random import random_talent_instance

    solve_talent(random_talent_instance(_random.Random(0)), node_limit=10)
    exact_two_sided.search_two_sided((1, 2, 3), (1, 1, 1), (1, 1), 10, 10)
    for actors, upper in ((2, 10), (2, 1 << 20), (18, 10), (18, 1 << 20)):  # each integer width the DP uses
        exact_subsets.solve_subsets((1, 2, 3), (1, 1, 1), (1,) * actors, upper)
    print(f"warm-up (numba compile or cache load): {time.perf_counter() - started:.1f} s")
    if not (BENCH / "optima.csv").is_file():
        print(f"no benchmark instances at {BENCH}", file=sys.stderr)
        return 2
    with (BENCH / "optima.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    failures: list[str] = []
    total = 0.0
    print("seconds = CPU seconds of this process (the machine is shared)")
    print(f"{'instance':28s} {'n':>3s} {'m':>3s} {'found':>6s} {'expected':>8s} {'proved':>6s} {'seconds':>8s}")
    for row in rows:
        instance = read_instance(BENCH / row["file"])
        started = time.process_time()
        solution = solve_talent(instance)
        seconds = time.process_time() - started
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
    if args.random:
        failures += random_table(args.random)
    if not args.skip_shoot:
        failures += shoot_table(args.shoot_time, args.project)
    for failure in failures:
        print("MISSED:", failure, file=sys.stderr)
    return 1 if failures else 0


def random_table(count: int) -> list[str]:
    """Solve the fixed random set; one row per instance, then max/median time, nodes and peak memory."""
    import resource

    from microdrama.shoot.exact import solve_talent
    from microdrama.shoot.talent_random import benchmark_instances

    print()
    print(f"{count} random instances (shoot/talent_random.py, fixed seed)")
    print("seconds = CPU seconds of this process (the machine is shared; wall time is shown too)")
    print(
        f"{'instance':10s} {'n':>3s} {'m':>3s} {'density':>7s} {'optimum':>8s} {'proved':>6s} {'nodes':>9s} "
        f"{'seconds':>8s} {'wall s':>7s}"
    )
    failures: list[str] = []
    times: list[float] = []
    nodes: list[int] = []
    for instance in benchmark_instances(count):
        density = sum(map(sum, instance.plays)) / (instance.n_scenes * instance.n_actors)
        started, cpu = time.perf_counter(), time.process_time()
        solution = solve_talent(instance)
        seconds, wall = time.process_time() - cpu, time.perf_counter() - started
        times.append(seconds)
        nodes.append(solution.nodes)
        print(
            f"{instance.name:10s} {instance.n_scenes:3d} {instance.n_actors:3d} {density:7.2f} {solution.cost:8d} "
            f"{'yes' if solution.optimal else 'NO':>6s} {solution.nodes:9d} {seconds:8.3f} {wall:7.2f}",
            flush=True,
        )
        if not solution.optimal:
            failures.append(f"{instance.name}: not proved optimal (bound {solution.lower_bound}, cost {solution.cost})")
        if seconds > 1.0:
            failures.append(f"{instance.name}: {seconds:.2f} s > 1 s")
    times.sort()
    nodes.sort()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    proved = count - sum(1 for f in failures if "not proved" in f)
    print(
        f"proved {proved}/{count}; CPU seconds max {times[-1]:.3f}, median {times[len(times) // 2]:.3f}, "
        f"over 1 s: {sum(t > 1.0 for t in times)}, over 0.05 s: {sum(t > 0.05 for t in times)}; "
        f"nodes max {nodes[-1]}, median {nodes[len(nodes) // 2]}; peak memory of the process {peak_mb:.0f} MB"
    )
    if peak_mb > 1024:
        failures.append(f"peak memory {peak_mb:.0f} MB > 1 GB")
    return failures


#: (label, scenes, actors, days, locations, seed) of the generated shoots; the first is the target
SHOOTS = (
    ("target", 300, 20, 8, 15, 2024),
    ("same size", 300, 20, 8, 15, 1),
    ("same size", 300, 20, 8, 15, 2),
    ("smaller", 150, 12, 5, 8, 2024),
    ("larger", 450, 25, 12, 20, 2024),
)


def shoot_table(effort: float, projects: list[Path]) -> list[str]:
    """Plan each generated shoot (and each project's breakdown) and print one row per shoot."""
    from microdrama.model.shoot import Breakdown
    from microdrama.settings import ShootSettings
    from microdrama.shoot.generate import generate_shoot
    from microdrama.shoot.plan import solve_breakdown
    from microdrama.shoot.scheduler import solve_shoot

    print()
    print(f"whole shoots, search effort {effort:g} deterministic s (project rows: their shoot.time_limit default)")
    print(
        f"{'shoot':34s} {'scenes':>6s} {'actors':>6s} {'days':>4s} {'locs':>4s} {'cost':>6s} {'bound':>6s} "
        f"{'gap':>6s} {'wall s':>7s} {'cpu s':>6s}  solver"
    )
    failures: list[str] = []

    def row(name: str, problem, plan, wall: float, cpu: float) -> None:  # type: ignore[no-untyped-def]
        print(
            f"{name:34s} {len(problem.scenes):6d} {len(problem.actors):6d} {problem.days:4d} "
            f"{len(problem.locations):4d} {plan.cost:6d} {plan.lower_bound:6d} {plan.gap:6.1%} {wall:7.1f} "
            f"{cpu:6.1f}  {plan.solver}"
        )

    for label, scenes, actors, days, locations, seed in SHOOTS:
        problem = generate_shoot(scenes=scenes, actors=actors, days=days, locations=locations, seed=seed)
        started, cpu = time.perf_counter(), time.process_time()
        plan = solve_shoot(problem, deterministic_time=effort)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        row(f"generated {label} (seed {seed})", problem, plan, wall, cpu)
        if label == "target" and wall > 60.0:  # the 5 % gap target was retired by issue 21 (see shoot_plan.py)
            failures.append(f"generated shoot: {wall:.1f} s (target 60 s)")
    defaults = ShootSettings()
    for project in projects:
        breakdown = Breakdown.load(project / "shoot" / "breakdown.json")
        started, cpu = time.perf_counter(), time.process_time()
        problem, plan, _ = solve_breakdown(
            breakdown, days=defaults.days, hours_per_day=defaults.hours_per_day, time_limit=defaults.time_limit
        )
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        row(project.name[:34], problem, plan, wall, cpu)
    return failures


#: (scenes, actors, days, locations, seed) of small shoots of the target's character, provable in minutes
SMALL_SHOOTS = (
    (40, 8, 3, 4, 1),
    (40, 8, 3, 4, 2),
    (60, 8, 4, 5, 1),
    (60, 10, 4, 6, 2),
    (80, 10, 4, 6, 3),
)
#: deterministic seconds the full scene model gets to prove a small shoot's optimum
PROOF_TIME = 60.0


def diagnose_table(effort: float) -> None:
    """Small shoots: the optimum CP-SAT proves (full scene model, from our plan) against our plan and bounds."""
    from microdrama.shoot.bounds import grouped_bound, location_split_bound
    from microdrama.shoot.generate import generate_shoot
    from microdrama.shoot.scheduler import _cp_sat, solve_shoot
    from microdrama.shoot.shoot_model import evaluate

    print(
        f"small shoots: plan at search effort {effort:g}; optimum from the full model, {PROOF_TIME:g} deterministic s"
    )
    print(
        f"{'shoot':22s} {'best':>5s} {'proved':>6s} {'cpsat lb':>8s} {'plan':>5s} {'split':>5s} {'grouped':>7s} "
        f"{'bound':>5s} {'plan cpu':>8s} {'proof cpu':>9s}"
    )
    for scenes, actors, days, locations, seed in SMALL_SHOOTS:
        problem = generate_shoot(scenes=scenes, actors=actors, days=days, locations=locations, seed=seed)
        cpu = time.process_time()
        plan = solve_shoot(problem, deterministic_time=effort)
        plan_cpu = time.process_time() - cpu
        cpu = time.process_time()
        found, proved_bound, status = _cp_sat(problem, [list(d) for d in plan.days], PROOF_TIME)
        proof_cpu = time.process_time() - cpu
        best = min(plan.cost, evaluate(problem, found)[0]) if found is not None else plan.cost
        print(
            f"{f'{scenes}sc {actors}a {days}d {locations}l s{seed}':22s} {best:5d} "
            f"{'yes' if status == 'cp-sat optimal' else 'no':>6s} {proved_bound:8d} {plan.cost:5d} "
            f"{location_split_bound(problem):5d} {grouped_bound(problem, deterministic_time=effort * 0.1):7d} "
            f"{plan.lower_bound:5d} {plan_cpu:8.1f} {proof_cpu:9.1f}",
            flush=True,
        )


def gap_table(effort: float) -> None:
    """Where the target shoot's gap lies: the plan's cost by day rate against the split bound's relaxed plan."""
    from microdrama.shoot.bounds import location_split
    from microdrama.shoot.generate import generate_shoot
    from microdrama.shoot.scheduler import solve_shoot

    label, scenes, actors, days, locations, seed = SHOOTS[0]
    problem = generate_shoot(scenes=scenes, actors=actors, days=days, locations=locations, seed=seed)
    plan = solve_shoot(problem, deterministic_time=effort)
    split = location_split(problem)
    worked: dict[str, set[int]] = {}
    for d, members in enumerate(plan.days):
        for i in members:
            for actor in problem.scenes[i].cast:
                worked.setdefault(actor, set()).add(d)
    print()
    print(f"where the {label} shoot's gap lies (plan at effort {effort:g}; idle days are paid days minus work days)")
    print(f"{'part':24s} {'plan paid':>9s} {'plan worked':>11s} {'split bound':>11s}")
    for rate in sorted({problem.cost_of(a) for a in problem.actors}, reverse=True):
        group = [a for a in problem.actors if problem.cost_of(a) == rate]
        paid = sum(rate * (max(worked[a]) - min(worked[a]) + 1) for a in group)
        work = sum(rate * len(worked[a]) for a in group)
        relaxed = sum(rate * split.work_days.get(a, 0) for a in group)
        print(f"{f'{len(group)} actors at {rate}/day':24s} {paid:9d} {work:11d} {relaxed:11d}")
    relaxed_moves = problem.move_cost * (sum(split.shot_days.values()) - min(problem.days, len(problem.scenes)))
    move_cost = problem.move_cost * plan.moves
    print(f"{'company moves':24s} {move_cost:9d} {move_cost:11d} {relaxed_moves:11d}")
    worked_total = sum(problem.cost_of(a) * len(w) for a, w in worked.items()) + move_cost
    print(f"{'total':24s} {plan.cost:9d} {worked_total:11d} {split.bound:11d}")


if __name__ == "__main__":
    sys.exit(main())
