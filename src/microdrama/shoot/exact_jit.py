"""The bounded talent-scheduling DP of ``exact.py``, compiled with numba.

Same search, same bound, same tie-breaking as ``exact._HoldingSearch`` (so the same order comes out),
but on machine integers: a node costs about a microsecond instead of a hundred. The compiled code is
cached on disk by numba, so only the first run on a machine pays the compilation (a few seconds).
``available()`` is false when numba is missing; ``exact.solve_talent`` then runs the Python search.
"""

from __future__ import annotations

import math
import random

import numpy as np

try:  # numba is a declared dependency; the Python search remains for platforms without a wheel
    import numba
    from numba import njit, types
    from numba.cpython.unsafe.numbers import trailing_zeros
    from numba.typed import Dict
except Exception:  # pragma: no cover - no wheel, or numba broken by another package (it imports coverage)
    numba = None


def available() -> bool:
    """True when the compiled search can run."""
    return numba is not None


if numba is not None:
    _i64 = types.int64

    @njit(cache=True)
    def _weight(table, costs, mask):
        if table.shape[0] > 1:
            return table[mask]
        total = 0
        a = 0
        while mask:
            if mask & 1:
                total += costs[a]
            mask >>= 1
            a += 1
        return total

    @njit(cache=True)
    def _actors_of(casts, scenes):
        mask = 0
        while scenes:
            low = scenes & -scenes
            mask |= casts[_lowest(low)]
            scenes ^= low
        return mask

    @njit(cache=True)
    def _lowest(mask):
        """Index of the lowest set bit (one instruction, not a loop: bit walks are the inner loops)."""
        return trailing_zeros(mask)

    @njit(cache=True)
    def _bound(casts, durations, costs, remaining, on_location, cache, ratio, actors, cache_key):
        """The Smith-rule bound of ``exact._HoldingSearch.bound``, cached under ``cache_key``;
        ``ratio``/``actors`` are scratch."""
        if on_location == 0:
            return 0
        cached = cache.get(cache_key, -1)
        if cached >= 0:
            return cached
        for a in range(costs.shape[0]):
            ratio[a] = 0.0
        correction = 0.0
        rest = remaining
        while rest:
            low = rest & -rest
            rest ^= low
            s = _lowest(low)
            waiting = casts[s] & on_location
            if waiting == 0:
                continue
            total = 0.0
            squares = 0.0
            w = waiting
            while w:
                bit = w & -w
                w ^= bit
                a = _lowest(bit)
                total += costs[a]
                squares += costs[a] * costs[a]
            d = durations[s]
            share = d / total
            correction += d * (total + squares / total) / 2.0
            w = waiting
            while w:
                bit = w & -w
                w ^= bit
                ratio[_lowest(bit)] += share
        # waiting actors by (ratio, index): insertion sort, stable
        count = 0
        w = on_location
        while w:
            bit = w & -w
            w ^= bit
            a = _lowest(bit)
            k = count
            while k > 0 and ratio[actors[k - 1]] > ratio[a]:
                actors[k] = actors[k - 1]
                k -= 1
            actors[k] = a
            count += 1
        completion = 0.0
        total_cost = 0.0
        for i in range(count):
            a = actors[i]
            completion += ratio[a] * costs[a]
            total_cost += costs[a] * completion
        value = math.ceil(total_cost - correction - 1e-7)
        result = np.int64(value) if value > 0 else np.int64(0)
        cache[cache_key] = result
        return result

    @njit(cache=True)
    def _search(
        casts,
        durations,
        costs,
        table,
        actor_scenes,
        supersets,
        n_supersets,
        remaining,
        came,
        left,
        budget,
        exact,
        lower,
        bound_cache,
        state,
        scratch,
        ratio,
        actors,
    ):
        """Optimal holding cost of ``remaining`` if below ``budget``, else a lower bound >= ``budget``.

        ``exact`` maps a remaining set to value * 64 + first scene; ``state`` holds
        [nodes, node_limit, aborted, root best value, root best scene, all]; ``scratch`` has three
        rows per depth (child keys, came, left).
        """
        known = exact.get(remaining, -1)
        if known >= 0:
            return known >> 6
        state[0] += 1
        if state[0] > state[1] and state[2] == 0:
            state[2] = 1
        on_location = came & left
        start = _bound(casts, durations, costs, remaining, on_location, bound_cache, ratio, actors, remaining)
        floor = lower.get(remaining, -1)
        if floor > start:
            start = floor
        if start >= budget:
            return start
        n = casts.shape[0]
        row = 3 * (n - _popcount(remaining))
        keys = scratch[row]
        new_came = scratch[row + 1]
        new_left = scratch[row + 2]
        count = 0
        forced = False
        rest = remaining
        while rest:
            low = rest & -rest
            rest ^= low
            s = _lowest(low)
            cast = casts[s]
            nl = left
            w = cast
            while w:
                bit = w & -w
                w ^= bit
                a = _lowest(bit)
                if (actor_scenes[a] & remaining) == low:
                    nl &= ~bit
            if cast == on_location:  # forced: no holding, nobody new
                forced = True
                keys[0] = s
                new_came[s] = came
                new_left[s] = nl
                count = 1
                break
            dominated = False
            for k in range(n_supersets[s]):
                j = supersets[s, k]
                if (remaining >> j) & 1 and (casts[j] & ~(came | cast)) == 0:
                    dominated = True
                    break
            if dominated:
                continue
            holding = durations[s] * _weight(table, costs, on_location & ~cast)
            child = remaining ^ low
            nc = came | cast
            known = exact.get(child, -1)
            if known >= 0:
                estimate = known >> 6
            else:
                estimate = _bound(casts, durations, costs, child, nc & nl, bound_cache, ratio, actors, child)
                floor = lower.get(child, -1)
                if floor > estimate:
                    estimate = floor
            key = ((holding + estimate) << 40) | (holding << 6) | s
            k = count
            while k > 0 and keys[k - 1] > key:
                keys[k] = keys[k - 1]
                k -= 1
            keys[k] = key
            new_came[s] = nc
            new_left[s] = nl
            count += 1
        best = budget
        best_scene = -1
        none = np.int64(1) << 62
        failed = none
        mask34 = (np.int64(1) << 34) - 1
        for i in range(count):
            key = keys[i]
            s = key & 63
            if forced:
                estimate = 0
                holding = 0
            else:
                estimate = key >> 40
                holding = (key >> 6) & mask34
            if estimate >= best or state[2] != 0:
                if estimate < failed:
                    failed = estimate
                if estimate >= best:
                    break
                continue
            value = holding + _search(
                casts,
                durations,
                costs,
                table,
                actor_scenes,
                supersets,
                n_supersets,
                remaining ^ (np.int64(1) << s),
                new_came[s],
                new_left[s],
                best - holding,
                exact,
                lower,
                bound_cache,
                state,
                scratch,
                ratio,
                actors,
            )
            if state[2] != 0:
                if value < failed:
                    failed = value
            elif value < best:
                best = value
                best_scene = s
            elif value < failed:
                failed = value
        if state[2] != 0:
            low_value = best if best < failed else failed
            if remaining == state[5]:
                state[3] = best
                state[4] = best_scene
            return start if start > low_value else low_value
        if best_scene >= 0:
            exact[remaining] = (best << 6) | best_scene
            return best
        result = budget if failed == none else failed
        lower[remaining] = result
        return result

    @njit(cache=True)
    def _popcount(mask):
        count = 0
        while mask:
            mask &= mask - 1
            count += 1
        return count

    @njit(cache=True)
    def _run(casts, durations, costs, table, actor_scenes, supersets, n_supersets, incumbent, node_limit):
        n = casts.shape[0]
        full = (np.int64(1) << n) - 1
        exact = Dict.empty(key_type=_i64, value_type=_i64)
        lower = Dict.empty(key_type=_i64, value_type=_i64)
        bound_cache = Dict.empty(key_type=_i64, value_type=_i64)
        exact[0] = -1 & 63  # value 0, no scene
        state = np.zeros(6, np.int64)
        state[1] = node_limit
        state[3] = 0
        state[4] = -1
        state[5] = full
        left = _actors_of(casts, full)
        scratch = np.zeros((3 * (n + 1), max(n, 1)), np.int64)
        ratio = np.zeros(max(costs.shape[0], 1))
        actors = np.zeros(max(costs.shape[0], 1), np.int64)
        value = _search(
            casts,
            durations,
            costs,
            table,
            actor_scenes,
            supersets,
            n_supersets,
            full,
            np.int64(0),
            left,
            incumbent + 1,
            exact,
            lower,
            bound_cache,
            state,
            scratch,
            ratio,
            actors,
        )
        # the path of exact values from the root (empty when the root was not solved)
        path = np.full(n, -1, np.int64)
        remaining = full
        k = 0
        if state[2] == 0 and value <= incumbent:
            while remaining:
                s = exact[remaining] & 63
                path[k] = s
                k += 1
                remaining ^= np.int64(1) << s
        elif state[2] != 0 and state[4] >= 0 and state[3] < incumbent:
            s0 = state[4]
            path[0] = s0
            k = 1
            remaining = full ^ (np.int64(1) << s0)
            while remaining and remaining in exact:
                s = exact[remaining] & 63
                path[k] = s
                k += 1
                remaining ^= np.int64(1) << s
            if remaining:
                k = 0  # the root's best child was not solved exactly: keep the incumbent
        return value, path[:k], state[0], state[2], state[3], state[4]


def weight_table(costs: tuple[int, ...]) -> np.ndarray:
    """w(mask) for every actor mask when there are few actors (else a 1-element marker: sum by bits)."""
    m = len(costs)
    if m > 20:
        return np.zeros(1, np.int64)
    table = np.zeros(1 << m, np.int64)
    for a, c in enumerate(costs):
        step = 1 << a
        table[step : 2 * step] = table[:step] + c
    return table


def search_holding(
    casts: tuple[int, ...],
    durations: tuple[int, ...],
    costs: tuple[int, ...],
    supersets: list[tuple[int, ...]],
    incumbent: int,
    node_limit: int,
) -> tuple[int, list[int], int, bool, int, int]:
    """Run the compiled search: (value, order or [] , nodes, aborted, root best value, root best scene)."""
    n = len(casts)
    actor_scenes = np.array(
        [sum(1 << s for s in range(n) if casts[s] >> a & 1) for a in range(len(costs))] or [0], np.int64
    )
    width = max([len(row) for row in supersets] + [1])
    table_sup = np.zeros((max(n, 1), width), np.int64)
    counts = np.zeros(max(n, 1), np.int64)
    for s, row in enumerate(supersets):
        counts[s] = len(row)
        table_sup[s, : len(row)] = row
    value, path, nodes, aborted, root_value, root_scene = _run(
        np.array(casts, np.int64),
        np.array(durations, np.int64),
        np.array(costs or (0,), np.int64)[: len(costs)] if costs else np.zeros(0, np.int64),
        weight_table(costs),
        actor_scenes[: len(costs)],
        table_sup,
        counts,
        incumbent,
        node_limit,
    )
    return int(value), [int(s) for s in path], int(nodes), bool(aborted), int(root_value), int(root_scene)


if numba is not None:

    @njit(cache=True)
    def _order_holding(order, casts, durations, table, costs):
        n = order.shape[0]
        suffix = np.zeros(n + 1, np.int64)
        for i in range(n - 1, -1, -1):
            suffix[i] = suffix[i + 1] | casts[order[i]]
        before = np.int64(0)
        total = 0
        for i in range(n):
            s = order[i]
            total += durations[s] * _weight(table, costs, before & suffix[i + 1] & ~casts[s])
            before |= casts[s]
        return total

    @njit(cache=True)
    def _descend(order, casts, durations, table, costs):
        """Move single scenes (insertion moves) while that lowers the holding cost."""
        n = order.shape[0]
        best = _order_holding(order, casts, durations, table, costs)
        trial = order.copy()
        improved = True
        while improved:
            improved = False
            for i in range(n):
                for j in range(n):
                    if i == j:
                        continue
                    s = order[i]
                    k = 0
                    for p in range(n):
                        if p == i:
                            continue
                        if k == j:
                            trial[k] = s
                            k += 1
                        trial[k] = order[p]
                        k += 1
                    if k == j:
                        trial[k] = s
                    value = _order_holding(trial, casts, durations, table, costs)
                    if value < best:
                        best = value
                        order[:] = trial
                        improved = True
        return best


def improve_order(
    order: list[int], casts: tuple[int, ...], durations: tuple[int, ...], costs: tuple[int, ...], *, rounds: int = 60
) -> tuple[list[int], int]:
    """A better upper bound for the search: iterated local search from ``order`` (insertion moves,
    then two random swaps and descend again; fixed seed, so the answer repeats)."""
    rng = random.Random(7)
    arrays = (
        np.array(casts, np.int64),
        np.array(durations, np.int64),
        weight_table(costs),
        np.array(costs, np.int64) if costs else np.zeros(0, np.int64),
    )
    best = np.array(order, np.int64)
    value = int(_descend(best, *arrays))
    n = len(order)
    for _ in range(rounds if n >= 3 else 0):
        trial = best.copy()
        for _ in range(2):
            i, j = rng.randrange(n), rng.randrange(n)
            trial[i], trial[j] = trial[j], trial[i]
        trial_value = int(_descend(trial, *arrays))
        if trial_value < value:
            best, value = trial, trial_value
    return [int(s) for s in best], value
