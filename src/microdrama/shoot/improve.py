"""Deterministic local search on a whole-shoot plan: simulated annealing over scene moves and swaps.

CP-SAT's search stalls on large shoots (it rarely beats its starting hint), so the plan is improved
by a seeded annealing over two neighbourhoods — move one scene to another day, swap two scenes of
different days — under every hard constraint (day capacity, night block, cast availability). The
cost is the real objective (paid actor-days plus company moves), kept incrementally per actor and
location. The run length is a number of steps, never a clock reading, so it repeats exactly.
"""

from __future__ import annotations

import math
import random

from microdrama.shoot.shoot_model import ShootProblem, evaluate

START_T, END_T = 2.0, 0.05


class _State:
    """Scene-to-day assignment with per-day loads and per-actor / per-location day counts."""

    def __init__(self, problem: ShootProblem, days: list[list[int]]) -> None:
        self.problem = problem
        self.n_days = problem.days
        actors = {a: k for k, a in enumerate(problem.actors)}
        locations = {loc: k for k, loc in enumerate(problem.locations)}
        self.cost = [problem.cost_of(a) for a in problem.actors]
        self.casts = [tuple(actors[a] for a in s.cast) for s in problem.scenes]
        self.location = [locations[s.location] for s in problem.scenes]
        self.minutes = [s.minutes for s in problem.scenes]
        self.night = [s.night for s in problem.scenes]
        self.allowed = [tuple(problem.allowed_days(s)) for s in problem.scenes]
        self.night_cap = problem.night_minutes_per_day
        self.cap = problem.minutes_per_day
        self.day_of = [0] * len(problem.scenes)
        self.load = [0] * self.n_days
        self.night_load = [0] * self.n_days
        self.count = [[0] * self.n_days for _ in problem.actors]
        self.at = [[0] * self.n_days for _ in problem.locations]
        self.places = [0] * self.n_days
        for d, members in enumerate(days):
            for i in members:
                self._add(i, d)

    def _add(self, i: int, d: int) -> None:
        self.day_of[i] = d
        self.load[d] += self.minutes[i]
        if self.night[i]:
            self.night_load[d] += self.minutes[i]
        for a in self.casts[i]:
            self.count[a][d] += 1
        row = self.at[self.location[i]]
        if row[d] == 0:
            self.places[d] += 1
        row[d] += 1

    def _remove(self, i: int) -> None:
        d = self.day_of[i]
        self.load[d] -= self.minutes[i]
        if self.night[i]:
            self.night_load[d] -= self.minutes[i]
        for a in self.casts[i]:
            self.count[a][d] -= 1
        row = self.at[self.location[i]]
        row[d] -= 1
        if row[d] == 0:
            self.places[d] -= 1

    def span_cost(self, a: int) -> int:
        """Paid days of actor ``a`` times their daily cost."""
        row = self.count[a]
        first = next((d for d in range(self.n_days) if row[d]), -1)
        if first < 0:
            return 0
        last = next(d for d in range(self.n_days - 1, -1, -1) if row[d])
        return self.cost[a] * (last - first + 1)

    def local_cost(self, actors: set[int], days: tuple[int, ...]) -> int:
        """Cost terms that a change touching ``actors`` and ``days`` can alter."""
        moves = sum(max(0, self.places[d] - 1) for d in days)
        return sum(self.span_cost(a) for a in actors) + self.problem.move_cost * moves

    def fits(self, i: int, d: int, freed: int = 0, freed_night: int = 0) -> bool:
        """Whether scene ``i`` fits on day ``d`` once ``freed`` minutes leave it."""
        if d not in self.allowed[i] or self.load[d] - freed + self.minutes[i] > self.cap:
            return False
        if self.night[i] and self.night_cap is not None:
            return self.night_load[d] - freed_night + self.minutes[i] <= self.night_cap
        return True

    def days(self) -> list[list[int]]:
        """The assignment as scene lists per day (scene index order)."""
        out: list[list[int]] = [[] for _ in range(self.n_days)]
        for i, d in enumerate(self.day_of):
            out[d].append(i)
        return out


def anneal(problem: ShootProblem, days: list[list[int]], *, steps: int = 200_000, seed: int = 0) -> list[list[int]]:
    """Improve ``days`` by seeded simulated annealing; returns the best assignment met (never worse)."""
    n = len(problem.scenes)
    if n < 2 or problem.days < 2 or steps <= 0:
        return days
    state = _State(problem, days)
    rng = random.Random(seed)
    current = evaluate(problem, days)[0]
    best, best_days = current, [list(d) for d in days]
    start_t, end_t = START_T, END_T
    ratio = math.log(end_t / start_t)
    for step in range(steps):
        temperature = start_t * math.exp(ratio * step / steps)
        i = rng.randrange(n)
        if rng.random() < 0.5:
            delta = _try_move(state, i, rng, temperature)
        else:
            delta = _try_swap(state, i, rng.randrange(n), rng, temperature)
        if delta is None:
            continue
        current += delta
        if current < best:
            best, best_days = current, state.days()
    return best_days


def _accept(delta: int, rng: random.Random, temperature: float) -> bool:
    return delta <= 0 or rng.random() < math.exp(-delta / temperature)


def _try_move(state: _State, i: int, rng: random.Random, temperature: float) -> int | None:
    allowed = state.allowed[i]
    d_from = state.day_of[i]
    d_to = allowed[rng.randrange(len(allowed))]
    if d_to == d_from or not state.fits(i, d_to):
        return None
    actors = set(state.casts[i])
    days = (d_from, d_to)
    before = state.local_cost(actors, days)
    state._remove(i)
    state._add(i, d_to)
    delta = state.local_cost(actors, days) - before
    if _accept(delta, rng, temperature):
        return delta
    state._remove(i)
    state._add(i, d_from)
    return None


def _try_swap(state: _State, i: int, j: int, rng: random.Random, temperature: float) -> int | None:
    di, dj = state.day_of[i], state.day_of[j]
    if di == dj:
        return None
    night_i = state.minutes[i] if state.night[i] else 0
    night_j = state.minutes[j] if state.night[j] else 0
    if not state.fits(i, dj, state.minutes[j], night_j) or not state.fits(j, di, state.minutes[i], night_i):
        return None
    actors = set(state.casts[i]) | set(state.casts[j])
    days = (di, dj)
    before = state.local_cost(actors, days)
    state._remove(i)
    state._remove(j)
    state._add(i, dj)
    state._add(j, di)
    delta = state.local_cost(actors, days) - before
    if _accept(delta, rng, temperature):
        return delta
    state._remove(i)
    state._remove(j)
    state._add(i, di)
    state._add(j, dj)
    return None
