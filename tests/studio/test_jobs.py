"""Runs in worker processes: progress as server-sent events, stop, one writer, state after a restart."""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import time
from pathlib import Path

from fastapi.testclient import TestClient
from script_lines import first_action

from microdrama.studio.app import create_app
from microdrama.studio.config import StudioConfig
from microdrama.studio.jobs import JOB, Jobs
from microdrama.studio.worker import LOG, RUN_LOCK, run_job


def _wait(client: TestClient, name: str = "tide", timeout: float = 180) -> dict:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(f"/p/{name}/job").json()
        if state["state"] != "running":
            return state
        time.sleep(0.2)
    raise AssertionError("the run did not finish")


def _edit(client: TestClient, projects: Path) -> None:
    text = (projects / "tide/script/ep001.fountain").read_text()
    response = client.post(
        "/p/tide/ep/1/save",
        headers={"X-CSRF-Token": client.csrf},
        json={
            "text": text.replace(first_action(text), "Open the gate", 1),
            "version": hashlib.sha256(text.encode()).hexdigest(),
        },
    )
    assert response.status_code == 200


def test_run_reports_progress_and_survives_a_restart(local: TestClient, projects: Path) -> None:
    _edit(local, projects)
    assert (
        local.post("/p/tide/run", data={"csrf": local.csrf, "until": "export"}, follow_redirects=False).status_code
        == 303
    )
    state = _wait(local)
    assert state["state"] == "done", state
    assert state["stages"]["parse"]["outcome"] == "ran" and state["stages"]["export"]["outcome"] == "ran"
    assert "parse" not in local.get("/p/tide/job").json()["stale"]
    stream = local.get("/p/tide/events").text  # replayed from the start: a reloaded page loses nothing
    assert "event: progress" in stream and '"stage": "parse"' in stream and "event: end" in stream
    restarted = create_app(StudioConfig(projects_dir=projects))
    with TestClient(restarted) as again:
        assert again.get("/p/tide/job").json()["state"] == "done"
        assert "Last run: <b>done</b>" in again.get("/p/tide").text


def test_stop_a_run_then_resume(local: TestClient, projects: Path) -> None:
    local.post("/p/tide/run", data={"csrf": local.csrf, "force": "1"})
    assert local.get("/p/tide/job").json()["state"] == "running"
    assert Jobs().state(projects / "tide").running  # a restarted server finds the run still going
    busy = local.post("/p/tide/run", data={"csrf": local.csrf}, headers={"Accept": "application/json"})
    assert busy.status_code == 409 and "already going on" in busy.json()["error"]
    refused = local.post(
        "/p/tide/ep/1/save",
        json={"text": "x", "version": "y"},
        headers={"X-CSRF-Token": local.csrf, "Accept": "application/json"},
    )
    assert refused.status_code == 409 and "a run is writing" in refused.json()["error"]
    time.sleep(1.0)
    local.post("/p/tide/stop", data={"csrf": local.csrf})
    state = local.get("/p/tide/job").json()
    assert state["state"] in ("cancelled", "done"), state
    pid = json.loads((projects / "tide" / JOB).read_text())["pid"]
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2][:3]
    local.post("/p/tide/run", data={"csrf": local.csrf})
    assert _wait(local)["state"] == "done"


def test_a_run_that_died_reads_as_interrupted(projects: Path) -> None:
    project = projects / "tide"
    (project / LOG).parent.mkdir(parents=True, exist_ok=True)
    (project / JOB).write_text(json.dumps({"pid": 2**22 + 7, "until": None, "user": "local", "started": 0}))
    (project / LOG).write_text(
        '{"t": 0, "kind": "started"}\n{"t": 1, "kind": "stage_started", "stage": "analyze", "total": 1, "reason": "x"}\n'
    )
    state = Jobs().state(project)
    assert state.state == "interrupted" and "run again to resume" in state.message


def test_one_writer_per_project(projects: Path) -> None:
    project = projects / "tide"
    (project / RUN_LOCK).parent.mkdir(parents=True, exist_ok=True)
    with (project / RUN_LOCK).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        log = io.StringIO()
        assert run_job(project, None, False, log) == 3
    assert "another run is writing this project" in log.getvalue()
