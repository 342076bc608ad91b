"""The QC table over a project's episodes: cues passing every rule, before and after the auto-fixes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from microdrama.model.subtitles import SubtitleQC


@dataclass
class Row:
    """Totals of one language over the episodes read."""

    language: str
    episodes: int = 0
    cues_before: int = 0
    passing_before: int = 0
    cues: int = 0
    passing: int = 0
    errors: int = 0
    warnings: int = 0

    @property
    def share_before(self) -> float:
        """Share of cues with no error before the fixes."""
        return self.passing_before / self.cues_before if self.cues_before else 1.0

    @property
    def share(self) -> float:
        """Share of cues with no error after the fixes."""
        return self.passing / self.cues if self.cues else 1.0


def load_reports(project: Path) -> list[SubtitleQC]:
    """Every ``subs/epNNN.qc.json`` of the project, in episode order."""
    return [SubtitleQC.load(p) for p in sorted((project / "subs").glob("ep[0-9][0-9][0-9].qc.json"))]


def totals(reports: Iterable[SubtitleQC]) -> list[Row]:
    """One row per language, in the order languages first appear."""
    rows: dict[str, Row] = {}
    for report in reports:
        for qc in report.languages:
            row = rows.setdefault(qc.language, Row(qc.language))
            row.episodes += 1
            row.cues_before += qc.cues_before
            row.passing_before += qc.passing_before
            row.cues += qc.cues
            row.passing += qc.passing
            row.errors += sum(1 for v in qc.violations if v.severity == "error")
            row.warnings += sum(1 for v in qc.violations if v.severity == "warning")
    return list(rows.values())


def format_table(rows: Iterable[Row]) -> str:
    """Plain-text table: language, episodes, cues and share passing before/after, violations left."""
    lines = [f"{'language':<12} {'eps':>4} {'cues':>6} {'pass before':>12} {'cues':>6} {'pass after':>11} {'errors':>7} {'warnings':>9}"]
    for r in rows:
        lines.append(
            f"{r.language:<12} {r.episodes:>4} {r.cues_before:>6} {r.share_before:>11.1%} {r.cues:>6} {r.share:>10.1%} {r.errors:>7} {r.warnings:>9}"
        )
    return "\n".join(lines)


def format_violations(reports: Iterable[SubtitleQC], *, severity: str = "error") -> list[str]:
    """Every violation left (of ``severity``, or all with ``"all"``), one line each, with episode, cue and time."""
    out = []
    for report in reports:
        for qc in report.languages:
            for v in qc.violations:
                if severity in ("all", v.severity):
                    minutes, rest = divmod(v.start_ms, 60_000)
                    out.append(f"ep{report.episode:03d} {qc.language} cue {v.cue} at {minutes:02d}:{rest / 1000:06.3f} {v.rule}: {v.message}")
    return out
