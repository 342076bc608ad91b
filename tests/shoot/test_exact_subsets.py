"""The exhaustive subset DP met in the middle: brute force on small instances, the searches on larger ones."""

from __future__ import annotations

import itertools
import random

import pytest

from microdrama.shoot import exact, exact_jit, exact_subsets
from microdrama.shoot.exact import _HoldingSearch, reduce_instance, solve_talent
from microdrama.shoot.talent_random import benchmark_instances, random_talent_instance

pytestmark = pytest.mark.skipif(not exact_jit.available(), reason="numba is not installed")


def order_holding(casts: tuple[int, ...], durations: tuple[int, ...], costs: tuple[int, ...], order: list[int]) -> int:
    total, before = 0, 0
    for i, s in enumerate(order):
        after = 0
        for t in order[i + 1 :]:
            after |= casts[t]
        held = before & after & ~casts[s]
        total += durations[s] * sum(c for a, c in enumerate(costs) if held >> a & 1)
        before |= casts[s]
    return total


def holding_brute_force(casts: tuple[int, ...], durations: tuple[int, ...], costs: tuple[int, ...]) -> int:
    return min(order_holding(casts, durations, costs, list(p)) for p in itertools.permutations(range(len(casts))))


@pytest.mark.parametrize("seed", range(8))
def test_subset_dp_is_brute_force_on_small_instances(seed: int) -> None:
    rng = random.Random(100 + seed)
    for _ in range(6):
        instance = random_talent_instance(rng, scenes=(2, 8), actors=(2, 6), costs=(1, 9))
        reduced = reduce_instance(instance)
        if len(reduced.casts) < 2:
            continue
        truth = holding_brute_force(reduced.casts, reduced.durations, reduced.costs)
        upper = order_holding(reduced.casts, reduced.durations, reduced.costs, list(range(len(reduced.casts))))
        value, order = exact_subsets.solve_subsets(reduced.casts, reduced.durations, reduced.costs, upper)
        assert value == truth
        assert sorted(order) == list(range(len(reduced.casts)))
        assert order_holding(reduced.casts, reduced.durations, reduced.costs, order) == truth


def test_subset_dp_agrees_with_the_search_on_benchmark_instances() -> None:
    for instance in benchmark_instances(12)[4:12]:
        reduced = reduce_instance(instance)
        search = _HoldingSearch(reduced.casts, reduced.durations, reduced.costs, 10**6)
        order, incumbent = search.greedy()
        value, path, _, aborted, _, _ = exact_jit.search_holding(
            reduced.casts, reduced.durations, reduced.costs, [list(r) for r in search.supersets], incumbent, 10**6
        )
        assert not aborted
        best, dp_order = exact_subsets.solve_subsets(reduced.casts, reduced.durations, reduced.costs, incumbent)
        assert best == min(value, incumbent)
        assert order_holding(reduced.casts, reduced.durations, reduced.costs, dp_order) == best


def test_portfolio_hands_an_unproved_search_to_the_dp(monkeypatch: pytest.MonkeyPatch) -> None:
    # with a one-node first search nothing is proved by the search, so the DP must prove every optimum
    instances = benchmark_instances(6)[1:]  # rand001-005: small enough for the brute-force-checked searches
    references = [solve_talent(instance) for instance in instances]
    monkeypatch.setattr(exact, "PORTFOLIO_BEFORE_SUBSETS", 1)
    for instance, reference in zip(instances, references, strict=True):
        assert reference.optimal
        solution = solve_talent(instance)
        assert solution.nodes > exact_subsets.states(len(reduce_instance(instance).casts))  # the DP ran
        assert solution.optimal and solution.cost == reference.cost
        assert instance.cost(solution.order) == solution.cost


def test_states_and_fits() -> None:
    assert exact_subsets.states(4) == 1 + 4 + 6
    assert exact_subsets.states(5) == 1 + 5 + 10 + 10
    assert exact_subsets.fits(26, 14, 10**6)
    assert not exact_subsets.fits(27, 14, 10**6)
    assert not exact_subsets.fits(20, 21, 10**6)
    assert not exact_subsets.fits(20, 10, 1 << 31)
