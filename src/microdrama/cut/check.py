"""Checks of a rendered animatic against the delivery spec, read back with PyAV (and ffmpeg's ebur128)."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from fractions import Fraction
from pathlib import Path

from microdrama.cut.render import LOUDNESS_LUFS, ffmpeg_exe
from microdrama.model.media import VideoCheck

DURATION_TOLERANCE_MS = 100
MAX_KEYFRAME_GAP_MS = 2000
LOUDNESS_TOLERANCE = 1.5


def moov_before_mdat(data: bytes) -> bool:
    """True when the top-level ``moov`` box comes before ``mdat`` (fast start)."""
    pos = 0
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        if kind == b"moov":
            return True
        if kind == b"mdat":
            return False
        if size == 1:
            size = int.from_bytes(data[pos + 8 : pos + 16], "big")
        if size < 8:
            return False
        pos += size
    return False


def integrated_loudness(data: bytes) -> float | None:
    """Integrated loudness (LUFS) of the file's audio, measured by ffmpeg's EBU R128 filter."""
    with tempfile.NamedTemporaryFile(suffix=".mp4") as tmp:
        Path(tmp.name).write_bytes(data)
        result = subprocess.run(
            [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", tmp.name, "-vn", "-af", "ebur128", "-f", "null", "-"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    found = re.findall(r"I:\s+(-?\d+(?:\.\d+)?) LUFS", result.stderr)
    return float(found[-1]) if found else None


def check_video(data: bytes, path: str, *, width: int, height: int, expected_ms: int, fps: int = 30) -> VideoCheck:
    """What the file is, and every way it misses the spec (``problems``)."""
    import av

    with av.open(io.BytesIO(data)) as container:
        video = container.streams.video[0]
        audio = container.streams.audio[0] if container.streams.audio else None
        rate = video.average_rate or Fraction(0)
        duration_ms = int(container.duration * 1000 // av.time_base) if container.duration else 0
        keyframes = []
        for packet in container.demux(video):
            if packet.pts is not None and packet.is_keyframe:
                keyframes.append(int(packet.pts * packet.time_base * 1000))
        video_codec = video.codec_context.name
        profile = video.codec_context.profile or ""
        audio_codec = audio.codec_context.name if audio else ""
        sample_rate = audio.codec_context.sample_rate if audio else 0
        channels = audio.codec_context.channels if audio else 0
    keyframes.sort()
    ends = keyframes + [duration_ms]
    gap = max((b - a for a, b in zip(ends, ends[1:])), default=duration_ms)
    loudness = integrated_loudness(data) if audio else None
    check = VideoCheck(
        path=path,
        width=video.codec_context.width,
        height=video.codec_context.height,
        fps=f"{rate.numerator}/{rate.denominator}",
        video_codec=video_codec,
        audio_codec=audio_codec,
        sample_rate=sample_rate,
        duration_ms=duration_ms,
        expected_ms=expected_ms,
        max_keyframe_gap_ms=gap,
        moov_first=moov_before_mdat(data),
        loudness_lufs=round(loudness, 1) if loudness is not None else None,
    )
    problems = []
    if (check.width, check.height) != (width, height):
        problems.append(f"resolution {check.width}x{check.height}, expected {width}x{height}")
    if rate != fps:
        problems.append(f"frame rate {check.fps}, expected {fps}")
    if video_codec != "h264" or "High" not in str(profile):
        problems.append(f"video codec {video_codec} {profile}, expected H.264 High")
    if audio_codec != "aac" or sample_rate != 48000 or channels != 2:
        problems.append(
            f"audio {audio_codec or 'missing'} {sample_rate} Hz {channels} ch, expected AAC 48000 Hz stereo"
        )
    if abs(duration_ms - expected_ms) > DURATION_TOLERANCE_MS:
        problems.append(f"duration {duration_ms} ms, timing says {expected_ms} ms")
    if gap > MAX_KEYFRAME_GAP_MS:
        problems.append(f"keyframes {gap} ms apart, at most {MAX_KEYFRAME_GAP_MS} ms allowed")
    if not check.moov_first:
        problems.append("moov atom after the media data (no fast start)")
    if loudness is None or abs(loudness - LOUDNESS_LUFS) > LOUDNESS_TOLERANCE:
        problems.append(f"integrated loudness {loudness} LUFS, expected {LOUDNESS_LUFS} ± {LOUDNESS_TOLERANCE}")
    return check.model_copy(update={"problems": problems})
