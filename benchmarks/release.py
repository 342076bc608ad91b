"""Release packaging speed: per platform, masters (real-time factor), covers/metadata/calendar, and a re-run.

Usage: PYTHONPATH=src python benchmarks/release.py PROJECT [--platforms douyin,tv,tiktok] [--workers N]

PROJECT is a produced project whose episodes are already cut and labelled (`microdrama release` or
`microdrama animatic --only all` then `microdrama label`); its release/ folder is rebuilt from scratch.
Prints one row per step with seconds, the episodes' total runtime, the real-time factor and peak memory
(this process and, separately, its largest child: an ffmpeg encoder).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from datetime import date
from pathlib import Path


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--platforms", default="douyin,tv,tiktok")
    parser.add_argument("--workers", type=int, default=1, help="local process pool size (1 = serial)")
    args = parser.parse_args()

    from microdrama.pipeline.executors import LocalExecutor, SerialExecutor
    from microdrama.release.build import check_gates, read_series, release
    from microdrama.release.encode import decode_audio
    from microdrama.release.profile import builtin_profiles, select
    from microdrama.settings import load_settings

    settings = load_settings(args.project)
    profiles = select(builtin_profiles(), args.platforms)
    executor = SerialExecutor() if args.workers <= 1 else LocalExecutor(args.workers)
    shutil.rmtree(args.project / "release", ignore_errors=True)
    rows = []
    t0 = time.perf_counter()
    series = read_series(args.project)
    check_gates(series, profiles, settings)
    runtime = sum(
        len(decode_audio(m)) / 48000 for e in series.episodes for k, m in e.masters.items() if k == "vertical"
    )
    rows.append(("read series + compliance gates", time.perf_counter() - t0, runtime, ""))
    total = time.perf_counter()
    for profile in profiles:
        t = time.perf_counter()
        [manifest] = release(args.project, [profile], settings, executor, date(2026, 12, 10)).values()
        sizes = " + ".join(f"{w}x{h}" for w, h in profile.video.sizes())
        copied = sum(1 for f in manifest["files"].values() if f.get("audio", {}).get("video") == "copied")
        rows.append((f"{profile.id} ({sizes}; {copied} video streams copied)", time.perf_counter() - t, runtime, ""))
    rows.append(("all platforms, first build", time.perf_counter() - total, runtime * len(profiles), ""))
    t = time.perf_counter()
    release(args.project, profiles, settings, executor, date(2026, 12, 10))
    rows.append(("re-run, nothing changed (all reused)", time.perf_counter() - t, runtime * len(profiles), ""))
    executor.close()
    own, child = peak_mb()
    print(
        f"{len(series.episodes)} episodes, {runtime:.0f} s of programme, platforms {args.platforms}, "
        f"workers {args.workers}"
    )
    print(f"{'step':62} {'seconds':>9} {'x real time':>12}")
    for name, seconds, media, _ in rows:
        print(f"{name:62} {seconds:9.1f} {media / seconds if seconds else 0:12.1f}")
    print(f"peak memory: this process {own:.0f} MB, largest child (ffmpeg) {child:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
