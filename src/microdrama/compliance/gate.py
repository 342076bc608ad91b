"""What a release must pass, as functions the release stage calls: the filing number the tier needs,
and both labels on every file it ships."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from microdrama.compliance.errors import ComplianceError
from microdrama.compliance.implicit.sidecar import SUFFIX as SIDECAR
from microdrama.compliance.tier import TierDecision, decide_tier, require_filing_number
from microdrama.compliance.verify import verify_file
from microdrama.settings import Settings


def require_filing(settings: Settings, topics: list[str] | None = None) -> TierDecision:
    """The production's tier; raises when it needs a filing number and none is set.

    Raises:
        FilingNumberError: the tier requires 上线备案号/发行许可证号 and ``compliance.filing_number`` is empty.
    """
    c = settings.compliance
    decision = decide_tier(c.investment, c.tier_rules, topics, c.market)
    require_filing_number(decision, c.filing_number)
    return decision


def require_labels(paths: Iterable[Path]) -> None:
    """Raise unless every file carries a valid implicit label (an SRT's ``.aigc.json`` sidecar is a
    label, not content: it is checked with its SRT file and skipped when listed on its own).

    Raises:
        ComplianceError: naming each file and what is missing or malformed.
    """
    problems = []
    for path in paths:
        if path.name.endswith(SIDECAR):
            continue
        report = verify_file(path)
        if not report.ok:
            check = report.check("aigc")
            problems.append(
                f"{path}: AIGC label {check.status if check else 'missing'}"
                + (f" ({check.detail})" if check and check.detail else "")
            )
    if problems:
        raise ComplianceError("files without a valid AI-content label:\n  " + "\n  ".join(problems))
