"""The allocation respects every constraint on random portfolios, and repeats exactly."""

from __future__ import annotations

import math
import random

import pytest

from microdrama.fund.allocate import Candidate, Terms, allocate, order
from microdrama.fund.application import ApplicationError
from microdrama.fund.rubric import CRITERIA


def random_candidates(rng: random.Random, n: int) -> list[Candidate]:
    out = []
    for i in range(n):
        criteria = {c: round(rng.uniform(0, 100), 1) for c in CRITERIA}
        total = round(sum(criteria.values()) / 4, 2)
        if rng.random() < 0.15:  # ties on purpose
            total = 50.0
        out.append(Candidate(f"a{i:03d}", total, criteria, total >= 30, rng.randint(3, 400) * 10_000))
    return out


def assert_constraints(cands: list[Candidate], terms: Terms, grants: dict[str, float]) -> None:
    assert sum(grants.values()) <= terms.pool + 1e-6
    for c in cands:
        g = grants[c.id]
        assert g >= 0 and g <= terms.cap and g <= c.requested
        assert g == 0 or g >= terms.min_grant
        assert g % terms.step == 0
        if not c.eligible:
            assert g == 0


def greedy_objective(cands: list[Candidate], terms: Terms) -> float:
    """Fund in score order, each up to min(request, cap, what is left), skipping remainders below the minimum."""
    left, value = math.floor(terms.pool / terms.step) * terms.step, 0.0
    for c in order(cands):
        most = math.floor(min(c.requested, terms.cap, left) / terms.step) * terms.step
        if c.eligible and most >= terms.min_grant:
            left -= most
            value += round(c.total * 100) * most
    return value


@pytest.mark.parametrize("seed", range(8))
def test_every_constraint_holds_on_random_portfolios(seed: int) -> None:
    rng = random.Random(seed)
    cands = random_candidates(rng, rng.randint(25, 60))
    terms = Terms(
        pool=rng.randint(100, 2000) * 10_000,
        cap=rng.randint(30, 300) * 10_000,
        min_grant=rng.choice([50_000, 100_000, 200_000]),
        step=10_000,
        cover=seed % 2 == 0,
    )
    result = allocate(cands, terms)
    assert result.status == "OPTIMAL"
    assert_constraints(cands, terms, result.grants)
    # score-weighted support at least as good as funding greedily in score order
    achieved = sum(round(c.total * 100) * result.grants[c.id] for c in cands)
    if not terms.cover:
        assert achieved >= greedy_objective(cands, terms)
    # coverage: every criterion with a strong fundable application has one funded
    for criterion, strong in result.covered.items():
        assert any(result.grants[i] > 0 for i in strong), criterion
    # reproducible, also with the applications in another order
    again = allocate(list(reversed(cands)), terms)
    assert again.grants == result.grants


def test_equal_scores_are_broken_by_id() -> None:
    cands = [Candidate(i, 70.0, dict.fromkeys(CRITERIA, 70.0), True, 1_000_000) for i in ("b", "a", "c")]
    result = allocate(cands, Terms(pool=1_500_000, cap=1_000_000, min_grant=100_000))
    assert result.grants == {"a": 1_000_000, "b": 500_000, "c": 0}


def test_a_higher_score_is_never_funded_less_for_a_lower_one_when_both_fit() -> None:
    cands = [
        Candidate("low", 40.0, dict.fromkeys(CRITERIA, 40.0), True, 500_000),
        Candidate("high", 90.0, dict.fromkeys(CRITERIA, 90.0), True, 800_000),
    ]
    result = allocate(cands, Terms(pool=1_000_000, cap=3_000_000, min_grant=100_000))
    assert result.grants == {"high": 800_000, "low": 200_000}


def test_leftover_below_the_minimum_grant_stays_unspent() -> None:
    cands = [
        Candidate("a", 90.0, dict.fromkeys(CRITERIA, 90.0), True, 950_000),
        Candidate("b", 80.0, dict.fromkeys(CRITERIA, 80.0), True, 500_000),
    ]
    result = allocate(cands, Terms(pool=1_000_000, cap=3_000_000, min_grant=100_000))
    assert result.grants["b"] in (0, 100_000) and result.grants["a"] + result.grants["b"] <= 1_000_000
    assert result.grants["a"] >= 900_000


def test_coverage_funds_the_strongest_on_a_criterion_the_ranking_would_skip() -> None:
    strong_intl = {"quality": 20.0, "industry": 20.0, "technology": 20.0, "international": 95.0}
    cands = [
        Candidate("top", 90.0, {**dict.fromkeys(CRITERIA, 90.0), "international": 10.0}, True, 1_000_000),
        Candidate("intl", 40.0, strong_intl, True, 300_000),
    ]
    terms = Terms(pool=1_000_000, cap=3_000_000, min_grant=100_000, cover=True)
    result = allocate(cands, terms)
    assert result.grants["intl"] >= 100_000 and result.grants["top"] == 1_000_000 - result.grants["intl"]
    assert allocate(cands, terms, cover=False).grants["intl"] == 0


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        (Terms(pool=50_000, cap=3_000_000, min_grant=100_000), "--pool"),
        (Terms(pool=-1, cap=3_000_000), "--pool"),
        (Terms(pool=1_000_000, cap=50_000, min_grant=100_000), "--min-grant"),
        (Terms(pool=1_000_000, cap=3_000_000, step=0), "--step"),
    ],
)
def test_impossible_terms_are_refused(terms: Terms, field: str) -> None:
    with pytest.raises(ApplicationError, match=field):
        allocate([], terms)
