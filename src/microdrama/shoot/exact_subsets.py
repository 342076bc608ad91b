"""Exhaustive talent-scheduling DP over scene subsets, met in the middle (compiled with numba).

The holding cost of an order equals that of the reversed order: an actor is held during scene ``s``
exactly when they play both before and after it, whichever way the order is read. So the cost of
"shoot ``P`` first, then ``Q``" splits into ``f(P) + f(Q)``, where ``f(X)`` is the least holding cost
of shooting ``X`` after everything else (Garcia de la Banda, Stuckey & Chu's DP state, read from
either end). The optimum is the least ``f(P) + f(complement)`` over the sets ``P`` of half the scenes,
and ``f`` is only needed on sets of at most half the scenes: a bottom-up DP by subset size (Gosper's
enumeration), with no bound, no search and no node budget. Its time and memory depend on the number
of scenes alone (two ``2^n`` arrays of 8-32 bit integers: 26 merged scenes of up to 16 actors take 256-400 MB and under a second),
which is what makes the hard random instances — those on which no bound prunes well — predictable.
"""

from __future__ import annotations

import math

import numpy as np

from microdrama.shoot import exact_jit

#: largest number of merged scenes the exhaustive DP takes (2^26 states: ~400 MB, ~1 s)
MAX_SCENES = 26
#: the weight table it indexes has 2^actors entries
MAX_ACTORS = 20

if exact_jit.available():
    from numba import njit
    from numba.cpython.unsafe.numbers import trailing_zeros

    @njit(cache=True)
    def _next_subset(x):
        """Gosper's hack: the next larger integer with as many set bits as ``x``."""
        low = x & -x
        ripple = x + low
        return ripple | (((x ^ ripple) >> 2) >> trailing_zeros(low))  # a shift, not a division

    @njit(cache=True)
    def _holding_of(casts, durations, table, act, full, q, s):
        return durations[s] * table[act[full ^ q] & act[q] & ~casts[s]]

    @njit(cache=True)
    def _half_dp(casts, durations, table, act, f, cap, larger):
        """``f`` on every set of at most ceil(n/2) scenes, values capped at ``cap`` (an upper bound
        on the optimum: a set that costs more is on no optimal path); larger sets are left unset."""
        n = casts.shape[0]
        full = (np.int64(1) << n) - 1
        size = np.int64(1) << n
        for q in range(1, size):
            low = q & -q
            act[q] = act[q ^ low] | casts[trailing_zeros(low)]
        f[0] = 0
        for k in range(1, (n + 1) // 2 + 1):
            q = (np.int64(1) << k) - 1
            while q <= full:
                # held during s: played before (came) and plays again after s, i.e. in q but not in s;
                # so a transition reads only f[q minus s] (one memory access)
                came = act[full ^ q]
                waiting = came & act[q]
                best = np.int64(1) << 40
                rest = q
                while rest:
                    low = rest & -rest
                    rest ^= low
                    s = trailing_zeros(low)
                    # dominance (as in the search): a scene j left whose cast contains s's and brings
                    # nobody new beyond s's cast is shot before s in some optimal order
                    dominated = False
                    others = larger[s] & q
                    while others:
                        bit = others & -others
                        others ^= bit
                        if (casts[trailing_zeros(bit)] & ~(came | casts[s])) == 0:
                            dominated = True
                            break
                    if dominated:
                        continue
                    value = f[q ^ low] + durations[s] * table[waiting & ~casts[s]]
                    if value < best:
                        best = value
                f[q] = best if best < cap else cap
                q = _next_subset(q)

    @njit(cache=True)
    def _path(casts, durations, table, act, f, q, out, start):
        """Write an optimal order of ``q`` (shot after the rest) into ``out[start:]``; lowest scene first on ties."""
        n = casts.shape[0]
        full = (np.int64(1) << n) - 1
        k = start
        while q:
            rest = q
            while rest:
                low = rest & -rest
                rest ^= low
                s = trailing_zeros(low)
                if f[q ^ low] + _holding_of(casts, durations, table, act, full, q, s) == f[q]:
                    out[k] = s
                    k += 1
                    q ^= low
                    break
        return k

    @njit(cache=True)
    def _solve(casts, durations, table, act, f, cap):
        n = casts.shape[0]
        full = (np.int64(1) << n) - 1
        larger = np.zeros(n, np.int64)  # per scene: the scenes whose cast strictly contains its cast
        for s in range(n):
            for j in range(n):
                if j != s and (casts[s] & ~casts[j]) == 0 and casts[j] != casts[s]:
                    larger[s] |= np.int64(1) << j
        _half_dp(casts, durations, table, act, f, cap, larger)
        half = n // 2
        best = np.int64(1) << 40
        best_first = np.int64(0)
        p = (np.int64(1) << half) - 1
        while p <= full:
            value = np.int64(f[p]) + f[full ^ p]
            if value < best:
                best = value
                best_first = p
            p = _next_subset(p)
        order = np.empty(n, np.int64)
        # the first half, read backwards: f(P) is the cost of P shot after the rest
        k = _path(casts, durations, table, act, f, best_first, order, 0)
        order[:k] = order[:k][::-1].copy()
        _path(casts, durations, table, act, f, full ^ best_first, order, k)
        return best, order


def states(n_scenes: int) -> int:
    """How many scene sets the DP evaluates (those of at most half the scenes)."""
    return sum(math.comb(n_scenes, k) for k in range((n_scenes + 1) // 2 + 1))


def fits(n_scenes: int, n_actors: int, cost_limit: int) -> bool:
    """Can the exhaustive DP take this reduced instance (size, weight table, 32-bit costs)?"""
    return exact_jit.available() and 2 <= n_scenes <= MAX_SCENES and n_actors <= MAX_ACTORS and cost_limit < 1 << 30


def solve_subsets(
    casts: tuple[int, ...], durations: tuple[int, ...], costs: tuple[int, ...], upper: int
) -> tuple[int, list[int]]:
    """The least holding cost and an order achieving it, given ``upper`` >= that cost (e.g. a
    heuristic order's cost); see ``fits`` for the sizes it takes."""
    # the arrays are as narrow as the instance allows: at 2^26 entries, bytes are the running time
    size = 1 << len(casts)
    actors_of_sets = np.zeros(size, np.uint8 if len(costs) <= 8 else np.uint16 if len(costs) <= 16 else np.int32)
    cap = upper + 1
    values = np.zeros(size, np.uint16 if cap < 1 << 16 else np.int32)
    value, order = _solve(
        np.array(casts, np.int64),
        np.array(durations, np.int64),
        exact_jit.weight_table(costs),
        actors_of_sets,
        values,
        cap,
    )
    return int(value), [int(s) for s in order]
