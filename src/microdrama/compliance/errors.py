"""Compliance errors: a release that must not go out, or labels that cannot be written."""

from __future__ import annotations

from microdrama.errors import MicrodramaError


class ComplianceError(MicrodramaError):
    """Labels or settings that break the rules (a missing filing number, a label below the minimums)."""


class FilingNumberError(ComplianceError):
    """The production's review tier requires a filing/licence number on the opening card, and there is none."""
