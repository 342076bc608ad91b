"""The whole chain through the CLI: nothing re-runs when nothing changed, a hand edit re-runs only
what depends on it, and a run killed with SIGKILL anywhere resumes to exactly the same outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from microdrama.cli import main
from microdrama.cli.produce import produce
from microdrama.demo import demo_story_path
from microdrama.model import ARTIFACTS
from microdrama.pipeline.store import FAULT_ENV

SERIAL = {"executor": "serial", "episodes": 4, "episode_seconds": 60}


def visible_files(project: Path) -> dict[str, bytes]:
    """Every file of the project a user sees (the state folder excluded)."""
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for p in sorted(project.rglob("*"))
        if p.is_file() and ".microdrama" not in p.relative_to(project).parts
    }


def state_files(project: Path) -> dict[str, bytes]:
    """Lock, run cache and store (temporary files excluded)."""
    state = project / ".microdrama"
    return {
        p.relative_to(state).as_posix(): p.read_bytes()
        for p in sorted(state.rglob("*"))
        if p.is_file() and "tmp" not in p.relative_to(state).parts
    }


def assert_no_partial_files(project: Path) -> None:
    """Every visible file is complete: no temp files, every JSON artifact validates."""
    for rel, data in visible_files(project).items():
        assert not rel.endswith(".tmp") and "/." not in f"/{rel}", rel
        if rel.endswith(".json"):
            doc = json.loads(data)
            ARTIFACTS[doc["schema"].rpartition(".")[0]].model_validate(doc)
        if rel.endswith(".pdf"):
            assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), rel


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An uninterrupted run on the English demo story."""
    project = tmp_path_factory.mktemp("reference") / "project"
    summary = produce(demo_story_path("en"), project, dict(SERIAL))
    assert "export" in summary.ran()
    return project


def test_produce_writes_the_series(reference: Path) -> None:
    files = visible_files(reference)
    episodes = [f for f in files if f.startswith("script/ep") and f.endswith(".fountain")]
    assert episodes and all(f"script/series.{ext}" in files for ext in ("fountain", "fdx", "html", "pdf"))
    for rel in ("source/source.json", "story/cast.json", "story/quotes.json", "series/plan.json", "series/bible.json"):
        assert rel in files
    assert_no_partial_files(reference)


def test_second_produce_does_no_stage_work(reference: Path) -> None:
    before = visible_files(reference), state_files(reference)
    summary = produce(demo_story_path("en"), reference, dict(SERIAL))
    assert summary.ran() == []
    assert all(o.outcome == "skipped" for o in summary.outcomes)
    assert (visible_files(reference), state_files(reference)) == before


def test_editing_one_episode_reruns_only_what_depends_on_it(tmp_path: Path) -> None:
    project = tmp_path / "project"
    produce(demo_story_path("en"), project, dict(SERIAL))
    episode = project / "script/ep002.fountain"
    edited = episode.read_text(encoding="utf-8").rstrip("\n") + "\n\nA gull screams over the harbour.\n"
    episode.write_text(edited, encoding="utf-8")
    summary = produce(demo_story_path("en"), project, dict(SERIAL))
    ran = summary.ran()
    assert ran[:2] == ["parse/002", "export"]
    # Later stages that read episodes re-run for episode 2 only (subtitle/002), or as a whole (shoot,
    # and the subtitle summary when episode 2's QC changed); nothing upstream, no other episode.
    assert set(ran[2:]) <= {"shoot", "subtitle/002", "subtitle-report", "compliance/002", "compliance-report"}
    assert "subtitle/002" in ran and "compliance/002" in ran
    assert [r for r in ran if r.startswith(("subtitle/", "compliance/"))] == ["subtitle/002", "compliance/002"]
    assert episode.read_text(encoding="utf-8") == edited  # the edit is kept
    assert "A gull screams over the harbour." in (project / "script/series.fountain").read_text(encoding="utf-8")
    parsed = json.loads((project / "script/ep002.json").read_text(encoding="utf-8"))
    added = [e for s in parsed["scenes"] for e in s["elements"] if e["text"] == "A gull screams over the harbour."]
    assert added and added[0]["new"] is True  # a line not from the book is marked as new


def test_changing_the_episode_count_reruns_from_adapt(tmp_path: Path) -> None:
    project = tmp_path / "project"
    produce(demo_story_path("en"), project, dict(SERIAL))
    summary = produce(demo_story_path("en"), project, {**SERIAL, "episodes": 3})
    ran = summary.ran()
    assert "ingest" not in ran and "analyze" not in ran and "adapt" in ran and "write" in ran


def run_cli(project: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    args = [
        sys.executable,
        "-m",
        "microdrama",
        "produce",
        str(demo_story_path("en")),
        "-o",
        str(project),
        "--executor",
        "serial",
        "--episodes",
        "4",
        "--episode-seconds",
        "60",
    ]
    return subprocess.run(args, env={**os.environ, **(env or {})}, capture_output=True, check=False, timeout=300)


def test_killed_runs_resume_to_identical_outputs(reference: Path, tmp_path: Path) -> None:
    killed = 0
    for after_writes in (1, 2, 4, 7, 11, 16, 23):
        project = tmp_path / f"killed-{after_writes}"
        first = run_cli(project, {FAULT_ENV: str(after_writes)})
        if first.returncode == 0:
            continue  # the run finished before the fault point
        assert first.returncode == -9, first.stderr.decode()
        killed += 1
        if project.exists():
            assert_no_partial_files(project)
        second = run_cli(project)
        assert second.returncode == 0, second.stderr.decode()
        assert visible_files(project) == visible_files(reference)
        assert state_files(project) == state_files(reference)
    assert killed >= 5


def test_status_and_stage_commands(reference: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", str(reference)]) == 0
    out = capsys.readouterr().out
    assert "export" in out and "up to date" in out
    assert main(["write", str(reference), "--executor", "serial"]) == 0


def test_not_a_project_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["adapt", str(tmp_path)]) == 2
    assert "is not a microdrama project" in capsys.readouterr().err
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["produce", str(demo_story_path("en")), "-o", str(tmp_path)]) == 2
    assert "not empty" in capsys.readouterr().err


def test_status_reports_stages_below_a_stale_one(reference: Path, tmp_path: Path) -> None:
    import shutil

    from microdrama.pipeline.runner import stage_status
    from microdrama.settings import load_settings

    project = tmp_path / "copy"
    shutil.copytree(reference, project)
    cast = project / "story" / "cast.json"
    cast.write_text(cast.read_text(encoding="utf-8").replace("\n", "\n ", 1), encoding="utf-8")
    states = dict(stage_status(project, load_settings(project)))
    assert states["ingest"] == "up to date"
    assert states["adapt"].startswith("stale: input story/cast.json changed")
    assert states["export"] == "stale: upstream adapt is stale"
