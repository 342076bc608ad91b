"""Start, watch and stop pipeline runs; their state lives in the project folder, not in the server.

A job is a :mod:`microdrama.studio.worker` process in its own session (so stopping it stops its
executor's workers too). ``.microdrama/studio/job.json`` says which job was started, by whom and with
which process id; ``job.log`` holds its events. A restarted server reads both: a job whose process
still runs is still running, one that ended without a last event was interrupted.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from microdrama.errors import MicrodramaError
from microdrama.project import atomic_write
from microdrama.studio.worker import JOB_DIR, LOG

JOB = f"{JOB_DIR}/job.json"
CANCELLED = f"{JOB_DIR}/cancelled"
WORKER_ERR = f"{JOB_DIR}/worker.err"
TERMINAL = ("done", "failed", "blocked")


class JobBusyError(MicrodramaError):
    """A run is already going on in this project."""


@dataclass
class JobState:
    """What a page shows about the project's latest run."""

    state: str
    """none | running | done | failed | blocked | cancelled | interrupted"""
    until: str | None = None
    user: str = ""
    started: float | None = None
    message: str = ""
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def running(self) -> bool:
        """True while the worker process runs."""
        return self.state == "running"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "state": self.state,
            "until": self.until,
            "user": self.user,
            "started": self.started,
            "message": self.message,
            "stages": self.stages,
        }


def read_events(project: Path, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Complete event lines of ``job.log`` from byte ``offset``; returns them and the next offset."""
    path = project / LOG
    try:
        with path.open("rb") as stream:
            stream.seek(offset)
            data = stream.read()
    except FileNotFoundError:
        return [], 0
    end = data.rfind(b"\n") + 1
    events = []
    for line in data[:end].splitlines():
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return events, offset + end


def _alive(pid: int) -> bool:
    """Whether ``pid`` is a running studio worker (not a zombie, not a recycled id)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
    return b"microdrama.studio.worker" in cmdline and stat.rpartition(")")[2].split()[0] != "Z"


class Jobs:
    """The studio's handle on runs; one per app."""

    def __init__(self, python: str | None = None) -> None:
        self.python = python or sys.executable
        self.children: dict[Path, subprocess.Popen[bytes]] = {}

    def _reap(self) -> None:
        for project, child in list(self.children.items()):
            if child.poll() is not None:
                del self.children[project]

    def state(self, project: Path) -> JobState:
        """The latest run's state, from the project folder."""
        self._reap()
        try:
            job = json.loads((project / JOB).read_text())
        except (OSError, json.JSONDecodeError):
            return JobState("none")
        events, _ = read_events(project)
        state = JobState("running", until=job.get("until"), user=job.get("user", ""), started=job.get("started"))
        for event in events:
            kind, stage = event.get("kind"), event.get("stage")
            if kind == "stage_started":
                state.stages[stage] = {
                    "done": 0,
                    "total": event["total"],
                    "reason": event["reason"],
                    "outcome": "running",
                }
            elif kind == "advance" and stage in state.stages:
                state.stages[stage].update(done=event["done"], total=event["total"])
            elif kind == "stage_finished":
                entry = state.stages.setdefault(stage, {"done": 0, "total": 1, "reason": ""})
                entry.update(outcome=event["outcome"], seconds=event["seconds"], done=entry.get("total", 1))
            elif kind in TERMINAL:
                state.state, state.message = kind, event.get("message", "")
        if state.state == "running" and not _alive(int(job.get("pid", 0))):
            cancelled = (project / CANCELLED).exists()
            state.state = "cancelled" if cancelled else "interrupted"
            state.message = (
                "stopped; run again to resume where it stopped"
                if cancelled
                else "the run ended without finishing (server or machine stopped?); run again to resume"
            )
        return state

    def start(self, project: Path, *, until: str | None, user: str, force: bool = False) -> None:
        """Start a run of ``project`` up to ``until``; refuses while one is running."""
        if self.state(project).running:
            raise JobBusyError(f"a run is already going on in {project.name}; wait for it or stop it")
        tmp = project / ".microdrama" / "tmp"
        (project / JOB_DIR).mkdir(parents=True, exist_ok=True)
        (project / LOG).write_bytes(b"")
        (project / CANCELLED).unlink(missing_ok=True)
        command = [self.python, "-m", "microdrama.studio.worker", str(project)]
        if until:
            command += ["--until", until]
        if force:
            command.append("--force")
        env = dict(os.environ)
        src = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
        with (project / WORKER_ERR).open("wb") as err:
            child = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=err, stderr=err, start_new_session=True, env=env
            )
        self.children[project] = child
        job = {"id": secrets.token_hex(8), "pid": child.pid, "until": until, "user": user, "started": time.time()}
        tmp.mkdir(parents=True, exist_ok=True)
        atomic_write(project / JOB, json.dumps(job).encode(), tmp_dir=project / JOB_DIR)

    def cancel(self, project: Path) -> bool:
        """Stop the running job (its whole process group); False when none runs."""
        state = self.state(project)
        if not state.running:
            return False
        pid = int(json.loads((project / JOB).read_text())["pid"])
        (project / CANCELLED).write_text("")
        try:
            os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            return False
        child = self.children.get(project)
        deadline = time.monotonic() + 5
        while _alive(pid) and time.monotonic() < deadline:
            if child is not None:
                child.poll()
            time.sleep(0.05)
        if _alive(pid):
            os.killpg(pid, signal.SIGKILL)
        self._reap()
        return True

    def close(self) -> None:
        """Leave running jobs alone (they finish on their own) but reap finished ones."""
        self._reap()
