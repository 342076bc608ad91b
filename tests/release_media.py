"""Tiny real encoded files for the release tests: a few frames at small sizes, with a tone at a chosen level."""

from __future__ import annotations

import subprocess
from pathlib import Path

from microdrama.cut.render import ffmpeg_exe
from microdrama.release.profile import Profile

SCALE = 16
SINE_DBFS = -20.0  # lavfi sine peaks near 1/10 of full scale (measured)  # test masters are the profile's size / 16 (1080x1920 → 68x120 rounded to even)


def small(profile: Profile) -> Profile:
    """``profile`` with every picture and cover size divided by 16 (even numbers), so encodes take milliseconds."""

    def shrink(size: tuple[int, int]) -> tuple[int, int]:
        return (max(16, size[0] // SCALE // 2 * 2), max(16, size[1] // SCALE // 2 * 2))

    v = profile.video
    w, h = shrink((v.width, v.height))
    video = v.model_copy(update={"width": w, "height": h, "extra_sizes": [shrink(s) for s in v.extra_sizes]})
    covers = profile.covers.model_copy(update={"sizes": [shrink(s) for s in profile.covers.sizes]})
    return profile.model_copy(update={"video": video, "covers": covers})


def tone_mp4(
    path: Path,
    *,
    width: int,
    height: int,
    seconds: float = 1.5,
    fps: int = 30,
    level_dbfs: float = -20.0,
    gop: int = 60,
) -> Path:
    """An H.264 + AAC MP4 (moov first) of a moving test pattern and a 1 kHz tone peaking at ``level_dbfs``
    (a sine at −1 dBFS measures about −4 LUFS: loud)."""
    cmd = [
        ffmpeg_exe(),
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-f",
        "lavfi",
        "-i",
        f"testsrc2=size={width}x{height}:rate={fps}:duration={seconds}",
        "-f",
        "lavfi",
        "-i",
        f"sine=frequency=1000:duration={seconds}:sample_rate=48000",
        "-af",
        f"volume={level_dbfs - SINE_DBFS:.2f}dB",
        "-ac",
        "2",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-profile:v",
        "high",
        "-pix_fmt",
        "yuv420p",
        "-g",
        str(gop),
        "-c:a",
        "aac",
        "-b:a",
        "96k",
        "-ar",
        "48000",
        "-movflags",
        "+faststart",
        "-shortest",
        str(path),
    ]
    subprocess.run(cmd, check=True, capture_output=True)
    return path
