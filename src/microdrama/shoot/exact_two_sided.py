"""Double-ended talent-scheduling search, compiled with numba (Garcia de la Banda et al. 2011 §5; Qin et al. 2016).

Scenes are placed alternately at the front and at the back of the order. An actor who plays both in
the front part and in the back part is on location for every scene still to place that they are not
in, so their holding cost is known exactly; actors open on one side only get the single-machine
(Smith's rule) bound of ``exact.py`` from that side. The bound is much stronger than the one-ended
search's on instances with many actors, at the price of more distinct states (the state is the set
of scenes left plus the actors seen at each end). ``exact.solve_talent`` runs both as a portfolio.
"""

from __future__ import annotations

import numpy as np

from microdrama.shoot import exact_jit

# numba is optional at run time (it may not load on a platform without its LLVM): without it the
# Python search runs, so the compiled two-sided search and its imports exist only when it loads
if exact_jit.available():
    from numba import njit, types
    from numba.typed import Dict

    from microdrama.shoot.exact_jit import _bound, _lowest, _popcount, _weight

    _i64 = types.int64

    @njit(cache=True)
    def _actors_in(actor_scenes, scenes):
        mask = np.int64(0)
        for a in range(actor_scenes.shape[0]):
            if actor_scenes[a] & scenes:
                mask |= np.int64(1) << a
        return mask

    @njit(cache=True)
    def _two_bound(casts, durations, costs, table, q, in_q, f, e, half_cache, ratio, actors):
        if q == 0:
            return 0
        n = casts.shape[0]
        both = f & e
        total = 0
        if both:  # held through every scene left that they are not in: d(Q) w(both) - sum_s d_s w(both & cast_s)
            rest = q
            while rest:
                low = rest & -rest
                rest ^= low
                s = _lowest(low)
                total += durations[s] * (_weight(table, costs, both) - _weight(table, costs, both & casts[s]))
        front = f & ~e & in_q
        back = e & ~f & in_q
        # the one-sided bounds are cached under (scenes, waiting actors)
        if front:
            total += _bound(casts, durations, costs, q, front, half_cache, ratio, actors, q | (front << n))
        if back:
            total += _bound(casts, durations, costs, q, back, half_cache, ratio, actors, q | (back << n))
        return total

    @njit(cache=True)
    def _key(n, m, q, in_q, f, e):
        return q | ((f & (in_q | e)) << n) | ((e & (in_q | f)) << (n + m))

    @njit(cache=True)
    def _two_search(
        casts,
        durations,
        costs,
        table,
        actor_scenes,
        q,
        f,
        e,
        budget,
        exact,
        lower,
        half_cache,
        state,
        scratch,
        ratio,
        actors,
    ):
        """Holding cost still to pay from (scenes left, actors at the front, actors at the back).

        Exact when below ``budget``, else a lower bound >= ``budget``. ``exact`` maps a state key to
        value * 128 + scene * 2 + (1 if placed at the front); ``state`` = [nodes, limit, aborted].
        """
        if q == 0:
            return 0
        n = casts.shape[0]
        m = costs.shape[0]
        in_q = _actors_in(actor_scenes, q)
        key = _key(n, m, q, in_q, f, e)
        known = exact.get(key, -1)
        if known >= 0:
            return known >> 7
        state[0] += 1
        if state[0] > state[1] and state[2] == 0:
            state[2] = 1
        start = _two_bound(casts, durations, costs, table, q, in_q, f, e, half_cache, ratio, actors)
        floor = lower.get(key, -1)
        if floor > start:
            start = floor
        if start >= budget:
            return start
        row = 2 * (n - _popcount(q))
        keys = scratch[row]
        without = scratch[row + 1]  # actors of q minus scene s, per scene s
        rest = q
        while rest:
            low = rest & -rest
            rest ^= low
            s = _lowest(low)
            drop = np.int64(0)
            w = casts[s]
            while w:
                bit = w & -w
                w ^= bit
                if (actor_scenes[_lowest(bit)] & q) == low:
                    drop |= bit
            without[s] = in_q & ~drop
        count = 0
        # a forced move at either end: the scene's cast is all that is on location there, nobody new
        rest = q
        while rest:
            low = rest & -rest
            rest ^= low
            s = _lowest(low)
            cast = casts[s]
            others = without[s]
            if (cast & ~f) == 0 and ((f & (others | e)) & ~cast) == 0:
                keys[0] = (s << 1) | 1
                count = -1
                break
            if (cast & ~e) == 0 and ((e & (others | f)) & ~cast) == 0:
                keys[0] = s << 1
                count = -1
                break
        forced = count < 0
        if forced:
            count = 1
        else:
            at_front = (n - _popcount(q)) % 2 == 0
            rest = q
            while rest:
                low = rest & -rest
                rest ^= low
                s = _lowest(low)
                cast = casts[s]
                child = q ^ low
                others = without[s]
                if at_front:
                    held = (f & (others | e)) & ~cast
                    nf = f | cast
                    ne = e
                else:
                    held = (e & (others | f)) & ~cast
                    nf = f
                    ne = e | cast
                holding = durations[s] * _weight(table, costs, held)
                ckey = _key(n, m, child, others, nf, ne)
                known = exact.get(ckey, -1)
                if known >= 0:
                    estimate = known >> 7
                else:
                    estimate = _two_bound(
                        casts, durations, costs, table, child, others, nf, ne, half_cache, ratio, actors
                    )
                    floor = lower.get(ckey, -1)
                    if floor > estimate:
                        estimate = floor
                k_new = ((holding + estimate) << 40) | (holding << 7) | (s << 1) | (1 if at_front else 0)
                k = count
                while k > 0 and keys[k - 1] > k_new:
                    keys[k] = keys[k - 1]
                    k -= 1
                keys[k] = k_new
                count += 1
        best = budget
        best_move = -1
        none = np.int64(1) << 62
        failed = none
        mask33 = (np.int64(1) << 33) - 1
        for i in range(count):
            k_i = keys[i]
            move = k_i & 127
            if forced:
                estimate = 0
                holding = 0
            else:
                estimate = k_i >> 40
                holding = (k_i >> 7) & mask33
            if estimate >= best or state[2] != 0:
                if estimate < failed:
                    failed = estimate
                if estimate >= best:
                    break
                continue
            s = move >> 1
            cast = casts[s]
            if forced:
                others = without[s]
                if move & 1:
                    holding = durations[s] * _weight(table, costs, (f & (others | e)) & ~cast)
                else:
                    holding = durations[s] * _weight(table, costs, (e & (others | f)) & ~cast)
            if move & 1:
                value = holding + _two_search(
                    casts,
                    durations,
                    costs,
                    table,
                    actor_scenes,
                    q ^ (np.int64(1) << s),
                    f | cast,
                    e,
                    best - holding,
                    exact,
                    lower,
                    half_cache,
                    state,
                    scratch,
                    ratio,
                    actors,
                )
            else:
                value = holding + _two_search(
                    casts,
                    durations,
                    costs,
                    table,
                    actor_scenes,
                    q ^ (np.int64(1) << s),
                    f,
                    e | cast,
                    best - holding,
                    exact,
                    lower,
                    half_cache,
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
                best_move = move
            elif value < failed:
                failed = value
        if state[2] != 0:
            low_value = best if best < failed else failed
            return start if start > low_value else low_value
        if best_move >= 0:
            exact[key] = (best << 7) | best_move
            return best
        result = budget if failed == none else failed
        if result < start:
            result = start
        lower[key] = result
        return result

    @njit(cache=True)
    def _two_run(casts, durations, costs, table, actor_scenes, incumbent, node_limit):
        n = casts.shape[0]
        m = costs.shape[0]
        full = (np.int64(1) << n) - 1
        exact = Dict.empty(key_type=_i64, value_type=_i64)
        lower = Dict.empty(key_type=_i64, value_type=_i64)
        half_cache = Dict.empty(key_type=_i64, value_type=_i64)
        state = np.zeros(3, np.int64)
        state[1] = node_limit
        scratch = np.zeros((2 * (n + 1), max(n, 1)), np.int64)
        ratio = np.zeros(max(m, 1))
        actors = np.zeros(max(m, 1), np.int64)
        value = _two_search(
            casts,
            durations,
            costs,
            table,
            actor_scenes,
            full,
            np.int64(0),
            np.int64(0),
            incumbent + 1,
            exact,
            lower,
            half_cache,
            state,
            scratch,
            ratio,
            actors,
        )
        front = np.full(n, -1, np.int64)
        back = np.full(n, -1, np.int64)
        nf = 0
        nb = 0
        if state[2] == 0 and value <= incumbent:
            q, f, e = full, np.int64(0), np.int64(0)
            while q:
                move = exact[_key(n, m, q, _actors_in(actor_scenes, q), f, e)] & 127
                s = move >> 1
                if move & 1:
                    front[nf] = s
                    nf += 1
                    f |= casts[s]
                else:
                    back[nb] = s
                    nb += 1
                    e |= casts[s]
                q ^= np.int64(1) << s
        order = np.empty(nf + nb, np.int64)
        order[:nf] = front[:nf]
        for i in range(nb):
            order[nf + i] = back[nb - 1 - i]
        return value, order, state[0], state[2]


def search_two_sided(
    casts: tuple[int, ...], durations: tuple[int, ...], costs: tuple[int, ...], incumbent: int, node_limit: int
) -> tuple[int, list[int], int, bool]:
    """(value, order or [] when the incumbent stands, nodes, aborted) of the double-ended search."""
    n = len(casts)
    actor_scenes = np.array([sum(1 << s for s in range(n) if casts[s] >> a & 1) for a in range(len(costs))], np.int64)
    value, order, nodes, aborted = _two_run(
        np.array(casts, np.int64),
        np.array(durations, np.int64),
        np.array(costs, np.int64),
        exact_jit.weight_table(costs),
        actor_scenes,
        incumbent,
        node_limit,
    )
    return int(value), [int(s) for s in order], int(nodes), bool(aborted)
