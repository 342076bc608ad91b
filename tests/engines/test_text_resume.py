"""A model run killed anywhere resumes without repeating finished requests, and ends like an uninterrupted one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from fake_openai import FakeServer, fake_server, smart_reply  # noqa: F401

from microdrama.cli import main
from microdrama.demo import demo_story_path
from microdrama.pipeline.store import FAULT_ENV


def new_project(project: Path, url: str) -> Path:
    project.mkdir()
    (project / "microdrama.toml").write_text(
        f'[project]\nnovel = "{demo_story_path("en")}"\n[series]\nepisodes = 4\nepisode_seconds = 60\n'
        f'[engines]\ntext = "{url}"\n[run]\nexecutor = "serial"\n',
        encoding="utf-8",
    )
    return project


def run_cli(project: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """``microdrama write PROJECT``: the chain up to the last stage that calls the model."""
    args = [sys.executable, "-m", "microdrama", "write", str(project)]
    return subprocess.run(args, env={**os.environ, **(env or {})}, capture_output=True, check=False, timeout=300)


def outputs(project: Path) -> dict[str, bytes]:
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for p in sorted(project.rglob("*"))
        if p.is_file()
        and not p.relative_to(project).as_posix().startswith(".microdrama")
        # revision logs are history: they say when each revision was stored
        and not re.fullmatch(r"script/revisions/ep\d{3}\.json", p.relative_to(project).as_posix())
    }


def test_killed_model_run_resumes_without_repeating_requests(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.responder = smart_reply
    clean = new_project(tmp_path / "clean", fake_server.url())
    assert main(["write", str(clean)]) == 0
    needed = len(fake_server.requests)
    # writes 1-3 are settings, lock and source; the model's replies are cached from about write 6 on
    killed = new_project(tmp_path / "killed", fake_server.url())
    first = run_cli(killed, {FAULT_ENV: "9"})
    assert first.returncode == -9, first.stderr.decode()
    sent_before_kill = len(fake_server.requests) - needed
    assert 0 < sent_before_kill < needed
    second = run_cli(killed)
    assert second.returncode == 0, second.stderr.decode()
    total = len(fake_server.requests) - needed
    assert total <= needed + 1  # at most the one reply whose cache write was killed is asked again
    assert outputs(killed) == outputs(clean)
