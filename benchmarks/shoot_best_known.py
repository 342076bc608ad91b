"""Record a best-known plan for the generated target shoot: one long plan-shoot run, kept in benchmarks/data.

    PYTHONPATH=src .venv/bin/python benchmarks/shoot_best_known.py [--effort SECONDS] [--out FILE]

The plan's days (scene keys), cost, bound, the effort, wall/CPU seconds and the machine's CPU count
go into ``benchmarks/data/shoot_best_known.json``; ``benchmarks/shoot_plan.py`` compares plans against it.
A run only replaces the file when it finds a cheaper plan.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "shoot_best_known.json"
#: the generated target shoot (as in benchmarks/talent.py): scenes, actors, days, locations, seed
TARGET = (300, 20, 8, 15, 2024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--effort", type=float, default=600.0, help="CP-SAT deterministic seconds")
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args()
    from microdrama.shoot.generate import generate_shoot
    from microdrama.shoot.scheduler import solve_shoot

    scenes, actors, days, locations, seed = TARGET
    problem = generate_shoot(scenes=scenes, actors=actors, days=days, locations=locations, seed=seed)
    started, cpu = time.perf_counter(), time.process_time()
    plan = solve_shoot(problem, deterministic_time=args.effort)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    record = {
        "shoot": {"scenes": scenes, "actors": actors, "days": days, "locations": locations, "seed": seed},
        "cost": plan.cost,
        "talent_cost": plan.talent_cost,
        "moves": plan.moves,
        "lower_bound": plan.lower_bound,
        "solver": plan.solver,
        "how": f"solve_shoot, one CP-SAT worker, effort {args.effort:g} deterministic s",
        "wall_seconds": round(wall, 1),
        "cpu_seconds": round(cpu, 1),
        "machine_cpus": os.cpu_count(),
        "days": [[problem.scenes[i].key for i in day] for day in plan.days],
    }
    if args.out.is_file():
        old = json.loads(args.out.read_text(encoding="utf-8"))
        if old["cost"] <= plan.cost:
            print(f"found {plan.cost}; kept the recorded {old['cost']}")
            return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, args.out)
    print(f"recorded cost {plan.cost} (bound {plan.lower_bound}) after {wall:.0f} s wall, {cpu:.0f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
