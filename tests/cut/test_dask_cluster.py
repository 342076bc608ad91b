"""Several episodes cut on a local Dask cluster of two worker processes, one killed mid-run: the run
completes and its outputs are byte-identical to a serial run's."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest
from media_fixtures import MEDIA_STAGES, make_project, project_files

from microdrama.pipeline.executors import EXECUTORS, DaskExecutor
from microdrama.pipeline.runner import Runner, SilentReporter

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # a Dask cluster start plus two chain runs: ~20 s of CPU


class KillOneWorker(SilentReporter):
    """Kills one Dask worker process shortly after the cut stage starts."""

    def __init__(self, executor: DaskExecutor) -> None:
        self.executor = executor
        self.killed: list[int] = []

    def stage_started(self, name: str, total: int, reason: str) -> None:
        if name == "cut":
            pids = sorted(self.executor._get_client().run(os.getpid).values())
            timer = threading.Timer(0.3, self._kill, args=(pids[0],))
            timer.start()

    def _kill(self, pid: int) -> None:
        os.kill(pid, signal.SIGKILL)
        self.killed.append(pid)


def test_dask_run_survives_a_killed_worker(tmp_path: Path) -> None:
    assert "dask" in EXECUTORS
    root, settings = make_project(tmp_path / "dask", episodes=3, horizontal=False)
    executor = DaskExecutor(workers=2)
    reporter = KillOneWorker(executor)
    try:
        summary = Runner(root, settings, stages=MEDIA_STAGES, executor=executor, reporter=reporter).run()
    finally:
        executor.close()
    assert reporter.killed, "no worker was killed"
    assert sorted(n for n in summary.ran() if n.startswith("cut/")) == ["cut/001", "cut/002", "cut/003"]
    reference, ref_settings = make_project(tmp_path / "serial", episodes=3, media="2", horizontal=False)
    Runner(reference, ref_settings, stages=MEDIA_STAGES).run()
    expected = {k: v for k, v in project_files(reference, "board", "voice", "cut").items() if "ep002" in k}
    got = {k: v for k, v in project_files(root, "board", "voice", "cut").items() if "ep002" in k}
    assert expected and got == expected
