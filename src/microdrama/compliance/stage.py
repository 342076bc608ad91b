"""The ``compliance`` stages: label every output of an episode (labelled copies under ``labelled/`` and
a ledger), then review the series and write ``compliance/report.json`` and ``report.html``.

The labelled copies are what a release ships: the originals stay as the earlier stages wrote them, so
editing and re-cutting work as before, and a label is never drawn twice.
"""

from __future__ import annotations

from fnmatch import fnmatch

from microdrama.compliance.implicit.sidecar import SUFFIX as SIDECAR
from microdrama.compliance.labeller import label_file
from microdrama.compliance.plan import LABELLED, label_language, label_plan
from microdrama.compliance.provenance import origin_of
from microdrama.compliance.report import build_report, render_html
from microdrama.model.base import Provenance
from microdrama.model.compliance import ComplianceReport, LabelLedger, LedgerEntry
from microdrama.model.script import EpisodeScript
from microdrama.project import Outputs, StageContext

#: per-episode outputs that get labelled copies (project-relative globs)
DELIVERABLES = (
    "script/ep{unit}.fountain",
    "subs/ep{unit}.*.vtt",
    "subs/ep{unit}.*.ass",
    "subs/ep{unit}.*.ttml",
    "subs/ep{unit}.*.srt",
    "board/ep{unit}/s[0-9][0-9][0-9].png",
    "board/ep{unit}/sheet.png",
    "voice/ep{unit}/[0-9][0-9][0-9]-[0-9][0-9][0-9].wav",
    "cut/ep{unit}.vertical.mp4",
    "cut/ep{unit}.horizontal.mp4",
)
SETTINGS = (
    "compliance.producer",
    "compliance.label_language",
    "compliance.label_text",
    "compliance.label_corner",
    "compliance.label_height",
    "compliance.label_seconds",
    "compliance.label_rule_based",
    "compliance.c2pa_cert",
    "compliance.c2pa_key",
    "compliance.c2pa_algorithm",
    "compliance.filing_number",
    "compliance.market",
)
REVIEW_SETTINGS = (
    "compliance.market",
    "compliance.investment",
    "compliance.tier_rules",
    "compliance.filing_number",
    "compliance.classic",
    "compliance.skip_rules",
    "compliance.label_rule_based",
    "compliance.producer",
    "compliance.label_language",
    "compliance.label_text",
)


def _matching(inputs: dict[str, str], patterns: tuple[str, ...] | list[str], unit: str) -> list[str]:
    globs = [p.replace("{unit}", unit) for p in patterns]
    return sorted(p for p in inputs if any(fnmatch(p, g) for g in globs))


def run_labels(ctx: StageContext) -> Outputs:
    """Labelled copies of one episode's outputs, and its ledger."""
    assert ctx.unit is not None
    script = ctx.load(EpisodeScript, f"script/ep{ctx.unit}.json")
    language = label_language(ctx.settings, script.language)
    plan = label_plan(ctx, language)
    outputs: Outputs = {}
    entries = []
    for path in _matching(ctx.inputs, DELIVERABLES, ctx.unit):
        made = origin_of(path, ctx.settings)
        done = label_file(made, ctx.path(path).read_bytes(), plan)
        labelled = None
        if done.origin != "none":
            labelled = LABELLED + path
            outputs[labelled] = done.data
            if done.sidecar is not None:
                outputs[labelled + SIDECAR] = done.sidecar
        entries.append(
            LedgerEntry(path=path, labelled=labelled, **{k: v for k, v in done.record().items() if k != "path"})
        )
    ledger = LabelLedger(
        episode=int(ctx.unit),
        language=language,
        entries=entries,
        provenance=Provenance(stage="compliance", parents=ctx.parents()),
    )
    outputs[f"compliance/ep{ctx.unit}.labels.json"] = ledger.to_bytes()
    return outputs


def run_report(ctx: StageContext) -> Outputs:
    """The series review and report, and labelled copies of the series-wide script files."""
    report, outputs = build_report(ctx)
    outputs["compliance/report.json"] = report.to_bytes()
    outputs["compliance/report.html"] = render_html(report).encode("utf-8")
    return outputs


__all__ = ["ComplianceReport", "run_labels", "run_report"]
