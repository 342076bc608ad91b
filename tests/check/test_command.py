"""``microdrama check PROJECT``: table or JSON, exit status 1 on errors, the rule list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microdrama.cli import main


def test_a_clean_project_exits_zero_and_prints_the_rules(
    clean_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the synthetic story's lines carry no drama ("Line 2 of event 16"): no ending can be a peak by content
    assert main(["check", str(clean_project), "--skip", "cliffhanger-line"]) == 0
    out = capsys.readouterr().out
    assert "hook-5s" in out and "cliffhanger" in out and "passed" in out


def test_errors_exit_non_zero_and_are_listed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "script/ep003.fountain").write_text("\nINT. HALL - DAY\n\nVOICE\nHello?\n", encoding="utf-8")
    assert main(["check", str(project)]) == 1
    captured = capsys.readouterr()
    assert "unknown-speaker" in captured.out and "duration" in captured.out and "failed" in captured.out
    assert "error(s)" in captured.err


def test_json_report(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "script/ep003.fountain").write_text("\nINT. HALL - DAY\n\nVOICE\nHello?\n", encoding="utf-8")
    main(["check", str(project), "--json", "--rule", "unknown-speaker"])
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["counts"]["error"] == 1
    assert report["findings"][0]["rule"] == "unknown-speaker" and report["findings"][0]["episode"] == 3
    assert [r["id"] for r in report["rules"]] == ["unknown-speaker"]


def test_list_rules(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", str(tmp_path), "--list-rules"]) == 0
    out = capsys.readouterr().out
    assert "craft.md §1.3" in out and "paywall" in out


def test_a_folder_without_a_plan_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 2
    assert "plan.json" in capsys.readouterr().err
