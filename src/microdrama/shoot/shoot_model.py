"""The whole-shoot problem: scenes with shooting minutes, locations and casts, to be placed on shoot days."""

from __future__ import annotations

from dataclasses import dataclass, field

from microdrama.errors import ShootPlanningError as ShootPlanningError


@dataclass(frozen=True)
class ShootScene:
    """One scene to shoot: its id, shooting time, where, when in the story day, and who plays."""

    key: str
    minutes: int
    location: str
    exterior: bool
    night: bool
    cast: tuple[str, ...]


@dataclass(frozen=True)
class ShootProblem:
    """Everything the scheduler weighs.

    ``actor_costs`` is what an actor costs per paid day (paid from their first to their last shoot day,
    idle days included). ``move_cost`` is charged per company move (each extra location in a day).
    ``availability`` maps an actor to the day indices they can work (absent: every day).
    ``night_minutes_per_day`` caps the night block of a day (None: only the day capacity applies).
    ``setup_minutes`` is counted against a day once for every location shot that day (moving in,
    lighting), so a day's scenes plus its setups fit in ``minutes_per_day``.
    """

    scenes: tuple[ShootScene, ...]
    days: int
    minutes_per_day: int
    actor_costs: tuple[tuple[str, int], ...]
    move_cost: int = 2
    availability: tuple[tuple[str, tuple[int, ...]], ...] = ()
    night_minutes_per_day: int | None = None
    setup_minutes: int = 0
    actors: tuple[str, ...] = field(init=False)
    locations: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        costs = dict(self.actor_costs)
        cast = sorted({a for s in self.scenes for a in s.cast})
        unknown = [a for a in cast if a not in costs]
        if unknown:
            raise ShootPlanningError(f"no daily cost for actor(s) {', '.join(unknown)}")
        object.__setattr__(self, "actors", tuple(cast))
        object.__setattr__(self, "locations", tuple(sorted({s.location for s in self.scenes})))
        if self.days < 1 or self.minutes_per_day < 1:
            raise ShootPlanningError(f"need at least one day of positive length (days={self.days})")
        for scene in self.scenes:
            if scene.minutes + self.setup_minutes > self.minutes_per_day:
                raise ShootPlanningError(
                    f"scene {scene.key} needs {scene.minutes} min (+{self.setup_minutes} min setup), more than a "
                    f"{self.minutes_per_day}-min day; split it"
                )
            if scene.minutes < 0:
                raise ShootPlanningError(f"scene {scene.key} has a negative shooting time")

    def cost_of(self, actor: str) -> int:
        """Daily cost of ``actor``."""
        return dict(self.actor_costs)[actor]

    def allowed_days(self, scene: ShootScene) -> tuple[int, ...]:
        """Days on which every actor of ``scene`` is available."""
        windows = dict(self.availability)
        days = set(range(self.days))
        for actor in scene.cast:
            if actor in windows:
                days &= set(windows[actor])
        return tuple(sorted(days))


@dataclass(frozen=True)
class ShootPlan:
    """Scenes (indices into the problem) per shoot day, in shooting order, with cost and bound."""

    days: tuple[tuple[int, ...], ...]
    cost: int
    talent_cost: int
    moves: int
    lower_bound: int
    solver: str

    @property
    def gap(self) -> float:
        """Relative gap between the cost and the lower bound."""
        return 0.0 if self.cost <= 0 else max(0, self.cost - self.lower_bound) / self.cost

    @property
    def optimal(self) -> bool:
        """True when the cost equals the lower bound."""
        return self.cost <= self.lower_bound


def day_minutes(problem: ShootProblem, members: list[int] | tuple[int, ...]) -> int:
    """Minutes a day's scenes take, location setups included."""
    scenes = problem.scenes
    return sum(scenes[i].minutes for i in members) + problem.setup_minutes * len({scenes[i].location for i in members})


def evaluate(problem: ShootProblem, days: list[list[int]] | tuple[tuple[int, ...], ...]) -> tuple[int, int, int]:
    """(total cost, talent cost, company moves) of scenes placed on ``days`` (day order matters)."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    moves = 0
    for d, scenes in enumerate(days):
        locations = {problem.scenes[s].location for s in scenes}
        moves += max(0, len(locations) - 1)
        for s in scenes:
            for actor in problem.scenes[s].cast:
                first.setdefault(actor, d)
                last[actor] = d
    talent = sum(problem.cost_of(a) * (last[a] - first[a] + 1) for a in first)
    return talent + problem.move_cost * moves, talent, moves
