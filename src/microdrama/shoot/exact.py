"""Exact talent scheduling: a bounded dynamic program over the set of scenes still to shoot.

The method follows Garcia de la Banda, Stuckey & Chu (2011, INFORMS J. Computing):

* preprocessing — actors who cannot be held (one scene, or every scene) are dropped, scenes with the
  same cast are merged, scenes left with no holdable actor are shot first at no holding cost;
* the state is the set ``Q`` of scenes still to shoot; the actors on location are those who have
  played already and still have a scene in ``Q``;
* a forced move — a scene whose cast is exactly the actors on location costs no holding and is shot
  at once; a dominance rule — a scene ``i`` is not shot next when a remaining scene ``j`` plays a
  superset of its cast and would bring nobody new on location;
* a lower bound on the holding cost still to come: each on-location actor waits until their last
  scene, a single-machine weighted-completion relaxation (scenes split among their on-location
  actors, Smith's rule, minus the splitting gain);
* memoisation of exact values and of proven lower bounds per state, children searched best bound
  first with the budget shrinking as better schedules are found.

Everything is bitmask integers; the search is deterministic and limited by a node budget, never by
the clock, so the same instance gives the same answer on any machine. When the budget runs out the
answer carries the best schedule found and a valid lower bound.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from microdrama.shoot import exact_jit, exact_subsets, exact_two_sided
from microdrama.shoot.talent import TalentInstance

#: node budgets of the compiled portfolio's first (one-ended) and second (double-ended) searches
PORTFOLIO_FIRST = 200_000
#: the first search's node budget when the exhaustive subset DP (``exact_subsets``) can follow: the
#: one-ended search proves most instances in a few thousand nodes, the DP takes the rest in ~0.6 s.
#: The budget shrinks with the DP's size (a node costs as much as ~3,000 of the DP's sets), so the
#: search never costs more than a fraction of the DP it may save.
PORTFOLIO_BEFORE_SUBSETS = 20_000
SUBSET_STATES_PER_NODE = 3_000
PORTFOLIO_SECOND = 200_000
#: the compiled searches pack a cost into 22 bits of a sort key
COMPILED_COST_LIMIT = 1 << 22

#: default node budget: far above what the benchmark instances need (Shaw2020 needs about 1e5)
DEFAULT_NODE_LIMIT = 3_000_000


@dataclass(frozen=True)
class TalentSolution:
    """The best order found, its cost, and what was proven about it."""

    order: tuple[int, ...]
    cost: int
    holding_cost: int
    lower_bound: int
    optimal: bool
    nodes: int

    @property
    def gap(self) -> float:
        """Relative gap between the cost and the lower bound (0 when optimal)."""
        return 0.0 if self.cost <= 0 else (self.cost - self.lower_bound) / self.cost


@dataclass(frozen=True)
class _Reduced:
    """The instance after preprocessing: merged scenes over the actors that can be held."""

    free_scenes: tuple[int, ...]  # original scenes with no holdable actor: shot first, nobody waits
    groups: tuple[tuple[int, ...], ...]  # original scenes of each merged scene
    casts: tuple[int, ...]  # actor bitmask of each merged scene
    durations: tuple[int, ...]
    costs: tuple[int, ...]


def reduce_instance(instance: TalentInstance) -> _Reduced:
    """Drop actors who are never held, merge scenes with the same cast, set cast-free scenes aside."""
    n = instance.n_scenes
    scene_casts = [instance.scene_actors(s) for s in range(n)]
    holdable: list[int] = []
    for a in range(instance.n_actors):
        count = sum(1 for s in range(n) if scene_casts[s] >> a & 1)
        if 2 <= count < n and instance.costs[a] > 0:
            holdable.append(a)
    free: list[int] = []
    groups: dict[int, list[int]] = {}
    for s in range(n):
        mask = 0
        for i, a in enumerate(holdable):
            if scene_casts[s] >> a & 1:
                mask |= 1 << i
        if mask == 0:
            free.append(s)
        else:
            groups.setdefault(mask, []).append(s)
    ordered = sorted(groups, key=lambda mask: groups[mask][0])
    return _Reduced(
        free_scenes=tuple(free),
        groups=tuple(tuple(groups[mask]) for mask in ordered),
        casts=tuple(ordered),
        durations=tuple(sum(instance.durations[s] for s in groups[mask]) for mask in ordered),
        costs=tuple(instance.costs[a] for a in holdable),
    )


def solve_talent(
    instance: TalentInstance, *, node_limit: int = DEFAULT_NODE_LIMIT, compiled: bool = True
) -> TalentSolution:
    """Find a minimum-cost shooting order; prove it optimal unless ``node_limit`` states run out.

    ``compiled`` runs the numba search of ``exact_jit`` (same result, ~100x faster) when numba is
    installed; ``False`` forces the Python search (the reference the tests compare against).
    """
    reduced = reduce_instance(instance)
    search = _HoldingSearch(reduced.casts, reduced.durations, reduced.costs, node_limit)
    if compiled and search.compiled_fits():
        merged_order, holding_lb = search.run_compiled()
    else:
        merged_order, holding_lb = search.run()
    order = list(reduced.free_scenes)
    for g in merged_order:
        order.extend(reduced.groups[g])
    fixed = instance.fixed_cost()
    cost = instance.cost(order)
    lower = min(cost, fixed + holding_lb)
    return TalentSolution(
        order=tuple(order),
        cost=cost,
        holding_cost=cost - fixed,
        lower_bound=lower,
        optimal=lower == cost,
        nodes=search.nodes,
    )


def weight_function(costs: tuple[int, ...]) -> Callable[[int], int]:
    """Return ``w(mask)`` = summed cost of the actors in ``mask``, by byte-wise lookup tables."""
    tables: list[list[int]] = []
    for base in range(0, max(len(costs), 1), 8):
        table = [0] * 256
        for byte in range(256):
            table[byte] = sum(costs[base + i] for i in range(8) if byte >> i & 1 and base + i < len(costs))
        tables.append(table)
    if len(tables) == 1:
        t0 = tables[0]
        return lambda mask: t0[mask]
    if len(tables) == 2:
        t0, t1 = tables
        return lambda mask: t0[mask & 255] + t1[mask >> 8]
    if len(tables) == 3:
        t0, t1, t2 = tables
        return lambda mask: t0[mask & 255] + t1[mask >> 8 & 255] + t2[mask >> 16]

    def weight(mask: int) -> int:
        total = 0
        for table in tables:
            total += table[mask & 255]
            mask >>= 8
        return total

    return weight


class _HoldingSearch:
    """Depth-first bounded DP on the holding cost of the reduced instance."""

    def __init__(self, casts: tuple[int, ...], durations: tuple[int, ...], costs: tuple[int, ...], node_limit: int):
        self.casts = casts
        self.durations = durations
        self.costs = costs
        self.node_limit = node_limit
        self.nodes = 0
        self.aborted = False
        self.root_best: tuple[int, int] = (0, -1)
        n = len(casts)
        self.n = n
        self.all = (1 << n) - 1
        self.weight = weight_function(costs)
        self.scene_actor_lists = [tuple(a for a in range(len(costs)) if casts[s] >> a & 1) for s in range(n)]
        self.actor_scenes = [sum(1 << s for s in range(n) if casts[s] >> a & 1) for a in range(len(costs))]
        # scenes j whose cast contains scene i's (identical casts were merged, so strictly larger)
        self.supersets = [tuple(j for j in range(n) if j != i and casts[i] & ~casts[j] == 0) for i in range(n)]
        self.exact: dict[int, tuple[int, int]] = {0: (0, -1)}
        self.lower: dict[int, int] = {}
        self.bound_cache: dict[int, int] = {}
        self.split_cache: list[dict[int, tuple[float, float, tuple[int, ...]]]] = [{} for _ in range(n)]

    # -- bound ---------------------------------------------------------------------------------
    def bound(self, remaining: int, on_location: int) -> int:
        """Lower bound on the holding cost of shooting ``remaining`` with ``on_location`` actors waiting."""
        if not on_location:
            return 0
        cached = self.bound_cache.get(remaining)
        if cached is not None:
            return cached
        costs = self.costs
        ratio = [0.0] * len(costs)
        correction = 0.0
        casts = self.casts
        rest = remaining
        while rest:
            low = rest & -rest
            s = low.bit_length() - 1
            rest ^= low
            waiting = casts[s] & on_location
            if not waiting:
                continue
            entry = self.split_cache[s].get(waiting)
            if entry is None:
                actors = tuple(a for a in self.scene_actor_lists[s] if waiting >> a & 1)
                total = sum(costs[a] for a in actors)
                squares = sum(costs[a] * costs[a] for a in actors)
                d = self.durations[s]
                entry = (d / total, d * (total + squares / total) / 2.0, actors)
                self.split_cache[s][waiting] = entry
            share, corr, actors = entry
            correction += corr
            for a in actors:
                ratio[a] += share
        waiting_actors = [a for a in range(len(costs)) if on_location >> a & 1]
        waiting_actors.sort(key=lambda a: (ratio[a], a))
        completion = 0.0
        total_cost = 0.0
        for a in waiting_actors:
            completion += ratio[a] * costs[a]
            total_cost += costs[a] * completion
        value = max(0, math.ceil(total_cost - correction - 1e-7))
        self.bound_cache[remaining] = value
        return value

    # -- search --------------------------------------------------------------------------------
    def run(self) -> tuple[list[int], int]:
        """Return (order of merged scenes, proven lower bound on the holding cost)."""
        incumbent_order, incumbent = self.greedy()
        value = self.search(self.all, 0, self._actors_of(self.all), incumbent + 1)
        if not self.aborted:
            if value <= incumbent:
                return self.path(self.all), value
            return incumbent_order, incumbent  # nothing beats the greedy order: it is optimal
        best, scene = self.root_best
        if scene >= 0 and best < incumbent:
            return [scene, *self.path(self.all ^ (1 << scene))], value
        return incumbent_order, value

    def compiled_fits(self) -> bool:
        """The compiled searches pack states and costs into 64-bit integers: is this instance small enough?"""
        return exact_jit.available() and 0 < self.n <= 57 and self.greedy()[1] < COMPILED_COST_LIMIT

    def run_compiled(self) -> tuple[list[int], int]:
        """``run`` compiled by numba, as a portfolio: a short one-ended search, then the double-ended
        search (``exact_two_sided``), then the one-ended search with the whole node budget.

        The two searches are strong on different instances (the double-ended bound wins when many
        actors are spread over the whole shoot); each stage starts from the best order found so far.
        """
        incumbent_order, incumbent = self.greedy()
        if incumbent > 0:
            incumbent_order, incumbent = exact_jit.improve_order(
                incumbent_order, self.casts, self.durations, self.costs
            )
        supersets = [list(row) for row in self.supersets]
        if exact_subsets.fits(self.n, len(self.costs), sum(self.durations) * sum(self.costs)):
            return self._run_with_subsets(supersets, incumbent_order, incumbent)
        first = min(PORTFOLIO_FIRST, self.node_limit)
        stages: list[tuple[str, int]] = [("one", first)]
        if self.n + 2 * len(self.costs) <= 62 and self.node_limit > first:
            stages.append(("two", min(PORTFOLIO_SECOND, self.node_limit)))
        if self.node_limit > first:
            stages.append(("one", self.node_limit))
        self.nodes = 0
        best_lower = 0
        for kind, budget in stages:
            if kind == "one":
                value, path, nodes, aborted, _, _ = exact_jit.search_holding(
                    self.casts, self.durations, self.costs, supersets, incumbent, budget
                )
            else:
                value, path, nodes, aborted = exact_two_sided.search_two_sided(
                    self.casts, self.durations, self.costs, incumbent, budget
                )
            self.nodes += nodes
            if not aborted:
                self.aborted = False
                return (path, value) if value <= incumbent and path else (incumbent_order, incumbent)
            best_lower = max(best_lower, min(value, incumbent))
        self.aborted = True
        return incumbent_order, best_lower

    def _run_with_subsets(
        self, supersets: list[list[int]], incumbent_order: list[int], incumbent: int
    ) -> tuple[list[int], int]:
        """A short one-ended search, then (unless it proved the optimum) the exhaustive DP, which
        always does: its time depends on the number of scenes only, never on how well a bound prunes."""
        worth = max(1_000, exact_subsets.states(self.n) // SUBSET_STATES_PER_NODE)
        budget = min(PORTFOLIO_BEFORE_SUBSETS, worth, self.node_limit)
        value, path, nodes, aborted, _, _ = exact_jit.search_holding(
            self.casts, self.durations, self.costs, supersets, incumbent, budget
        )
        self.nodes = nodes
        self.aborted = False
        if not aborted:
            return (path, value) if value <= incumbent and path else (incumbent_order, incumbent)
        if self.node_limit <= budget:  # the caller asked for a short search: a bound, not the DP
            self.aborted = True
            return incumbent_order, min(value, incumbent)
        value, order = exact_subsets.solve_subsets(self.casts, self.durations, self.costs, incumbent)
        self.nodes += exact_subsets.states(self.n)
        return (order, value) if value < incumbent else (incumbent_order, incumbent)

    def _actors_of(self, scenes: int) -> int:
        mask = 0
        for a, own in enumerate(self.actor_scenes):
            if own & scenes:
                mask |= 1 << a
        return mask

    def path(self, remaining: int) -> list[int]:
        """Rebuild the order from the memo of exact values."""
        order: list[int] = []
        while remaining:
            s = self.exact[remaining][1]
            order.append(s)
            remaining ^= 1 << s
        return order

    def children(self, remaining: int, came: int, left: int) -> list[tuple[int, int, int, int, int]]:
        """(bound, holding, scene, came', left') for each scene that may be shot next, best first."""
        casts = self.casts
        on_location = came & left
        out: list[tuple[int, int, int, int, int]] = []
        rest = remaining
        while rest:
            low = rest & -rest
            s = low.bit_length() - 1
            rest ^= low
            cast = casts[s]
            if cast == on_location:  # forced: no holding, nobody new
                new_left = left
                for a in self.scene_actor_lists[s]:
                    if self.actor_scenes[a] & remaining == low:
                        new_left &= ~(1 << a)
                return [(0, 0, s, came, new_left)]
            dominated = False
            for j in self.supersets[s]:
                if remaining >> j & 1 and casts[j] & ~(came | cast) == 0:
                    dominated = True
                    break
            if dominated:
                continue
            holding = self.durations[s] * self.weight(on_location & ~cast)
            child = remaining ^ low
            new_left = left
            for a in self.scene_actor_lists[s]:
                if self.actor_scenes[a] & remaining == low:
                    new_left &= ~(1 << a)
            new_came = came | cast
            known = self.exact.get(child)
            if known is not None:
                estimate = known[0]
            else:
                estimate = max(self.lower.get(child, 0), self.bound(child, new_came & new_left))
            out.append((holding + estimate, holding, s, new_came, new_left))
        out.sort()
        return out

    def greedy(self) -> tuple[list[int], int]:
        """A quick complete schedule: always shoot the child with the best bound."""
        remaining, came, left = self.all, 0, self._actors_of(self.all)
        order: list[int] = []
        total = 0
        while remaining:
            _, holding, s, came, left = self.children(remaining, came, left)[0]
            order.append(s)
            total += holding
            remaining ^= 1 << s
        return order, total

    def search(self, remaining: int, came: int, left: int, budget: int) -> int:
        """Optimal holding cost of ``remaining`` if below ``budget``, else a lower bound >= ``budget``.

        After an abort the value returned is only a valid lower bound.
        """
        known = self.exact.get(remaining)
        if known is not None:
            return known[0]
        self.nodes += 1
        if self.nodes > self.node_limit and not self.aborted:
            self.aborted = True
        start = max(self.lower.get(remaining, 0), self.bound(remaining, came & left))
        if start >= budget:
            return start
        best = budget
        best_scene = -1
        failed = math.inf
        for estimate, holding, s, new_came, new_left in self.children(remaining, came, left):
            if estimate >= best or self.aborted:
                failed = min(failed, estimate)
                if estimate >= best:
                    break
                continue
            value = holding + self.search(remaining ^ (1 << s), new_came, new_left, best - holding)
            if self.aborted:
                failed = min(failed, value)
            elif value < best:
                best = value
                best_scene = s
            else:
                failed = min(failed, value)
        if self.aborted:
            lower = min(best, int(failed)) if failed != math.inf else best
            if remaining == self.all:
                self.root_best = (best, best_scene)
            return max(start, lower)
        if best_scene >= 0:
            self.exact[remaining] = (best, best_scene)
            return best
        lower = int(failed) if failed != math.inf else budget
        self.lower[remaining] = lower
        return lower
