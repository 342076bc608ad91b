"""The series QC (``subs/qc.json``): cues passing every rule before and after the auto-fixes, per language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from microdrama.model.subtitles import LanguageTotals, SubtitleQC, SubtitleReport
from microdrama.project import Outputs, StageContext, paths
from microdrama.timecode import ms_clock

REPORT = "subs/qc.json"


def load_reports(project: Path) -> list[SubtitleQC]:
    """Every ``subs/epNNN.qc.json`` of the project, in episode order."""
    return [SubtitleQC.load(p) for p in sorted((project / "subs").glob("ep[0-9][0-9][0-9].qc.json"))]


def summarize(reports: Iterable[SubtitleQC]) -> SubtitleReport:
    """One row per language (in the order languages first appear) and the translations still pending."""
    rows: dict[str, LanguageTotals] = {}
    left: dict[str, Counter[str]] = {}
    pending: Counter[str] = Counter()
    for report in reports:
        pending.update(report.pending)
        for qc in report.languages:
            row = rows.setdefault(
                qc.language,
                LanguageTotals(
                    language=qc.language,
                    episodes=0,
                    cues_before=0,
                    passing_before=0,
                    cues=0,
                    passing=0,
                    errors=0,
                    warnings=0,
                ),
            )
            row.episodes += 1
            row.cues_before += qc.cues_before
            row.passing_before += qc.passing_before
            row.cues += qc.cues
            row.passing += qc.passing
            row.errors += sum(1 for v in qc.violations if v.severity == "error")
            row.warnings += sum(1 for v in qc.violations if v.severity == "warning")
            left.setdefault(qc.language, Counter()).update(v.rule for v in qc.violations)
    for language, row in rows.items():
        row.rules_left = dict(sorted(left[language].items()))
    return SubtitleReport(
        languages=list(rows.values()), pending=dict(sorted(pending.items())), provenance={"stage": "subtitle-report"}
    )


def run_subtitle_report(ctx: StageContext) -> Outputs:
    """The ``subtitle-report`` stage: every episode's QC summed into ``subs/qc.json``."""
    reports = [ctx.load(SubtitleQC, rel) for rel in sorted(ctx.inputs)]
    report = summarize(reports)
    report.provenance.parents = ctx.parents()
    return {REPORT: report.to_bytes()}


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def format_table(report: SubtitleReport) -> str:
    """Plain-text table: language, episodes, cues and share passing before/after, violations left."""
    lines = [
        f"{'language':<12} {'eps':>4} {'cues':>6} {'pass before':>12} {'cues':>6} {'pass after':>11} {'errors':>7} {'warnings':>9}"
    ]
    for r in report.languages:
        lines.append(
            f"{r.language:<12} {r.episodes:>4} {r.cues_before:>6} {_share(r.passing_before, r.cues_before):>12} "
            f"{r.cues:>6} {_share(r.passing, r.cues):>11} {r.errors:>7} {r.warnings:>9}"
        )
    return "\n".join(lines)


def format_violations(reports: Iterable[SubtitleQC], *, severity: str = "error") -> list[str]:
    """Every violation left (of ``severity``, or all with ``"all"``), one line each, with episode, cue and time."""
    out = []
    for report in reports:
        for qc in report.languages:
            for v in qc.violations:
                if severity in ("all", v.severity):
                    at = ms_clock(v.start_ms)
                    out.append(
                        f"{paths.episode(report.episode)} {qc.language} cue {v.cue} at {at} {v.rule}: {v.message}"
                    )
    return out
