"""The rubric (``fund/data/rubric.toml``): criteria weights, eligibility, and the rules that turn evidence
figures into points — and the scoring that explains every point (which figure, which rule)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from microdrama.fund.application import ApplicationError

CRITERIA = ("quality", "industry", "technology", "international")
CRITERION_NAMES = {
    "quality": "high-quality creation",
    "industry": "industry promotion",
    "technology": "technological empowerment",
    "international": "international dissemination",
}
RUBRIC = "data/rubric.toml"


@dataclass(frozen=True)
class Rule:
    """Points for one figure, linear between ``zero`` and ``full``."""

    criterion: str
    id: str
    figure: str
    zero: float
    full: float
    points: float
    why: str

    def earn(self, value: float) -> float:
        """Points earned by ``value`` (0 at ``zero``, all at ``full``, clamped)."""
        if self.full == self.zero:
            return self.points if value >= self.full else 0.0
        share = (value - self.zero) / (self.full - self.zero)
        return self.points * min(1.0, max(0.0, share))


@dataclass(frozen=True)
class Rubric:
    """Weights (normalised), eligibility threshold and rules."""

    weights: dict[str, float]
    min_total: float
    rules: tuple[Rule, ...]
    source: str

    def with_weight(self, criterion: str, factor: float) -> Rubric:
        """The rubric with one criterion's weight multiplied by ``factor`` (then normalised)."""
        raw = dict(self.weights)
        raw[criterion] *= factor
        return Rubric(_normalised(raw), self.min_total, self.rules, self.source)


def _normalised(weights: dict[str, float]) -> dict[str, float]:
    total = sum(weights.values())
    return {k: weights[k] / total for k in CRITERIA}


def load_rubric(path: Path | None = None, figures: set[str] | None = None) -> Rubric:
    """The shipped rubric or ``path``, checked (known criteria and figures, positive weights and points)."""
    where = str(path) if path else f"microdrama/fund/{RUBRIC}"
    text = (
        path.read_text(encoding="utf-8")
        if path
        else resources.files("microdrama.fund").joinpath(RUBRIC).read_text("utf-8")
    )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ApplicationError(where, "", f"not valid TOML ({exc})") from exc
    weights = data.get("weights", {})
    for criterion in CRITERIA:
        value = weights.get(criterion)
        if not isinstance(value, int | float) or value < 0:
            raise ApplicationError(where, f"weights.{criterion}", "needs a number ≥ 0")
    unknown = set(weights) - set(CRITERIA)
    if unknown:
        raise ApplicationError(where, "weights", f"unknown criteria {sorted(unknown)}; criteria: {', '.join(CRITERIA)}")
    if sum(weights[c] for c in CRITERIA) <= 0:
        raise ApplicationError(where, "weights", "at least one weight must be above 0")
    rules = []
    for i, row in enumerate(data.get("rules", [])):
        at = f"rules[{i}]"
        for key in ("criterion", "id", "figure", "zero", "full", "points"):
            if key not in row:
                raise ApplicationError(where, f"{at}.{key}", "missing")
        if row["criterion"] not in CRITERIA:
            raise ApplicationError(
                where, f"{at}.criterion", f"{row['criterion']!r} is not one of {', '.join(CRITERIA)}"
            )
        if figures is not None and row["figure"] not in figures:
            raise ApplicationError(
                where, f"{at}.figure", f"unknown figure {row['figure']!r}; figures: {', '.join(sorted(figures))}"
            )
        if not isinstance(row["points"], int | float) or row["points"] <= 0:
            raise ApplicationError(where, f"{at}.points", "must be a number above 0")
        rules.append(
            Rule(
                row["criterion"],
                row["id"],
                row["figure"],
                float(row["zero"]),
                float(row["full"]),
                float(row["points"]),
                row.get("why", ""),
            )
        )
    for criterion in CRITERIA:
        if not any(r.criterion == criterion for r in rules):
            raise ApplicationError(where, "rules", f"no rule scores {criterion!r}")
    min_total = float(data.get("eligibility", {}).get("min_total", 0.0))
    return Rubric(_normalised({c: float(weights[c]) for c in CRITERIA}), min_total, tuple(rules), where)


def score(figures: dict[str, tuple[float, str]], rubric: Rubric) -> dict[str, Any]:
    """Criterion scores (0–100), the weighted total, and every rule's line of explanation."""
    lines = []
    earned = dict.fromkeys(CRITERIA, 0.0)
    possible = dict.fromkeys(CRITERIA, 0.0)
    for rule in rubric.rules:
        value, source = figures[rule.figure]
        points = rule.earn(value)
        earned[rule.criterion] += points
        possible[rule.criterion] += rule.points
        lines.append(
            {
                "criterion": rule.criterion,
                "rule": rule.id,
                "figure": rule.figure,
                "value": round(value, 4),
                "source": source,
                "zero": rule.zero,
                "full": rule.full,
                "points": round(points, 2),
                "of": rule.points,
                "why": rule.why,
            }
        )
    criteria = {c: round(100 * earned[c] / possible[c], 2) for c in CRITERIA}
    total = round(sum(rubric.weights[c] * criteria[c] for c in CRITERIA), 2)
    return {"criteria": criteria, "total": total, "eligible": total >= rubric.min_total, "rules": lines}
