"""The compiled searches: the one-ended one matches the Python search, the double-ended one brute force."""

from __future__ import annotations

import itertools
import random

import pytest

from microdrama.shoot import exact_jit, exact_two_sided
from microdrama.shoot.exact import _HoldingSearch, reduce_instance, solve_talent
from microdrama.shoot.talent import TalentInstance
from microdrama.shoot.talent_random import benchmark_instances, random_talent_instance

pytestmark = pytest.mark.skipif(not exact_jit.available(), reason="numba is not installed")


def holding_brute_force(casts: tuple[int, ...], durations: tuple[int, ...], costs: tuple[int, ...]) -> int:
    best = None
    for order in itertools.permutations(range(len(casts))):
        total, before = 0, 0
        for i, s in enumerate(order):
            after = 0
            for t in order[i + 1 :]:
                after |= casts[t]
            held = before & after & ~casts[s]
            total += durations[s] * sum(c for a, c in enumerate(costs) if held >> a & 1)
            before |= casts[s]
        best = total if best is None else min(best, total)
    return best or 0


@pytest.mark.parametrize("seed", range(6))
def test_double_ended_search_is_exact_on_small_instances(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(6):
        instance = random_talent_instance(rng, scenes=(3, 7), actors=(2, 5), costs=(1, 9))
        reduced = reduce_instance(instance)
        if len(reduced.casts) < 2:
            continue
        truth = holding_brute_force(reduced.casts, reduced.durations, reduced.costs)
        value, order, _, aborted = exact_two_sided.search_two_sided(
            reduced.casts, reduced.durations, reduced.costs, 10**6, 10**6
        )
        assert not aborted and value == truth
        assert sorted(order) == list(range(len(reduced.casts)))


def test_compiled_one_ended_search_is_the_python_search() -> None:
    for instance in benchmark_instances(6):
        reduced = reduce_instance(instance)
        search = _HoldingSearch(reduced.casts, reduced.durations, reduced.costs, 50_000)
        order, incumbent = search.greedy()
        expected = search.search(search.all, 0, search._actors_of(search.all), incumbent + 1)
        value, path, nodes, aborted, _, _ = exact_jit.search_holding(
            reduced.casts, reduced.durations, reduced.costs, [list(r) for r in search.supersets], incumbent, 50_000
        )
        if not search.aborted:
            assert (value, nodes) == (expected, search.nodes)
            if path:
                assert path == search.path(search.all)


def test_portfolio_proves_the_first_random_instances() -> None:
    for instance in benchmark_instances(8):
        compiled = solve_talent(instance)
        assert compiled.optimal
        assert instance.cost(compiled.order) == compiled.cost


def test_generator_is_fixed_and_in_range() -> None:
    first, again = benchmark_instances(20), benchmark_instances(20)
    assert first == again
    for instance in first:
        assert 16 <= instance.n_scenes <= 26 and 6 <= instance.n_actors <= 14
        assert all(1 <= d <= 5 for d in instance.durations) and all(1 <= c <= 100 for c in instance.costs)
        assert all(any(row) for row in instance.plays)
        assert all(any(row[s] for row in instance.plays) for s in range(instance.n_scenes))


def test_local_search_never_worsens_and_keeps_a_permutation() -> None:
    instance = TalentInstance(
        name="t",
        durations=(1, 2, 1, 3, 2),
        costs=(4, 1, 2),
        plays=((True, False, True, False, True), (False, True, True, True, False), (True, True, False, False, True)),
    )
    reduced = reduce_instance(instance)
    start = list(range(len(reduced.casts)))
    search = _HoldingSearch(reduced.casts, reduced.durations, reduced.costs, 10)
    _, greedy_value = search.greedy()
    order, value = exact_jit.improve_order(search.greedy()[0], reduced.casts, reduced.durations, reduced.costs)
    assert sorted(order) == start
    assert holding_brute_force(reduced.casts, reduced.durations, reduced.costs) <= value <= greedy_value
