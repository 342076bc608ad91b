"""Episode count, cut points, event selection, paywall and cold-open choice on plain numbers."""

from __future__ import annotations

import doctest
import random

import pytest

from microdrama.adapt import segment
from microdrama.adapt.segment import (
    choose_cuts,
    cold_open_event,
    episode_count,
    paywall_episode,
    select_events,
)


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(segment).failed == 0


def test_the_count_is_what_the_material_fills() -> None:
    assert episode_count([10_000] * 100, 60, 90_000)[0] == 12  # 1000 s / (0.9 × 90 s)
    assert episode_count([500_000] * 3, 60, 90_000)[0] == 3  # one event per episode at least
    assert episode_count([1_000], 5, 90_000) == (1, [episode_count([1_000], 5, 90_000)[1][0]])
    with pytest.raises(ValueError):
        episode_count([1], 0, 1)


@pytest.mark.parametrize("seed", range(5))
def test_cuts_are_contiguous_and_never_empty(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.randint(5, 400)
    costs = [rng.randint(1_000, 60_000) for _ in range(size)]
    tensions = [rng.random() for _ in range(size)]
    count = rng.randint(1, size)
    bounds = choose_cuts(costs, tensions, count, 90_000)
    assert len(bounds) == count
    assert bounds[0][0] == 0 and bounds[-1][1] == size
    assert all(a < b for a, b in bounds)
    assert all(bounds[i][1] == bounds[i + 1][0] for i in range(count - 1))


def test_a_cut_goes_after_the_tensest_event_near_its_ideal_place() -> None:
    costs = [10_000] * 20
    tensions = [0.1] * 20
    tensions[11] = 0.9  # ideal cut after event 9 (100 s of 200 s); 11 is within the window
    tensions[2] = 1.0  # far from the ideal place: ignored
    # 200 s of material for 2 × 50 s: events will be cut anyway, so the cut may move ±30 s
    assert choose_cuts(costs, tensions, 2, 50_000) == [(0, 12), (12, 20)]


def test_a_tight_book_keeps_cuts_near_the_ideal_place() -> None:
    costs = [10_000] * 20
    tensions = [0.1] * 20
    tensions[13] = 0.9
    assert choose_cuts(costs, tensions, 2, 100_000) == [(0, 10), (10, 20)]


def test_selection_keeps_the_cliffhanger_and_the_best_events() -> None:
    kept = select_events(10, 20, [30_000] * 30, [i / 30 for i in range(30)], 90_000)
    assert kept[-1] == 19 and len(kept) == 3 and kept == [17, 18, 19]


@pytest.mark.parametrize("count", [5, 8, 12, 30, 60, 80, 100])
def test_the_paywall_is_ten_to_twenty_percent_in(count: int) -> None:
    number, _ = paywall_episode([0.5] * count, 0)
    assert number is not None
    assert max(1, round(count * 0.1)) <= number <= max(1, round(count * 0.2 + 0.01))


def test_cold_open_avoids_the_first_episode() -> None:
    assert cold_open_event([0.1, 0.9, 0.2, 0.3], [0.5] * 4, 3) == 3
    assert cold_open_event([], [], 0) is None
