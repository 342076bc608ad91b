"""``microdrama check``: a linter for a series project — named rules, severities, craft sources.

Run after editing scripts by hand: it re-reads every ``script/epNNN.fountain`` (not the parsed JSON,
which may be stale) and checks the series against the rules of :mod:`microdrama.check.rules`: hook in
the first 5 s, cliffhanger ending, duration within target, no unknown speaker, paywall present,
character names consistent with the bible, valid Fountain.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from microdrama.check import draft_rules  # noqa: F401  (registers the draft rules)
from microdrama.check.findings import Finding, Report, Rule
from microdrama.check.project import load_project
from microdrama.check.rules import RULES
from microdrama.check.sources import source_rows
from microdrama.errors import SettingsError

__all__ = ["RULES", "Finding", "Report", "Rule", "check_project"]


def check_project(root: Path, *, only: Iterable[str] = (), skip: Iterable[str] = ()) -> Report:
    """Check the project at ``root`` with every rule (or those in ``only``, less those in ``skip``).

    Raises:
        SettingsError: a rule id in ``only`` or ``skip`` does not exist.
        ArtifactError: the project has no readable ``series/plan.json`` or ``series/bible.json``.
    """
    only, skip = list(only), list(skip)
    unknown = [r for r in [*only, *skip] if r not in RULES]
    if unknown:
        raise SettingsError(f"unknown rule(s) {', '.join(unknown)}; rules: {', '.join(RULES)}")
    chosen = [r for r in RULES if (not only or r in only) and r not in skip]
    project = load_project(root)
    report = Report(project=str(root), rules=[RULES[r][0] for r in chosen], episodes=len(project.episodes))
    for rule_id in chosen:
        report.findings.extend(RULES[rule_id][1](project))
    report.sources = [asdict(row) for row in source_rows(project)]
    return report
