"""What the linter reports: rules (id, severity, craft source) and the findings they produce."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
#: order of severities, worst first
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    """A named check of a series project."""

    id: str
    """Stable id, used to select rules and in reports (``hook-5s``)."""
    severity: Severity
    """Severity of its findings when the rule itself does not say otherwise."""
    title: str
    """What the rule asks for, in a line."""
    source: str
    """Where the rule comes from (a section of ``shared/reference/craft.md``, or the Fountain spec)."""


@dataclass(frozen=True)
class Finding:
    """One problem (or note) found by a rule."""

    rule: str
    severity: Severity
    message: str
    episode: int | None = None
    """Episode number, or None for the whole series."""
    file: str | None = None
    """Project-relative file the finding is about, when there is one."""


@dataclass
class Report:
    """All findings of a check run, with the rules that ran."""

    project: str
    rules: list[Rule]
    findings: list[Finding] = field(default_factory=list)
    episodes: int = 0
    """Episode scripts checked."""
    sources: list[dict[str, object]] = field(default_factory=list)
    """Fidelity and novelty per episode (:mod:`microdrama.check.sources`)."""

    def count(self, severity: Severity, rule: str | None = None) -> int:
        """Findings of ``severity`` (of one rule, if given)."""
        return sum(1 for f in self.findings if f.severity == severity and (rule is None or f.rule == rule))

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return self.count("error") == 0

    def to_dict(self) -> dict[str, object]:
        """The report as plain JSON-ready data (findings sorted: episode, severity, rule)."""
        return {
            "project": self.project,
            "episodes": self.episodes,
            "ok": self.ok,
            "counts": {s: self.count(s) for s in SEVERITIES},
            "rules": [
                asdict(r) | {"errors": self.count("error", r.id), "warnings": self.count("warning", r.id)}
                for r in self.rules
            ],
            "findings": [asdict(f) for f in sorted_findings(self.findings)],
            "sources": self.sources,
        }


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Series-wide findings first, then by episode; worst first within an episode; then by rule."""
    return sorted(
        findings,
        key=lambda f: (f.episode is not None, f.episode or 0, SEVERITIES.index(f.severity), f.rule, f.message),
    )
