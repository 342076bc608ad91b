"""A seeded synthetic micro-drama shoot, for the scheduler's benchmark and tests."""

from __future__ import annotations

import random

from microdrama.shoot.shoot_model import ShootProblem, ShootScene


def generate_shoot(
    *,
    scenes: int = 300,
    actors: int = 20,
    days: int = 8,
    locations: int = 15,
    minutes_per_day: int = 720,
    seed: int = 2024,
) -> ShootProblem:
    """A micro-drama-like shoot: two leads in most scenes, a few supporting roles, many bit parts.

    Scene lengths (20-60 min) fill about 90% of the day capacity; each location is the home of a few
    characters (the heroine's flat, the CEO's office...), so casts and locations are correlated as in a
    real series.
    """
    rng = random.Random(seed)
    names = [f"A{i:02d}" for i in range(actors)]
    leads, supporting, minor = names[:2], names[2:6], names[6:]
    places = [f"L{i:02d}" for i in range(locations)]
    home = {p: rng.sample(supporting + minor, k=min(3, len(supporting + minor))) for p in places}
    weights = [rng.uniform(0.5, 2.0) for _ in places]
    target = int(0.9 * days * minutes_per_day)
    lengths = [rng.randint(20, 60) for _ in range(scenes)]
    scale = target / max(1, sum(lengths))
    result: list[ShootScene] = []
    for i in range(scenes):
        place = rng.choices(places, weights=weights)[0]
        cast = {lead for lead in leads if rng.random() < 0.6}
        cast |= {a for a in home[place] if rng.random() < 0.45}
        if rng.random() < 0.15:
            cast.add(rng.choice(minor))
        if not cast:
            cast.add(rng.choice(leads))
        result.append(
            ShootScene(
                key=f"S{i + 1:03d}",
                minutes=max(10, round(lengths[i] * scale)),
                location=place,
                exterior=rng.random() < 0.3,
                night=rng.random() < 0.25,
                cast=tuple(sorted(cast)),
            )
        )
    costs = tuple((a, 3 if a in leads else 2 if a in supporting else 1) for a in names)
    return ShootProblem(
        scenes=tuple(result),
        days=days,
        minutes_per_day=minutes_per_day,
        actor_costs=costs,
        move_cost=2,
    )
