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

    The line producer's limits (all off by default):

    * ``location_days`` maps a location to the day indices it can be used (absent: every day);
    * ``child_minutes`` maps a child performer to the most scene minutes they may work a day;
    * ``max_locations`` caps the locations of a day (a company move each beyond the first);
    * ``night_before_day_call`` caps the night minutes of a day followed by a day that has day
      scenes (its call is the crew call): the night block starts at dusk, so more night work would
      cut the rest before that call below the turnaround.
    """

    scenes: tuple[ShootScene, ...]
    days: int
    minutes_per_day: int
    actor_costs: tuple[tuple[str, int], ...]
    move_cost: int = 2
    availability: tuple[tuple[str, tuple[int, ...]], ...] = ()
    night_minutes_per_day: int | None = None
    setup_minutes: int = 0
    location_days: tuple[tuple[str, tuple[int, ...]], ...] = ()
    child_minutes: tuple[tuple[str, int], ...] = ()
    max_locations: int | None = None
    night_before_day_call: int | None = None
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
        """Days on which every actor of ``scene`` is available and its location can be used."""
        windows = dict(self.availability)
        days = set(range(self.days))
        for actor in scene.cast:
            if actor in windows:
                days &= set(windows[actor])
        open_days = dict(self.location_days)
        if scene.location in open_days:
            days &= set(open_days[scene.location])
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


def day_fits(problem: ShootProblem, members: list[int] | tuple[int, ...]) -> bool:
    """Do these scenes fit one day: minutes with set-ups, night cap, child performers' limits, locations?"""
    if day_minutes(problem, members) > problem.minutes_per_day:
        return False
    scenes = problem.scenes
    cap = problem.night_minutes_per_day
    if cap is not None and sum(scenes[i].minutes for i in members if scenes[i].night) > cap:
        return False
    if problem.max_locations is not None and len({scenes[i].location for i in members}) > problem.max_locations:
        return False
    for child, limit in problem.child_minutes:
        if sum(scenes[i].minutes for i in members if child in scenes[i].cast) > limit:
            return False
    return True


def night_minutes(problem: ShootProblem, members: list[int] | tuple[int, ...]) -> int:
    """Minutes of night scenes in a day."""
    return sum(problem.scenes[i].minutes for i in members if problem.scenes[i].night)


def has_day_call(problem: ShootProblem, members: list[int] | tuple[int, ...]) -> bool:
    """Does the day have day scenes, so that its call is the crew call (not a late call at dusk)?"""
    return any(not problem.scenes[i].night for i in members)


def short_turnarounds(problem: ShootProblem, days: list[list[int]] | tuple[tuple[int, ...], ...]) -> list[int]:
    """Day indices whose night work leaves too little rest before the next day's (day-scene) call."""
    limit = problem.night_before_day_call
    if limit is None:
        return []
    return [
        d
        for d in range(len(days) - 1)
        if has_day_call(problem, days[d + 1]) and night_minutes(problem, days[d]) > limit
    ]


def plan_feasible(problem: ShootProblem, days: list[list[int]] | tuple[tuple[int, ...], ...]) -> bool:
    """Every limit kept: each scene on an allowed day, each day fits, every night-to-day turnaround."""
    for d, members in enumerate(days):
        if not day_fits(problem, members):
            return False
        if any(d not in problem.allowed_days(problem.scenes[i]) for i in members):
            return False
    return not short_turnarounds(problem, days)


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
