"""Seeded random talent-scheduling instances, the class on which exact solvers are compared.

The range follows the literature's random sets (Garcia de la Banda, Stuckey & Chu 2011; Qin et al.
2016): 16-26 scenes, 6-14 actors, each actor in a scene with probability 0.2-0.5 (one density per
instance), scene durations 1-5, actor costs 1-100. Every actor plays at least one scene and every
scene has at least one actor, so no instance is degenerate by construction.
"""

from __future__ import annotations

import random

from microdrama.shoot.talent import TalentInstance

#: the benchmark's seed: the 100-instance table is always the same 100 instances
BENCHMARK_SEED = 2011


def random_talent_instance(
    rng: random.Random,
    *,
    scenes: tuple[int, int] = (16, 26),
    actors: tuple[int, int] = (6, 14),
    density: tuple[float, float] = (0.2, 0.5),
    durations: tuple[int, int] = (1, 5),
    costs: tuple[int, int] = (1, 100),
    name: str = "random",
) -> TalentInstance:
    """One instance drawn from ``rng``; each range is inclusive."""
    n = rng.randint(*scenes)
    m = rng.randint(*actors)
    p = rng.uniform(*density)
    rows = [[rng.random() < p for _ in range(n)] for _ in range(m)]
    for row in rows:  # every actor plays somewhere
        if not any(row):
            row[rng.randrange(n)] = True
    for s in range(n):  # every scene has someone in it
        if not any(row[s] for row in rows):
            rows[rng.randrange(m)][s] = True
    return TalentInstance(
        name=name,
        durations=tuple(rng.randint(*durations) for _ in range(n)),
        costs=tuple(rng.randint(*costs) for _ in range(m)),
        plays=tuple(tuple(row) for row in rows),
    )


def benchmark_instances(count: int = 100, *, seed: int = BENCHMARK_SEED) -> list[TalentInstance]:
    """The fixed benchmark set: ``count`` instances from one seeded stream, named ``rand000``..."""
    rng = random.Random(seed)
    return [random_talent_instance(rng, name=f"rand{i:03d}") for i in range(count)]
