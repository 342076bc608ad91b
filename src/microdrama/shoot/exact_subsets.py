"""Exhaustive talent-scheduling DP over scene subsets, met in the middle (compiled with numba).

The holding cost of an order equals that of the reversed order: an actor is held during scene ``s``
exactly when they play both before and after it, whichever way the order is read. So the cost of
"shoot ``P`` first, then ``Q``" splits into ``f(P) + f(Q)``, where ``f(X)`` is the least holding cost
of shooting ``X`` after everything else (Garcia de la Banda, Stuckey & Chu's DP state, read from
either end). The optimum is the least ``f(P) + f(complement)`` over the sets ``P`` of half the
scenes, and ``f`` is only needed on sets of at most half the scenes: a bottom-up DP with no bound,
no search and no node budget. Its time and memory depend on the number of scenes alone (one ``2^n``
array of 16- or 32-bit integers: 26 merged scenes take 134 MB and about 0.6 s), which is what makes
the hard random instances, those on which no bound prunes, predictable. The actors of a set are the
union of two half-tables' entries, so no second ``2^n`` array is built.
"""

from __future__ import annotations

import math

import numpy as np

from microdrama.shoot import exact_jit

#: largest number of merged scenes the exhaustive DP takes (2^26 states: ~134 MB, ~0.6 s)
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
    def _actors_of(low_act, high_act, split, low_mask, x):
        """Actors playing in scene set ``x``: the union of two half-tables' entries (2 x 2^(n/2) entries
        that stay in cache, instead of one 2^n table that is half the DP's memory traffic)."""
        return low_act[x & low_mask] | high_act[x >> split]

    @njit(cache=True)
    def _holding_of(casts, durations, table, low_act, high_act, split, low_mask, full, q, s):
        on_location = _actors_of(low_act, high_act, split, low_mask, full ^ q)
        return durations[s] * table[on_location & _actors_of(low_act, high_act, split, low_mask, q) & ~casts[s]]

    @njit(cache=True)
    def _half_tables(casts, act_dtype_sample):
        """The actors of every set of the low and of the high half of the scenes."""
        n = casts.shape[0]
        split = n // 2
        low_act = np.zeros(np.int64(1) << split, act_dtype_sample.dtype)
        high_act = np.zeros(np.int64(1) << (n - split), act_dtype_sample.dtype)
        for x in range(1, low_act.shape[0]):
            low = x & -x
            low_act[x] = low_act[x ^ low] | casts[trailing_zeros(low)]
        for x in range(1, high_act.shape[0]):
            low = x & -x
            high_act[x] = high_act[x ^ low] | casts[split + trailing_zeros(low)]
        return low_act, high_act, split, (np.int64(1) << split) - 1

    @njit(cache=True)
    def _popcount(x):
        """Set bits of a non-negative 64-bit integer (SWAR: no loop)."""
        x = x - ((x >> 1) & 0x5555555555555555)
        x = (x & 0x3333333333333333) + ((x >> 2) & 0x3333333333333333)
        x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0F
        return ((x * 0x0101010101010101) >> 56) & 0xFF

    @njit(cache=True)
    def _half_dp(casts, durations, table, low_act, high_act, split, low_mask, f, cap):
        """``f`` on every set of at most ceil(n/2) scenes, values capped at ``cap`` (an upper bound
        on the optimum: a set that costs more is on no optimal path); larger sets are left unset.

        Sets are visited in numeric order (a set minus a scene is a smaller number, so it is done
        already), not size by size: the sets a transition reads are then mostly ones written a
        moment ago, still in cache (measured 20-25 % faster than Gosper's size-by-size order). The
        order runs in blocks of one high half with every low half, so the high half's actors and
        size are looked up once per block.
        """
        n = casts.shape[0]
        high_mask = (np.int64(1) << (n - split)) - 1
        half = (n + 1) // 2
        low_bits = np.zeros(low_mask + 1, np.int64)
        for x in range(1, low_mask + 1):
            low_bits[x] = low_bits[x & (x - 1)] + 1
        f[0] = 0
        for high in range(high_mask + 1):
            room = half - _popcount(high)
            if room < 0:
                continue
            # the high half's share of both unions, once per block of 2^split sets
            high_played = high_act[high]
            high_rest = high_act[high_mask ^ high]
            base = high << split
            for low_part in range(low_mask + 1):
                if low_bits[low_part] > room:
                    continue
                q = base | low_part
                if q == 0:
                    continue
                # held during s: played before (came) and plays again after s, i.e. in q but not in s;
                # so a transition reads only f[q minus s] (one memory access)
                waiting = (low_act[low_mask ^ low_part] | high_rest) & (low_act[low_part] | high_played)
                best = np.int64(1) << 40
                rest = q
                while rest:
                    low = rest & -rest
                    rest ^= low
                    s = trailing_zeros(low)
                    value = f[q ^ low] + durations[s] * table[waiting & ~casts[s]]
                    if value < best:
                        best = value
                f[q] = best if best < cap else cap

    @njit(cache=True)
    def _path(casts, durations, table, low_act, high_act, split, low_mask, f, q, out, start):
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
                held = _holding_of(casts, durations, table, low_act, high_act, split, low_mask, full, q, s)
                if f[q ^ low] + held == f[q]:
                    out[k] = s
                    k += 1
                    q ^= low
                    break
        return k

    @njit(cache=True)
    def _solve(casts, durations, table, act_dtype_sample, f, cap):
        n = casts.shape[0]
        full = (np.int64(1) << n) - 1
        low_act, high_act, split, low_mask = _half_tables(casts, act_dtype_sample)
        _half_dp(casts, durations, table, low_act, high_act, split, low_mask, f, cap)
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
        k = _path(casts, durations, table, low_act, high_act, split, low_mask, f, best_first, order, 0)
        order[:k] = order[:k][::-1].copy()
        _path(casts, durations, table, low_act, high_act, split, low_mask, f, full ^ best_first, order, k)
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
    act_dtype_sample = np.zeros(1, np.uint16 if len(costs) <= 16 else np.int32)
    cap = upper + 1
    values = np.zeros(size, np.uint16 if cap < 1 << 16 else np.int32)
    value, order = _solve(
        np.array(casts, np.int64),
        np.array(durations, np.int64),
        exact_jit.weight_table(costs),
        act_dtype_sample,
        values,
        cap,
    )
    return int(value), [int(s) for s in order]
