"""The allocation as an optimisation (OR-Tools CP-SAT), deterministic on any machine.

Amounts are whole steps (default 10,000). Per application: a grant x (steps) and a funded flag y.

    maximise   Σ c_i · x_i                        c_i = score_i·(n+1) + (n − position_i): score first,
                                                   ties to the application first in (−score, id) order
    subject to Σ x_i ≤ pool
               min_grant · y_i ≤ x_i ≤ min(request_i, cap) · y_i
               y_i = 0 for applications below the eligibility threshold
               Σ_{i strong in c} y_i ≥ 1 for each criterion c   (optional coverage; strong = criterion ≥ threshold)

One worker, a fixed seed and a deterministic time limit (``shoot.cpsat.deterministic_solver``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from microdrama.fund.application import ApplicationError
from microdrama.fund.rubric import CRITERIA
from microdrama.shoot.cpsat import deterministic_solver

#: CP-SAT deterministic time limit, in its deterministic seconds
DETERMINISTIC_TIME = 20.0


@dataclass(frozen=True)
class Terms:
    """The fund's terms: pool, cap, minimum useful grant, amount step, coverage."""

    pool: float
    cap: float
    min_grant: float = 100_000
    step: float = 10_000
    cover: bool = False
    cover_threshold: float = 60.0

    def check(self) -> None:
        """Raise a clear error for terms no allocation can meet."""
        for name in ("pool", "cap", "min_grant", "step"):
            value = getattr(self, name)
            if not value > 0:
                raise ApplicationError(
                    "command line", f"--{name.replace('_', '-')}", f"must be above 0, not {value:,.0f}"
                )
        if self.min_grant > self.cap:
            raise ApplicationError(
                "command line", "--min-grant", f"{self.min_grant:,.0f} is above the cap ({self.cap:,.0f})"
            )
        if self.pool < self.min_grant:
            raise ApplicationError(
                "command line",
                "--pool",
                f"{self.pool:,.0f} is too small for any grant (the minimum useful grant is {self.min_grant:,.0f})",
            )
        if self.step > self.min_grant:
            raise ApplicationError(
                "command line", "--step", f"{self.step:,.0f} is above the minimum grant ({self.min_grant:,.0f})"
            )


@dataclass(frozen=True)
class Candidate:
    """What the optimiser needs of one application."""

    id: str
    total: float
    criteria: dict[str, float]
    eligible: bool
    requested: float


@dataclass
class Allocation:
    """Grants by application id, and what the solver reported."""

    grants: dict[str, float]
    status: str
    objective: float
    covered: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        """Money granted."""
        return sum(self.grants.values())


def order(candidates: list[Candidate]) -> list[Candidate]:
    """Best score first; equal scores by id (the deterministic tie-break)."""
    return sorted(candidates, key=lambda c: (-c.total, c.id))


def allocate(candidates: list[Candidate], terms: Terms, *, cover: bool | None = None) -> Allocation:
    """The grants that maximise score-weighted support under the terms."""
    terms.check()
    cover = terms.cover if cover is None else cover
    ranked = order(candidates)
    n = len(ranked)
    pool = math.floor(terms.pool / terms.step + 1e-9)
    least = math.ceil(terms.min_grant / terms.step - 1e-9)
    model = cp_model.CpModel()
    x, y = {}, {}
    for position, cand in enumerate(ranked):
        most = math.floor(min(cand.requested, terms.cap) / terms.step + 1e-9)
        fundable = cand.eligible and most >= least
        x[cand.id] = model.new_int_var(0, most if fundable else 0, f"x_{position}")
        y[cand.id] = model.new_bool_var(f"y_{position}")
        model.add(x[cand.id] >= least * y[cand.id])
        model.add(x[cand.id] <= (most if fundable else 0) * y[cand.id])
    model.add(sum(x.values()) <= pool)
    notes: list[str] = []
    covered: dict[str, list[str]] = {}
    if cover:
        for criterion in CRITERIA:
            strong = [
                c.id
                for c in ranked
                if c.criteria[criterion] >= terms.cover_threshold
                and c.eligible
                and math.floor(min(c.requested, terms.cap) / terms.step + 1e-9) >= least
            ]
            if strong:
                model.add(sum(y[i] for i in strong) >= 1)
                covered[criterion] = strong
            else:
                notes.append(f"coverage of {criterion}: no eligible application scores ≥ {terms.cover_threshold:g}")
    weights = {c.id: round(c.total * 100) * (n + 1) + (n - p) for p, c in enumerate(ranked)}
    model.maximize(sum(weights[i] * x[i] for i in x))
    solver = deterministic_solver(DETERMINISTIC_TIME)
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE and cover:
        result = allocate(candidates, terms, cover=False)
        result.notes = [
            *notes,
            "coverage of every criterion does not fit the pool: allocated without it",
            *result.notes,
        ]
        return result
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ApplicationError("command line", "", f"the solver found no allocation ({solver.status_name(status)})")
    grants = {c.id: solver.value(x[c.id]) * terms.step for c in ranked}
    return Allocation(
        grants=grants, status=solver.status_name(status), objective=solver.objective_value, covered=covered, notes=notes
    )
