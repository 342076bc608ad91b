"""Render speed of the animatic per episode: board, voices, vertical cut, vertical + horizontal cut.

Run from the repository root::

    .venv/bin/python benchmarks/render.py [NOVEL] [--episodes 4] [--episode-seconds 90]
    .venv/bin/python benchmarks/render.py [NOVEL] --series 6 [--episodes 60]

NOVEL defaults to the English demo story. The first form produces the series up to the scripts (no
media), then runs each media step of every episode in this process and times it: wall seconds, CPU
seconds (this process and its ffmpeg/espeak-ng children) and the peak memory of the largest process
so far. ``× rt`` is video seconds per wall second of the vertical render (speech synthesis excluded,
as the issue's target says); ``× rt/core`` is video seconds per CPU second of it (what the render
costs when the cores are shared). Exits 1 when the vertical render is under 10× real time or a check
fails.

``--series N`` measures the media stages end to end as ``microdrama animatic --only 1-N`` runs them
(media, casting, board, voice, vertical and horizontal cut with checks, the default executor), and
projects a 60-episode series from the wall time per episode (the text stages, timed separately, run
once per series).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_SPEED = 10.0
SERIES_EPISODES = 60
SERIES_MINUTES = 15.0


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return max(me.ru_maxrss, kids.ru_maxrss) / 1024


class TreeUsage:
    """CPU seconds and peak memory of this process and every descendant, polled (pool workers exit
    without being waited for, so ``RUSAGE_CHILDREN`` misses them); a process's last < 0.1 s is missed.
    ``peak_tree`` is the largest resident memory of one worker together with its ffmpeg children."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.seen: dict[tuple[int, float], float] = {}
        self.peak_rss = 0
        self.peak_tree = 0
        #: at ``peak_tree``: the worker's own memory and its children's
        self.peak_tree_parts = (0, 0)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        import psutil

        while not self.stop.wait(0.1):
            for proc in [self.me, *self.me.children(recursive=True)]:
                try:
                    times = proc.cpu_times()
                    self.seen[proc.pid, proc.create_time()] = times.user + times.system
                    self.peak_rss = max(self.peak_rss, proc.memory_info().rss)
                except psutil.Error:
                    continue
            for worker in self.me.children(recursive=True):
                try:
                    tree = [worker, *worker.children(recursive=True)]
                    if "python" not in worker.name() or any("python" in p.name() for p in tree[1:]):
                        continue  # not a worker: the forkserver holds the workers
                    sizes = [p.memory_info().rss for p in tree]
                    if sum(sizes) > self.peak_tree:
                        self.peak_tree, self.peak_tree_parts = sum(sizes), (sizes[0], sum(sizes[1:]))
                except psutil.Error:
                    continue

    def __enter__(self) -> TreeUsage:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    @property
    def cpu(self) -> float:
        """CPU seconds (user + system) seen so far."""
        return sum(self.seen.values())


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, wall seconds, CPU seconds) of ``fn()``."""
    wall, cpu = time.perf_counter(), _cpu()
    result = fn()
    return result, time.perf_counter() - wall, _cpu() - cpu


def write(project: Path, outputs: dict[str, bytes]) -> None:
    """Write stage outputs into the project (the runner does this atomically; here plainly)."""
    for rel, data in outputs.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def per_episode(project: Path) -> int:
    """Time each media step of every episode in this process; print the table."""
    from microdrama.board.stage import run_board
    from microdrama.casting.stage import run_casting
    from microdrama.cut.audio import mix
    from microdrama.cut.render import render_many
    from microdrama.cut.retime import FPS, retime
    from microdrama.cut.stage import _job, cut_episode
    from microdrama.cut.subtitles import VERTICAL
    from microdrama.media.stage import run_media
    from microdrama.model.media import CutReport, ShotList, Timing
    from microdrama.project import StageContext
    from microdrama.settings import load_settings
    from microdrama.voice.stage import run_voice

    settings = load_settings(project).with_values({"media.episodes": "all"})
    ctx = StageContext(project=project, settings=settings, inputs={"story/cast.json": ""})
    write(project, run_media(ctx))
    write(project, run_casting(ctx))
    units = sorted(p.name[2:5] for p in (project / "board").glob("ep[0-9][0-9][0-9].order.json"))
    rows = []
    failed = False
    for unit in units:
        unit_ctx = StageContext(project=project, settings=settings, unit=unit)
        board, board_s, _ = timed(lambda: run_board(unit_ctx))
        write(project, board)
        voice, voice_s, _ = timed(lambda: run_voice(unit_ctx))
        write(project, voice)
        shots = ShotList.load(project / f"board/ep{unit}/shots.json")
        timing = Timing.load(project / f"voice/ep{unit}/timing.json")
        frames = {s.id: (project / f"board/ep{unit}/frames/{s.id}.png").read_bytes() for s in shots.shots}
        clips = {line.clip: (project / line.clip).read_bytes() for line in timing.lines if line.clip}

        def vertical() -> bytes:
            shots_timed = retime(shots, timing)
            audio = mix(timing, clips, sum(t.frames for t in shots_timed) * 1000 // FPS + 1)
            return render_many([_job(shots_timed, frames, timing, VERTICAL, audio)])[0]

        _, vertical_s, vertical_cpu = timed(vertical)
        outputs, both_s, both_cpu = timed(lambda: cut_episode(unit, shots, timing, frames, clips, True))
        write(project, outputs)
        report = CutReport.from_json(outputs[f"cut/ep{unit}.check.json"])
        problems = [p for v in report.videos for p in v.problems]
        seconds = timing.duration_ms / 1000
        speed = seconds / vertical_s
        failed |= bool(problems) or speed < TARGET_SPEED
        rows.append(
            (
                unit,
                len(shots.shots),
                seconds,
                board_s,
                voice_s,
                vertical_s,
                vertical_cpu,
                speed,
                seconds / vertical_cpu,
                both_s,
                both_cpu,
                _peak_mb(),
                report.videos[0].loudness_lufs,
                "; ".join(problems) or "ok",
            )
        )
    print(f"\nCPUs: {os.cpu_count()}   load average now: {os.getloadavg()[0]:.1f}\n")
    head = (
        "ep",
        "shots",
        "video s",
        "board s",
        "voice s",
        "vert s",
        "vert CPU s",
        "× rt",
        "× rt/core",
        "V+H+checks s",
        "V+H+checks CPU s",
        "peak MB",
        "LUFS",
        "checks",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print(
            f"| {r[0]} | {r[1]} | {r[2]:.1f} | {r[3]:.1f} | {r[4]:.1f} | {r[5]:.1f} | {r[6]:.1f} | {r[7]:.1f} | {r[8]:.1f} | "
            f"{r[9]:.1f} | {r[10]:.1f} | {r[11]:.0f} | {r[12]} | {r[13]} |"
        )
    if rows:
        video = sum(r[2] for r in rows)
        print(
            f"\nall episodes: {video:.0f} s of video; vertical {video / sum(r[5] for r in rows):.1f}× real time "
            f"({video / sum(r[6] for r in rows):.1f}× per CPU second); vertical + horizontal + checks "
            f"{sum(r[10] for r in rows) / video:.3f} CPU s per video second; peak memory {_peak_mb():.0f} MB (largest process)"
        )
    return 1 if failed or not rows else 0


def series(project: Path, count: int) -> int:
    """Run the media stages for episodes 1..count through the runner and project a 60-episode series."""
    from microdrama.model.media import CutReport, Timing
    from microdrama.pipeline.executors import make_executor
    from microdrama.pipeline.runner import Runner, SilentReporter
    from microdrama.settings import load_settings

    settings = load_settings(project).with_values({"media.episodes": f"1-{count}"})
    executor = make_executor(settings.run.executor, settings.run.workers, settings.run.scheduler)
    with TreeUsage() as usage:
        wall = time.perf_counter()
        try:
            summary = Runner(project, settings, executor=executor, reporter=SilentReporter()).run("cut")
        finally:
            executor.close()
        wall = time.perf_counter() - wall
    cpu = usage.cpu
    cuts = sorted((project / "cut").glob("ep[0-9][0-9][0-9].check.json"))
    video = sum(Timing.load(project / f"voice/ep{p.name[2:5]}/timing.json").duration_ms for p in cuts) / 1000
    problems = [p for path in cuts for v in CutReport.load(path).videos for p in v.problems]
    done = len(cuts)
    minutes = wall / max(1, done) * SERIES_EPISODES / 60
    print(
        f"\nmedia stages for {done} episode(s) ({video:.0f} s of video), executor {settings.run.executor}, "
        f"{len(summary.ran())} step(s): {wall:.1f} s wall, {cpu:.1f} s CPU, peak {usage.peak_rss / 2**20:.0f} MB (largest process), "
        f"{usage.peak_tree / 2**20:.0f} MB (largest worker with its ffmpeg children), "
        f"load average now {os.getloadavg()[0]:.1f}"
    )
    print(
        f"per episode: {wall / max(1, done):.1f} s wall, {cpu / max(1, done):.1f} s CPU "
        f"→ {SERIES_EPISODES} episodes ≈ {minutes:.1f} min wall ({cpu / max(1, done) * SERIES_EPISODES / 60 / (os.cpu_count() or 1):.1f} "
        f"min if the {os.cpu_count()} CPUs were fully used); checks: {'; '.join(problems) or 'ok'}"
    )
    return 1 if problems or done < count or minutes > SERIES_MINUTES else 0


def main() -> int:
    """Print the table; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("novel", nargs="?", type=Path)
    parser.add_argument("--episodes", type=int, default=4)
    parser.add_argument("--episode-seconds", type=int, default=90)
    parser.add_argument(
        "--series", type=int, metavar="N", help="Run the media stages of episodes 1..N end to end and project 60."
    )
    parser.add_argument("--keep", type=Path, help="Build the project here (kept) instead of a temporary folder.")
    args = parser.parse_args()

    from microdrama.cli.produce import produce
    from microdrama.demo import demo_story_path

    novel = args.novel or demo_story_path("en")
    with tempfile.TemporaryDirectory(prefix="microdrama-render-") as tmp:
        project = args.keep or Path(tmp) / "project"
        options = {
            "executor": "local" if args.series else "serial",
            "episodes": args.episodes,
            "episode_seconds": args.episode_seconds,
        }
        _, text_s, text_cpu = timed(lambda: produce(novel, project, options))
        print(
            f"\nnovel: {novel.name}   text stages (ingest … subtitle, once per series): {text_s:.1f} s wall, {text_cpu:.1f} s CPU"
        )
        return series(project, args.series) if args.series else per_episode(project)


if __name__ == "__main__":
    sys.exit(main())
