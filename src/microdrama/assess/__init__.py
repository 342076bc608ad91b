"""``microdrama assess PROJECT``: a quality, originality and impact report on one series.

Reads the artifacts the chain already wrote (plan, coverage, scripts, subtitles QC, usage ledger, and
the compliance/release outputs when present) and writes ``report/assess.json`` with HTML and PDF
views. Every figure names the artifact it comes from, so a reviewer can check it by hand.
"""

from __future__ import annotations

from microdrama.assess.report import assess_project, write_report

__all__ = ["assess_project", "write_report"]
