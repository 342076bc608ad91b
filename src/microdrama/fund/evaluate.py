"""The whole evaluation: applications → evidence → scores → allocation → reasons → sensitivity."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from microdrama.fund.allocate import Allocation, Candidate, Terms, allocate, order
from microdrama.fund.application import Application, read_portfolio
from microdrama.fund.evidence import declared_evidence, figures
from microdrama.fund.rubric import CRITERIA, Rubric, load_rubric, score
from microdrama.fund.sensitivity import sensitivity


@dataclass
class Evaluation:
    """Everything the outputs are written from."""

    terms: Terms
    rubric: Rubric
    applications: list[Application]
    evidence: dict[str, list[dict[str, Any]]]
    scores: dict[str, dict[str, Any]]
    allocation: Allocation
    ranked: list[str]
    reasons: dict[str, str]
    sensitivity: list[dict[str, Any]]


def candidates(apps: list[Application], scores: dict[str, dict[str, Any]]) -> list[Candidate]:
    """The optimiser's view of the applications."""
    return [
        Candidate(a.id, scores[a.id]["total"], scores[a.id]["criteria"], scores[a.id]["eligible"], a.requested)
        for a in apps
    ]


def reasons(
    apps: list[Application],
    scores: dict[str, dict[str, Any]],
    result: Allocation,
    plain: Allocation | None,
    terms: Terms,
    rubric: Rubric,
) -> dict[str, str]:
    """Why each application got what it got, in a sentence."""
    out = {}
    least = math.ceil(terms.min_grant / terms.step - 1e-9) * terms.step
    for app in apps:
        grant, s = result.grants[app.id], scores[app.id]
        covering = [c for c, ids in result.covered.items() if app.id in ids]
        if not s["eligible"]:
            out[app.id] = f"not funded: total {s['total']:.1f} is below the eligibility threshold {rubric.min_total:g}"
        elif min(app.requested, terms.cap) < least:
            out[app.id] = (
                f"not funded: the request ({app.requested:,.0f}) is below the minimum useful grant ({least:,.0f})"
            )
        elif grant == 0:
            out[app.id] = "not funded: the pool went to higher-scoring applications"
        elif plain is not None and plain.grants[app.id] == 0 and covering:
            out[app.id] = (
                f"funded {grant:,.0f} so that {', '.join(covering)} is covered (strongest there without a grant)"
            )
        elif grant >= app.requested - 0.5:
            out[app.id] = f"funded in full ({grant:,.0f})"
        elif grant >= math.floor(min(app.requested, terms.cap) / terms.step + 1e-9) * terms.step - 0.5:
            out[app.id] = (
                f"funded {grant:,.0f} of {app.requested:,.0f} (request rounded down to the {terms.step:,.0f} step)"
            )
        else:
            below = [a.id for a in apps if result.grants[a.id] > 0 and scores[a.id]["total"] < s["total"]]
            out[app.id] = (
                f"funded {grant:,.0f} of {app.requested:,.0f}: the rest of the pool went to {', '.join(below)} "
                "at the minimum grant rather than stay unspent"
                if below
                else f"funded {grant:,.0f} of {app.requested:,.0f}: what was left of the pool"
            )
    return out


def evaluate(
    paths: list[Path], terms: Terms, rubric_path: Path | None = None, *, with_sensitivity: bool = True
) -> Evaluation:
    """Read, score and allocate the applications in ``paths`` under ``terms``."""
    terms.check()
    apps = read_portfolio(paths, terms.cap)
    evidence = {a.id: declared_evidence(a) for a in apps}
    figs = {a.id: figures(a, evidence[a.id]) for a in apps}
    rubric = load_rubric(rubric_path, figures=set(next(iter(figs.values()))))

    def scored(r: Rubric) -> dict[str, dict[str, Any]]:
        return {a.id: score(figs[a.id], r) for a in apps}

    scores = scored(rubric)
    cands = candidates(apps, scores)
    result = allocate(cands, terms)
    plain = allocate(cands, terms, cover=False) if terms.cover else None
    rows = sensitivity(result, cands, rubric, lambda r: candidates(apps, scored(r)), terms) if with_sensitivity else []
    return Evaluation(
        terms=terms,
        rubric=rubric,
        applications=apps,
        evidence=evidence,
        scores=scores,
        allocation=result,
        ranked=[c.id for c in order(cands)],
        reasons=reasons(apps, scores, result, plain, terms, rubric),
        sensitivity=rows,
    )


def ranked_rows(ev: Evaluation) -> list[dict[str, Any]]:
    """The ranked table: one row per application, best score first."""
    apps = {a.id: a for a in ev.applications}
    rows = []
    for rank, app_id in enumerate(ev.ranked, 1):
        app, s = apps[app_id], ev.scores[app_id]
        facts = ev.evidence[app_id]
        grant = ev.allocation.grants[app_id]
        rows.append(
            {
                "rank": rank,
                "id": app_id,
                "applicant": app.applicant,
                "title": app.title,
                "total": s["total"],
                **{c: s["criteria"][c] for c in CRITERIA},
                "eligible": s["eligible"],
                "budget": app.budget,
                "requested": app.requested,
                "grant": grant,
                "share_of_request": round(grant / app.requested, 3),
                "evidenced_facts": sum(1 for f in facts if f["evidenced"]),
                "declared_facts": len(facts),
                "reason": ev.reasons[app_id],
            }
        )
    return rows
