"""Each linter rule: a clean project passes it, a hand edit that breaks it fails it."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

from microdrama.check import RULES, check_project, rules
from microdrama.check.findings import Report
from microdrama.errors import ArtifactError, SettingsError


def findings(report: Report, rule: str, severity: str = "error") -> list[str]:
    return [f.message for f in report.findings if f.rule == rule and f.severity == severity]


def edit(project: Path, number: int, change: callable) -> None:  # type: ignore[valid-type]
    path = project / f"script/ep{number:03d}.fountain"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def after_heading(text: str, insert: str) -> str:
    """``insert`` as the first block after the first scene heading."""
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(("INT.", "EXT.")))
    return "\n".join([*lines[: index + 1], "", insert, *lines[index + 1 :]])


def before_fade_out(text: str, insert: str) -> str:
    head, _, tail = text.rpartition("> FADE OUT.")
    return f"{head.rstrip()}\n\n{insert}\n\n> FADE OUT.{tail}"


CALM = (
    "The grey morning was quiet and the long road ran on between the low stone walls of the old farms "
    "towards the distant town where nothing much ever happened at all."
)


def test_examples_in_docstrings() -> None:
    assert doctest.testmod(rules).failed == 0


def test_every_rule_has_an_id_a_severity_and_a_source() -> None:
    assert set(RULES) >= {
        "hook-5s",
        "cliffhanger",
        "duration",
        "unknown-speaker",
        "paywall",
        "bible-names",
        "fountain",
        "episode-files",
    }
    for rule_id, (rule, _) in RULES.items():
        assert rule.id == rule_id and rule.severity in ("error", "warning", "info") and rule.source and rule.title


def test_a_clean_project_passes_every_rule(clean_project: Path) -> None:
    # the synthetic story's lines carry no drama ("Line 2 of event 16"): no ending can be a peak by content
    report = check_project(clean_project, skip=["cliffhanger-line"])
    assert report.episodes == 6
    assert report.ok, [f for f in report.findings if f.severity == "error"]
    assert report.count("warning") == 0


def test_episode_files(project: Path) -> None:
    (project / "script/ep002.fountain").unlink()
    (project / "script/ep099.fountain").write_text("\nINT. HALL - DAY\n\nAnn waits.\n", encoding="utf-8")
    report = check_project(project)
    assert any("ep002.fountain is missing" in m for m in findings(report, "episode-files"))
    assert findings(report, "episode-files", "warning") == ["script file is not in series/plan.json"]


def test_paywall(project: Path) -> None:
    plan_path = project / "series/plan.json"
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    plan["paywall_episode"] = None
    for episode in plan["episodes"]:
        episode["paywall"] = False
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    assert findings(check_project(project), "paywall") == [
        "no paywall episode in a series of 6 episodes (set series.paywall_episode, or 0 to let adapt choose)"
    ]
    plan["paywall_episode"] = 5
    plan["episodes"][4]["paywall"] = True
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    report = check_project(project)
    assert not findings(report, "paywall")
    assert "usual place is episodes 2–2" in findings(report, "paywall", "warning")[0]


def test_fountain(project: Path) -> None:
    edit(project, 1, lambda text: text + "\n/* an unclosed boneyard\n")
    edit(project, 2, lambda text: "\n".join(line for line in text.split("\n") if not line.startswith(("INT.", "EXT."))))
    edit(project, 3, lambda text: text.replace("# EP03", "EP03"))
    report = check_project(project)
    errors = {f.episode: f.message for f in report.findings if f.rule == "fountain" and f.severity == "error"}
    assert "does not parse" in errors[1] and "boneyard" in errors[1]
    assert "no scene heading" in errors[2]
    assert [f.episode for f in report.findings if f.rule == "fountain" and f.severity == "warning"] == [3]


def test_duration(project: Path) -> None:
    edit(project, 4, lambda text: before_fade_out(text, "\n\n".join([CALM] * 8)))
    report = check_project(project)
    assert [f.episode for f in report.findings if f.rule == "duration"] == [4]
    assert "for a target of 60 s" in findings(report, "duration")[0]


def test_hook_in_the_first_five_seconds(project: Path) -> None:
    edit(project, 3, lambda text: after_heading(text, CALM))
    report = check_project(project)
    assert [f.episode for f in report.findings if f.rule == "hook-5s"] == [3]
    assert "The grey morning" in findings(report, "hook-5s")[0]


def test_cliffhanger_ending(project: Path) -> None:
    edit(project, 2, lambda text: before_fade_out(text, CALM))
    report = check_project(project)
    assert [f.episode for f in report.findings if f.rule == "cliffhanger"] == [2]
    edit(project, 6, lambda text: before_fade_out(text, CALM))  # the last episode may end resolved
    assert [f.episode for f in check_project(project).findings if f.rule == "cliffhanger"] == [2]


def test_unknown_speaker(project: Path) -> None:
    edit(project, 5, lambda text: before_fade_out(text, "VOICE\nWho goes there?"))
    report = check_project(project)
    assert [f.episode for f in report.findings if f.rule == "unknown-speaker"] == [5]


def test_names_must_match_the_bible(project: Path) -> None:
    cast_path = project / "story/cast.json"
    cast = json.loads(cast_path.read_text(encoding="utf-8"))
    cast["characters"][0]["aliases"] = ["Annie"]
    cast_path.write_text(json.dumps(cast), encoding="utf-8")
    edit(project, 1, lambda text: before_fade_out(text, "ZORRO\nWhat was that?\n\nANNIE\nNothing!"))
    report = check_project(project)
    errors = findings(report, "bible-names")
    assert len(errors) == 1 and errors[0].startswith("cue ZORRO (scene ") and "neither in the bible" in errors[0]
    assert findings(report, "bible-names", "warning") == ["cue ANNIE is another name of Ann; use the bible's name"]


def test_new_lines_are_counted(project: Path) -> None:
    edit(project, 2, lambda text: before_fade_out(text, "DELL\nRun! They are coming!"))
    report = check_project(project)
    assert findings(report, "new-lines", "info") == ["1 line(s) not from the book (1 of them dialogue)"]


def test_rule_selection_and_errors(clean_project: Path, tmp_path: Path) -> None:
    report = check_project(clean_project, only=["duration"])
    assert [r.id for r in report.rules] == ["duration"]
    assert "duration" not in [r.id for r in check_project(clean_project, skip=["duration"]).rules]
    with pytest.raises(SettingsError, match="no-such-rule"):
        check_project(clean_project, only=["no-such-rule"])
    with pytest.raises(ArtifactError, match="plan.json"):
        check_project(tmp_path)


def test_reports_are_deterministic(clean_project: Path) -> None:
    assert check_project(clean_project).to_dict() == check_project(clean_project).to_dict()


def test_a_flash_forward_transition_hooks_and_the_narrators_voice_over_is_a_known_cue(project: Path) -> None:
    edit(project, 3, lambda text: after_heading(text, f"> FLASH FORWARD:\n\n{CALM}"))
    edit(project, 4, lambda text: before_fade_out(text, "NARRATOR (V.O.)\nI never saw her again.\n\nNARRATOR\nHello?"))
    report = check_project(project)
    assert not findings(report, "hook-5s")
    # the narrator of a first-person book the cast does not name speaks, and narrates, as NARRATOR
    assert findings(report, "bible-names") == []
