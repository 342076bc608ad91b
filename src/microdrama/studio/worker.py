"""A studio job: one pipeline run in its own process, reporting progress as JSON lines.

``python -m microdrama.studio.worker PROJECT [--until STAGE] [--force]`` runs the same
:class:`~microdrama.pipeline.Runner` (with the project's executor: local processes, or Dask when
configured) that the CLI runs. It holds an exclusive ``flock`` on ``.microdrama/studio/run.lock`` for
the whole run, so a project has one writer at a time, and appends every progress event to
``.microdrama/studio/job.log``; the studio tails that file, so progress survives a page reload and a
server restart.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import IO, Any

from microdrama.errors import MicrodramaError
from microdrama.pipeline import Runner, make_executor
from microdrama.pipeline.usage import begin_model_session, end_model_session
from microdrama.settings import load_settings

JOB_DIR = ".microdrama/studio"
LOG = f"{JOB_DIR}/job.log"
RUN_LOCK = f"{JOB_DIR}/run.lock"


class JsonReporter:
    """A :class:`microdrama.pipeline.Reporter` appending one JSON line per event (flushed at once)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def emit(self, kind: str, **fields: Any) -> None:
        """Append an event."""
        self.stream.write(json.dumps({"t": round(time.time(), 3), "kind": kind, **fields}, ensure_ascii=False) + "\n")
        self.stream.flush()

    def stage_started(self, name: str, total: int, reason: str) -> None:
        """See :meth:`microdrama.pipeline.Reporter.stage_started`."""
        self.emit("stage_started", stage=name, total=total, reason=reason)

    def advance(self, name: str, done: int, total: int) -> None:
        """See :meth:`microdrama.pipeline.Reporter.advance`."""
        self.emit("advance", stage=name, done=done, total=total)

    def stage_finished(self, name: str, outcome: str, seconds: float) -> None:
        """See :meth:`microdrama.pipeline.Reporter.stage_finished`."""
        self.emit("stage_finished", stage=name, outcome=outcome, seconds=round(seconds, 2))

    def warn(self, message: str) -> None:
        """See :meth:`microdrama.pipeline.Reporter.warn`."""
        self.emit("warning", message=message)


def run_job(project: Path, until: str | None, force: bool, log: IO[str]) -> int:
    """Run the pipeline on ``project`` up to ``until``; the exit status says how it ended."""

    reporter = JsonReporter(log)
    lock_path = project / RUN_LOCK
    with lock_path.open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            reporter.emit("failed", message="another run is writing this project; wait for it or stop it")
            return 3
        try:
            settings = load_settings(project)
            ledger = begin_model_session(project, settings)
            executor = make_executor(settings.run.executor, settings.run.workers, settings.run.scheduler)
            try:
                summary = Runner(project, settings, executor=executor, reporter=reporter).run(until, force=force)
            finally:
                executor.close()
                end_model_session(project, ledger)
        except MicrodramaError as exc:
            reporter.emit("failed", message=str(exc))
            return 2
        except Exception as exc:  # noqa: BLE001 - the studio shows the message; the trace goes to stderr
            traceback.print_exc()
            reporter.emit("failed", message=f"internal error: {type(exc).__name__}: {exc}")
            return 1
        blocked = [o.reason for o in summary.outcomes if o.outcome == "blocked"]
        if blocked:
            reporter.emit("blocked", message=blocked[0])
            return 0
        ran = summary.ran()
        reporter.emit("done", message=f"{len(ran)} step(s) ran, {len(summary.outcomes) - len(ran)} up to date")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the worker process."""
    parser = argparse.ArgumentParser(prog="microdrama.studio.worker")
    parser.add_argument("project", type=Path)
    parser.add_argument("--until")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    (args.project / JOB_DIR).mkdir(parents=True, exist_ok=True)
    with (args.project / LOG).open("a", encoding="utf-8") as log:
        JsonReporter(log).emit("started", pid=os.getpid(), until=args.until)
        return run_job(args.project, args.until, args.force, log)


if __name__ == "__main__":
    sys.exit(main())
