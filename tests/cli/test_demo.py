"""The demo shows the whole chain: scripts and exports, and a checked animatic of episode 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from microdrama.cli import main


@pytest.mark.slow
def test_demo_ends_with_a_checked_animatic_of_episode_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "demo"
    assert main(["demo", "-o", str(project), "--executor", "serial"]) == 0
    assert "1 animatic(s) in" in capsys.readouterr().out
    report = json.loads((project / "cut" / "ep001.check.json").read_text(encoding="utf-8"))
    assert [v["problems"] for v in report["videos"]] == [[], []]
    assert not (project / "cut" / "ep002.vertical.mp4").exists()
