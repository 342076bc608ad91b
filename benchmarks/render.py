"""Render speed of the animatic per episode: board, voices, vertical cut, vertical + horizontal cut.

Run from the repository root::

    .venv/bin/python benchmarks/render.py [NOVEL] [--episodes 4] [--episode-seconds 90]

NOVEL defaults to the English demo story. The script produces the series up to the scripts (no
media), then runs each media step of every episode in this process and times it: wall seconds,
CPU seconds (this process and its ffmpeg/espeak-ng children) and peak memory (the largest of this
process and any child). ``× rt`` is video seconds per wall second of the vertical render (speech
synthesis excluded, as the issue's target says); the last lines project a 60-episode series from
the mean per-episode time on this machine's CPUs. Exits 1 when the vertical render is under 10×
real time or a check fails.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_SPEED = 10.0
SERIES_EPISODES = 60


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return max(me.ru_maxrss, kids.ru_maxrss) / 1024


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


def main() -> int:
    """Print the table; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("novel", nargs="?", type=Path)
    parser.add_argument("--episodes", type=int, default=4)
    parser.add_argument("--episode-seconds", type=int, default=90)
    parser.add_argument("--keep", type=Path, help="Build the project here (kept) instead of a temporary folder.")
    args = parser.parse_args()

    from microdrama.board.stage import run_board, run_casting, run_media
    from microdrama.cli.produce import produce
    from microdrama.cut.audio import mix
    from microdrama.cut.render import render_many
    from microdrama.cut.retime import FPS, retime
    from microdrama.cut.stage import _job, cut_episode
    from microdrama.cut.subtitles import VERTICAL
    from microdrama.demo import demo_story_path
    from microdrama.model.media import CutReport, ShotList, Timing
    from microdrama.pipeline.context import StageContext
    from microdrama.settings import load_settings
    from microdrama.voice.stage import run_voice

    novel = args.novel or demo_story_path("en")
    with tempfile.TemporaryDirectory(prefix="microdrama-render-") as tmp:
        project = args.keep or Path(tmp) / "project"
        options = {"executor": "serial", "episodes": args.episodes, "episode_seconds": args.episode_seconds}
        produce(novel, project, options)
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
            rows.append((unit, len(shots.shots), seconds, board_s, voice_s, vertical_s, vertical_cpu, both_s, both_cpu, speed,
                         report.videos[0].loudness_lufs, "; ".join(problems) or "ok"))
        print(f"\nnovel: {novel.name}   CPUs: {os.cpu_count()}   peak memory (largest process): {_peak_mb():.0f} MB\n")
        head = ("ep", "shots", "video s", "board s", "voice s", "vert s", "vert cpu", "V+H+checks s", "V+H cpu", "× rt", "LUFS", "checks")
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in rows:
            print(f"| {r[0]} | {r[1]} | {r[2]:.1f} | {r[3]:.1f} | {r[4]:.1f} | {r[5]:.1f} | {r[6]:.1f} | {r[7]:.1f} | {r[8]:.1f} | "
                  f"{r[9]:.1f} | {r[10]} | {r[11]} |")
        if rows:
            per_episode = sum(r[3] + r[4] + r[7] for r in rows) / len(rows)
            video = sum(r[2] for r in rows) / len(rows)
            print(f"\nmean per episode: {video:.0f} s of video, {per_episode:.1f} s wall for board + voices + both cuts + checks")
            print(f"projected {SERIES_EPISODES}-episode series, one episode at a time: {SERIES_EPISODES * per_episode / 60:.1f} min "
                  f"(the cut already runs its two renders side by side on the two CPUs)")
        return 1 if failed or not rows else 0


if __name__ == "__main__":
    sys.exit(main())
