"""The series QC sum and the stages `microdrama subtitle` runs."""

from __future__ import annotations

from microdrama.cli.subtitle import needed_stages
from microdrama.model import LanguageQC, Provenance, SubtitleQC, Violation
from microdrama.subtitle.report import format_table, summarize


def episode(number: int, passing: int, errors: int) -> SubtitleQC:
    violations = [
        Violation(rule="T-CPS", severity="error", cue=i + 1, start_ms=0, message="fast") for i in range(errors)
    ]
    qc = LanguageQC(
        language="zh-Hans", cues=10, cues_before=12, passing_before=6, passing=passing, violations=violations
    )
    return SubtitleQC(
        episode=number,
        timing_source="estimate",
        fps=30,
        languages=[qc],
        pending=["en"],
        provenance=Provenance(stage="t"),
    )


def test_summary_adds_up_episodes() -> None:
    report = summarize([episode(1, 10, 0), episode(2, 9, 1)])
    (row,) = report.languages
    assert (row.episodes, row.cues_before, row.passing_before, row.cues, row.passing, row.errors) == (
        2,
        24,
        12,
        20,
        19,
        1,
    )
    assert row.rules_left == {"T-CPS": 1} and report.pending == {"en": 2}
    table = format_table(report)
    assert "50.0%" in table and "95.0%" in table


def test_subtitle_command_runs_only_what_subtitles_read() -> None:
    names = [stage.name for stage in needed_stages()]
    assert names[:5] == ["ingest", "analyze", "adapt", "write", "parse"]
    assert names[-2:] == ["subtitle", "subtitle-report"]
    assert "export" not in names and "shoot" not in names
