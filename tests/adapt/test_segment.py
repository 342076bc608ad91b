"""Episode count, event selection, the cut-point optimiser, paywall and cold-open choice on plain numbers."""

from __future__ import annotations

import doctest
import itertools
import math
import random

import pytest

from microdrama.adapt import segment
from microdrama.adapt.segment import (
    FULL_SAFETY,
    PROTECTED_MS,
    TOLERANCE,
    W_CLIFF,
    W_EVEN,
    W_HOOK,
    choose_cuts,
    cold_open_event,
    episode_count,
    paywall_episode,
    select_events,
)


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(segment).failed == 0


def test_the_count_is_what_the_material_fills() -> None:
    assert episode_count([10_000] * 100, 60, 90_000)[0] == 11  # 1000 s / (0.95 × 90 s)
    assert episode_count([500_000] * 3, 60, 90_000)[0] == 3  # one event per episode at least
    count, notes = episode_count([1_000], 5, 90_000)
    assert count == 1 and "Reduced the series from 5 to 1" in notes[0]
    with pytest.raises(ValueError):
        episode_count([1], 0, 1)


@pytest.mark.parametrize("seed", range(5))
def test_cuts_are_contiguous_and_never_empty(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.randint(5, 300)
    shortest = [rng.randint(1_000, 8_000) for _ in range(size)]
    fullest = [s + rng.randint(0, 60_000) for s in shortest]
    cliff = [rng.random() for _ in range(size)]
    count = rng.randint(1, size)
    bounds = choose_cuts(shortest, fullest, cliff, cliff, count, [90_000] * count)
    assert len(bounds) == count
    assert bounds[0][0] == 0 and bounds[-1][1] == size
    assert all(a < b for a, b in bounds)
    assert all(bounds[i][1] == bounds[i + 1][0] for i in range(count - 1))


def _feasible(shortest: list[int], fullest: list[int], a: int, b: int, target: int) -> bool:
    return sum(shortest[a:b]) + PROTECTED_MS <= target * (1 + TOLERANCE) and sum(
        fullest[a:b]
    ) * FULL_SAFETY >= target * (1 - TOLERANCE)


def _objective(
    bounds: list[tuple[int, int]], fullest: list[int], cliff: list[float], hook: list[float], target: int
) -> float:
    """The optimiser's objective, written out plainly."""
    fair = max(1.0, sum(fullest) / (target * len(bounds)))
    score = sum(W_CLIFF * cliff[b - 1] for _, b in bounds[:-1]) + sum(W_HOOK * hook[a] for a, _ in bounds[1:])
    return score - sum(W_EVEN * abs(math.log(sum(fullest[a:b]) / (target * fair))) for a, b in bounds)


def _brute_force(
    shortest: list[int], fullest: list[int], cliff: list[float], hook: list[float], count: int, target: int
) -> float:
    """Best objective over all feasible partitions."""
    size = len(shortest)
    best = float("-inf")
    for cuts in itertools.combinations(range(1, size), count - 1):
        edges = [0, *cuts, size]
        spans = list(itertools.pairwise(edges))
        if not all(_feasible(shortest, fullest, a, b, target) for a, b in spans):
            continue
        best = max(best, _objective(spans, fullest, cliff, hook, target))
    return best


def test_a_hand_made_story_cuts_after_its_cliffhangers() -> None:
    """14 events of 32 s (10 s at their shortest), 4 episodes of 90 s: each episode needs 3 events or
    more to fill its 81 s (32 × 3 × 0.9), and holds at most 9 at their shortest. Events 2, 5 and 9 end
    on a cliffhanger; the optimum cuts right after them (3, 3, 4, 4 events), not at equal shares."""
    shortest, fullest = [10_000] * 14, [32_000] * 14
    cliff = [0.1] * 14
    for i in (2, 5, 9):
        cliff[i] = 0.9
    bounds = choose_cuts(shortest, fullest, cliff, [0.0] * 14, 4, [90_000] * 4)
    assert bounds == [(0, 3), (3, 6), (6, 10), (10, 14)]
    cliff[9], cliff[8] = 0.1, 0.9  # the third cliffhanger moves: so does the cut
    assert choose_cuts(shortest, fullest, cliff, [0.0] * 14, 4, [90_000] * 4)[2] == (6, 9)
    cliff[8], cliff[7] = 0.1, 0.9  # a cut after event 7 would leave 2 events (58 s) to episode 3: too short
    assert choose_cuts(shortest, fullest, cliff, [0.0] * 14, 4, [90_000] * 4)[2] != (6, 8)


def test_runtime_beats_tension() -> None:
    """A very tense event too early for a cut that keeps the runtime within ±10 % is not cut after."""
    shortest, fullest = [5_000] * 10, [20_000] * 10
    cliff = [0.0] * 10
    cliff[1] = 1.0  # ending episode 1 after event 1 leaves it at 40 s of material: infeasible
    bounds = choose_cuts(shortest, fullest, cliff, [0.0] * 10, 2, [90_000] * 2)
    assert bounds[0][1] >= 5  # ≥ 5 events × 20 s × 0.9 ≥ 81 s


@pytest.mark.parametrize("seed", range(8))
def test_the_optimiser_matches_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.randint(6, 11)
    count = rng.randint(2, min(4, size // 2))  # episodes of 2+ events (2 × 50 s × 0.9 ≥ 81 s) exist
    shortest = [rng.randint(2_000, 8_000) for _ in range(size)]
    fullest = [rng.randint(45_000, 60_000) for _ in range(size)]
    cliff = [round(rng.random(), 2) for _ in range(size)]
    hook = [round(rng.random(), 2) for _ in range(size)]
    target = 90_000
    best = _brute_force(shortest, fullest, cliff, hook, count, target)
    assert best > float("-inf")
    bounds = choose_cuts(shortest, fullest, cliff, hook, count, [target] * count)
    assert all(_feasible(shortest, fullest, a, b, target) for a, b in bounds)
    assert _objective(bounds, fullest, cliff, hook, target) == pytest.approx(best)


def test_an_impossible_shape_still_gets_contiguous_episodes() -> None:
    bounds = choose_cuts([50_000] * 5, [60_000] * 5, [0.5] * 5, [0.5] * 5, 2, [90_000] * 2)
    assert bounds[0][0] == 0 and bounds[-1][1] == 5 and bounds[0][1] == bounds[1][0]


def test_selection_keeps_the_ends_and_the_most_valuable_events() -> None:
    values = [i / 30 for i in range(30)]
    values[0] = 0.0
    kept = select_events([10_000] * 30, values, 50_000)
    assert kept == [0, 26, 27, 28, 29]
    assert select_events([10_000] * 3, [0.0] * 3, 100_000) == [0, 1, 2]


@pytest.mark.parametrize("count", [5, 8, 12, 30, 60, 80, 100])
def test_the_paywall_is_ten_to_twenty_percent_in(count: int) -> None:
    number, _ = paywall_episode([0.5] * count, [0.0] * count, 0)
    assert number is not None
    assert max(2, round(count * 0.1)) <= number <= max(2, round(count * 0.2 + 0.01))


def test_the_paywall_goes_on_the_strongest_turn_in_its_window() -> None:
    ends = [0.3] * 80
    ends[11], ends[13] = 0.9, 0.9
    rises = [0.0] * 80
    rises[13] = 0.6
    assert paywall_episode(ends, rises, 0)[0] == 14
    moved = (80, ["Paywall episode 99 is past the last episode; moved to episode 80."])
    assert paywall_episode(ends, rises, 99) == moved
    assert paywall_episode([0.5] * 4, [0.0] * 4, 0) == (None, [])


def test_cold_open_avoids_the_first_episode() -> None:
    assert cold_open_event([0.1, 0.9, 0.2, 0.3], [0.5] * 4, 3) == 3
    assert cold_open_event([], [], 0) is None
