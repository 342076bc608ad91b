"""Release packaging speed: per platform and step (plan, sound, pictures, files, publish), a re-run, the
ways of making a TV master compared on one episode, and a projection to a 60 × 90 s series.

Usage: PYTHONPATH=src python benchmarks/release.py PROJECT [--platforms douyin,tv,tiktok] [--workers N]
       [--compare] [--memory] [--series-episodes 60] [--series-seconds 90]

PROJECT is a produced project whose episodes are cut and labelled (`microdrama release`, or
`microdrama animatic --only all` then `microdrama label`); its release/ folder is rebuilt from scratch.
Each row: wall seconds, CPU seconds (this process, its pool workers and their ffmpeg children, polled),
programme seconds and the real-time factors (programme seconds per wall second, and per CPU second:
what the step costs when the cores are shared). The projection scales the CPU seconds to the series and
divides them by the 2 cores of a quiet machine, and scales the wall seconds as measured (at this load).
Peak memory: the largest single process, and the largest worker together with its ffmpeg children
(split into the worker's own and ffmpeg's at that moment); ``--memory`` also renders the 4K TV picture
of the episode with the most shots alone and reports ffmpeg's peak and this process's apart.
``--compare`` times, for episode 1 of the TV profile at 1920×1080 and 3840×2160: re-encoding the
animatic (the previous way), and rendering from the cut's timeline with the camera's 2-pixel step and
with a step in proportion to the frame (what release does).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render import TreeUsage  # noqa: E402  (the benchmarks' process-tree meter)

CORES = 2
TARGET_MINUTES = 20.0
TARGET_SPEED = 10.0


def row(name: str, wall: float, cpu: float, media: float) -> tuple[str, float, float, float]:
    return name, wall, cpu, media


def print_table(title: str, rows: list[tuple[str, float, float, float]]) -> None:
    print(f"\n{title}")
    print(f"{'step':58} {'wall s':>8} {'cpu s':>8} {'media s':>8} {'x rt':>7} {'x rt/cpu':>9}")
    for name, wall, cpu, media in rows:
        speed = media / wall if wall else 0.0
        per_cpu = media / cpu if cpu else 0.0
        print(f"{name:58} {wall:8.1f} {cpu:8.1f} {media:8.0f} {speed:7.1f} {per_cpu:9.1f}")


def compare(project: Path, settings: Any, usage: TreeUsage) -> list[tuple[str, float, float, float]]:
    """One TV episode made three ways, at both TV sizes."""
    import microdrama.cut.variant as variant_module
    from microdrama.cut.render import ffmpeg_exe
    from microdrama.release.audio import decode_audio
    from microdrama.release.build import read_series
    from microdrama.release.encode import reencode_args
    from microdrama.release.picture import label_badges, master_variant, visible_label
    from microdrama.release.profile import builtin_profiles

    tv = builtin_profiles()["tv"]
    series = read_series(project)
    episode = series.episodes[0]
    source = episode.masters.get("horizontal") or episode.masters["vertical"]
    seconds = len(decode_audio(source)) / 48000
    rows = []
    proportional = variant_module.camera_step
    with tempfile.TemporaryDirectory(prefix="bench-release-") as tmp:
        for size in tv.video.sizes():
            label = f"{size[0]}x{size[1]}"
            cpu, wall = usage.cpu, time.perf_counter()
            cmd = [ffmpeg_exe(), "-v", "error", "-y", "-i", str(source), "-map", "0:v:0", *reencode_args(tv, size)]
            subprocess.run([*cmd, str(Path(tmp) / "re.mp4")], check=True)
            time.sleep(0.25)  # let the meter see the finished process
            rows.append(
                row(
                    f"tv {label}: re-encode the animatic (before)", time.perf_counter() - wall, usage.cpu - cpu, seconds
                )
            )
            badges = label_badges(visible_label(project, episode.number), settings, size)
            for name, step in (("2-pixel camera step", lambda w, h: 2), ("step in proportion (now)", proportional)):
                variant_module.camera_step = step
                cpu, wall = usage.cpu, time.perf_counter()
                variant_module.render_variants(project, episode.number, [master_variant(tv, size, badges)])
                time.sleep(0.25)
                rows.append(
                    row(
                        f"tv {label}: render from the timeline, {name}",
                        time.perf_counter() - wall,
                        usage.cpu - cpu,
                        seconds,
                    )
                )
            variant_module.camera_step = proportional
    return rows


def memory(project: Path, settings: Any) -> str:
    """Peak memory of one 4K TV master's picture, rendered in this process: the episode with the most
    shots (every shot's chain is open in ffmpeg for the whole render), ffmpeg and this process apart."""
    import threading

    import psutil

    from microdrama.cut.variant import render_variants
    from microdrama.model.media import ShotList
    from microdrama.project import paths
    from microdrama.release.build import read_series
    from microdrama.release.picture import label_badges, master_variant, visible_label
    from microdrama.release.profile import builtin_profiles

    tv = builtin_profiles()["tv"]
    shots = {e.number: len(ShotList.load(project / paths.shots(e.number)).shots) for e in read_series(project).episodes}
    episode = max(shots, key=lambda n: shots[n])
    size = max(tv.video.sizes())
    variant = master_variant(tv, size, label_badges(visible_label(project, episode), settings, size))
    me, peaks, stop = psutil.Process(), [0, 0], threading.Event()

    def poll() -> None:
        while not stop.wait(0.05):
            try:
                peaks[0] = max(peaks[0], me.memory_info().rss)
                peaks[1] = max(peaks[1], sum(c.memory_info().rss for c in me.children(recursive=True)))
            except psutil.Error:
                continue

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    render_variants(project, episode, [variant])
    stop.set()
    thread.join()
    return (
        f"one {size[0]}x{size[1]} TV picture (episode {episode}, {shots[episode]} shots): "
        f"ffmpeg peaks at {peaks[1] / 1048576:.0f} MB, this process at {peaks[0] / 1048576:.0f} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--platforms", default="douyin,tv,tiktok")
    parser.add_argument("--workers", type=int, default=CORES, help="local process pool size (1 = serial)")
    parser.add_argument("--compare", action="store_true", help="also compare the ways of making a TV master")
    parser.add_argument("--memory", action="store_true", help="also measure one 4K TV picture's peak memory")
    parser.add_argument("--series-episodes", type=int, default=60)
    parser.add_argument("--series-seconds", type=int, default=90)
    args = parser.parse_args()

    from microdrama.pipeline.executors import LocalExecutor, SerialExecutor
    from microdrama.release.audio import decode_audio
    from microdrama.release.build import check_gates, read_series, release
    from microdrama.release.profile import builtin_profiles, select
    from microdrama.settings import load_settings

    settings = load_settings(args.project)
    profiles = select(builtin_profiles(), args.platforms)
    executor = SerialExecutor() if args.workers <= 1 else LocalExecutor(args.workers)
    shutil.rmtree(args.project / "release", ignore_errors=True)
    load_before = os.getloadavg()
    rows = []
    with TreeUsage() as usage:
        wall, cpu = time.perf_counter(), usage.cpu
        series = read_series(args.project)
        check_gates(series, profiles, settings)
        runtime = sum(len(decode_audio(e.masters["vertical"])) / 48000 for e in series.episodes)
        rows.append(row("read series + compliance gates", time.perf_counter() - wall, usage.cpu - cpu, runtime))
        first_wall, first_cpu = time.perf_counter(), usage.cpu
        for profile in profiles:
            timings: dict[str, dict[str, float]] = {}
            wall, cpu = time.perf_counter(), usage.cpu
            [manifest] = release(
                args.project, [profile], settings, executor, date(2026, 12, 10), timings=timings
            ).values()
            time.sleep(0.25)
            kinds: dict[str, int] = {}
            for entry in manifest["files"].values():
                if "audio" in entry:
                    kinds[entry["audio"]["video"]] = kinds.get(entry["audio"]["video"], 0) + 1
            sizes = " + ".join(f"{w}x{h}" for w, h in profile.video.sizes())
            how = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
            masters = runtime * len(profile.video.sizes())
            for phase, seconds in timings[profile.id].items():
                media = masters if phase in ("sound", "pictures") else runtime
                rows.append(row(f"  {profile.id}: {phase}", seconds, 0.0, media))
            rows.append(row(f"{profile.id} ({sizes}; {how})", time.perf_counter() - wall, usage.cpu - cpu, masters))
        first = (time.perf_counter() - first_wall, usage.cpu - first_cpu)
        masters_total = runtime * sum(len(p.video.sizes()) for p in profiles)
        rows.append(row("all platforms, first build (masters' seconds)", *first, masters_total))
        wall, cpu = time.perf_counter(), usage.cpu
        release(args.project, profiles, settings, executor, date(2026, 12, 10))
        rows.append(
            row("re-run, nothing changed (all reused)", time.perf_counter() - wall, usage.cpu - cpu, masters_total)
        )
        executor.close()
        compared = compare(args.project, settings, usage) if args.compare else []
    alone = memory(args.project, settings) if args.memory else ""
    load_after = os.getloadavg()
    print(
        f"{len(series.episodes)} episodes, {runtime:.0f} s of programme, platforms {args.platforms}, "
        f"workers {args.workers}; load average {load_before[0]:.1f} before, {load_after[0]:.1f} after "
        f"({os.cpu_count()} CPUs)"
    )
    print_table("per platform and step (phase rows: wall only)", rows)
    if compared:
        print_table("one TV episode, three ways", compared)
    scale = args.series_episodes * args.series_seconds / runtime
    quiet = first[1] * scale / CORES / 60
    loaded = first[0] * scale / 60
    speed = masters_total / first[0]
    print(
        f"\nprojection to {args.series_episodes} × {args.series_seconds} s, {args.platforms}: "
        f"{quiet:.1f} min on {CORES} quiet cores (CPU seconds / {CORES}), {loaded:.1f} min at this load; "
        f"target ≤ {TARGET_MINUTES:.0f} min: {'met' if quiet <= TARGET_MINUTES else 'NOT met'} (quiet)"
    )
    print(
        f"masters: {speed:.1f}× real time at this load, {masters_total / first[1] * CORES:.1f}× on {CORES} quiet cores; "
        f"target ≥ {TARGET_SPEED:.0f}×"
    )
    print(
        f"peak memory: largest process {usage.peak_rss / 1048576:.0f} MB, "
        f"largest worker with its ffmpeg children {usage.peak_tree / 1048576:.0f} MB "
        f"(the worker {usage.peak_tree_parts[0] / 1048576:.0f} MB + ffmpeg {usage.peak_tree_parts[1] / 1048576:.0f} MB; "
        f"target ≤ 1536 MB)"
    )
    if alone:
        print(alone)
    return 0


if __name__ == "__main__":
    sys.exit(main())
