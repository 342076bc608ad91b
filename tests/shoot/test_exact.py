"""The exact talent-scheduling solver: brute force on small random cases, bound validity, the benchmark files."""

from __future__ import annotations

import csv
import itertools
import random
from pathlib import Path

import pytest

from microdrama.shoot.exact import _HoldingSearch, reduce_instance, solve_talent
from microdrama.shoot.talent import TalentInstance, read_instance


def random_instance(rng: random.Random, n: int, m: int, *, shortest: int = 1) -> TalentInstance:
    plays = tuple(tuple(rng.random() < 0.45 for _ in range(n)) for _ in range(m))
    return TalentInstance(
        name="random",
        durations=tuple(rng.randint(shortest, 4) for _ in range(n)),
        costs=tuple(rng.randint(1, 6) for _ in range(m)),
        plays=plays,
    )


def brute_force(instance: TalentInstance) -> int:
    return min(instance.cost(order) for order in itertools.permutations(range(instance.n_scenes)))


def test_cost_of_an_order_by_hand() -> None:
    # tiny from the benchmark README: actor 0 plays scenes 0,2; actor 1 scenes 0,1,3; actor 2 scenes 1,2
    tiny = TalentInstance(
        name="tiny",
        durations=(1, 2, 3, 1),
        costs=(1, 2, 3),
        plays=((True, False, True, False), (True, True, False, True), (False, True, True, False)),
    )
    assert tiny.fixed_cost() == 1 * 4 + 2 * 4 + 3 * 5
    # order 2 1 0 3: actor0 from 0 to 6 (6), actor1 from 3 to 7 (4 -> 8), actor2 from 0 to 5 (5 -> 15)
    assert tiny.cost([2, 1, 0, 3]) == 6 + 8 + 15
    assert solve_talent(tiny).cost == 29


@pytest.mark.parametrize("seed", range(12))
def test_matches_brute_force_on_random_small_instances(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(8):
        n = rng.randint(1, 8 if seed < 4 else 7)
        instance = random_instance(rng, n, rng.randint(1, 6), shortest=0 if seed % 3 == 2 else 1)
        solution = solve_talent(instance)
        best = brute_force(instance)
        assert solution.cost == best
        assert solution.optimal and solution.lower_bound == best
        assert sorted(solution.order) == list(range(n))
        assert instance.cost(solution.order) == solution.cost
        assert solution.holding_cost == best - instance.fixed_cost()


def test_zero_durations_and_idle_actors() -> None:
    # a zero-length scene still pins its actors' first/last day; an actor in every scene never waits
    instance = TalentInstance(
        name="edge",
        durations=(0, 2, 1, 3, 0),
        costs=(5, 1, 2, 0),
        plays=(
            (True, True, False, True, False),
            (False, True, True, True, True),
            (True, False, True, False, True),
            (True, True, True, True, True),
        ),
    )
    assert solve_talent(instance).cost == brute_force(instance)


def _true_holding(search: _HoldingSearch) -> dict[int, int]:
    """Plain DP (no bounds, no dominance) over every remaining set: the optimal holding still to pay."""
    n, weight, casts, durations = search.n, search.weight, search.casts, search.durations
    full = (1 << n) - 1

    def actors_of(scenes: int) -> int:
        mask = 0
        for s in range(n):
            if scenes >> s & 1:
                mask |= casts[s]
        return mask

    value = {0: 0}
    for remaining in sorted(range(1, full + 1), key=lambda q: bin(q).count("1")):
        on_location = actors_of(remaining) & actors_of(full ^ remaining)
        value[remaining] = min(
            durations[s] * weight(on_location & ~casts[s]) + value[remaining ^ (1 << s)]
            for s in range(n)
            if remaining >> s & 1
        )
    return value


@pytest.mark.parametrize("seed", range(6))
def test_lower_bound_never_exceeds_the_true_remaining_cost(seed: int) -> None:
    rng = random.Random(100 + seed)
    checked = 0
    for _ in range(5):
        instance = random_instance(rng, rng.randint(4, 9), rng.randint(3, 7))
        reduced = reduce_instance(instance)
        if not reduced.casts:
            continue
        search = _HoldingSearch(reduced.casts, reduced.durations, reduced.costs, node_limit=10**6)
        truth = _true_holding(search)
        full = search.all
        for remaining, optimum in truth.items():
            came = search._actors_of(full ^ remaining)
            left = search._actors_of(remaining)
            assert search.bound(remaining, came & left) <= optimum
            checked += 1
    assert checked > 50


def test_node_budget_gives_a_valid_bound_and_a_feasible_order() -> None:
    rng = random.Random(7)
    for _ in range(8):
        instance = random_instance(rng, 7, 6)
        best = brute_force(instance)
        solution = solve_talent(instance, node_limit=3)
        assert solution.lower_bound <= best <= solution.cost
        assert instance.cost(solution.order) == solution.cost
        assert solution.optimal == (solution.lower_bound == solution.cost)


def _optima(shared_dir: Path) -> list[dict[str, str]]:
    with (shared_dir / "bench" / "talent" / "optima.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_benchmark_instances_are_solved_to_the_published_optimum(shared_dir: Path) -> None:
    rows = [r for r in _optima(shared_dir) if r["name"] != "Shaw2020"]
    assert len(rows) >= 20
    for row in rows:
        instance = read_instance(shared_dir / "bench" / "talent" / row["file"])
        solution = solve_talent(instance)
        assert solution.optimal, row["file"]
        assert solution.cost == int(row["optimal_total"]), row["file"]
        assert solution.holding_cost == int(row["optimal_holding"]), row["file"]
        assert instance.fixed_cost() == int(row["fixed_cost"]), row["file"]
        expected_order = [int(t) for t in row["optimal_order_0based"].split()]
        assert instance.cost(expected_order) == solution.cost


def test_shaw2020_is_proved_optimal(shared_dir: Path) -> None:
    instance = read_instance(shared_dir / "bench" / "talent" / "dat" / "Shaw2020")
    solution = solve_talent(instance)
    assert (solution.cost, solution.optimal) == (877, True)
