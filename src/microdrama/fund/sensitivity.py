"""How the allocation moves when each criterion's weight moves by ±20 % (the others renormalised)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from microdrama.fund.allocate import Allocation, Candidate, Terms, allocate, order
from microdrama.fund.rubric import CRITERIA, Rubric

FACTORS = (0.8, 1.2)


def sensitivity(
    base: Allocation,
    base_candidates: list[Candidate],
    rubric: Rubric,
    candidates_for: Callable[[Rubric], list[Candidate]],
    terms: Terms,
) -> list[dict[str, Any]]:
    """One row per (criterion, factor): applications whose grant changes, money moved, entries and exits."""
    base_rank = {c.id: i for i, c in enumerate(order(base_candidates), 1)}
    rows = []
    for criterion in CRITERIA:
        for factor in FACTORS:
            moved_rubric = rubric.with_weight(criterion, factor)
            cands = candidates_for(moved_rubric)
            result = allocate(cands, terms)
            rank = {c.id: i for i, c in enumerate(order(cands), 1)}
            changed = sorted(i for i in base.grants if abs(result.grants[i] - base.grants[i]) > 0.5)
            rows.append(
                {
                    "criterion": criterion,
                    "change": f"{factor - 1:+.0%}",
                    "weights": {k: round(v, 3) for k, v in moved_rubric.weights.items()},
                    "grants_changed": len(changed),
                    "money_moved": sum(abs(result.grants[i] - base.grants[i]) for i in base.grants) / 2,
                    "funded_now": sorted(i for i in changed if base.grants[i] == 0),
                    "unfunded_now": sorted(i for i in changed if result.grants[i] == 0),
                    "max_rank_shift": max((abs(rank[i] - base_rank[i]) for i in rank), default=0),
                    "changed": changed,
                }
            )
    return rows
