"""What a video file is, read with PyAV: size, codec, profile, level, frame rate, duration, GOP, bitrate peaks,
moov position, audio format and loudness. Works on any MP4/MOV, ours or not."""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path

from microdrama.cut.check import moov_before_mdat
from microdrama.release.audio import RATE, decode_audio
from microdrama.release.loudness import measure


@dataclass(frozen=True)
class VideoInfo:
    """One file's facts."""

    path: str
    bytes: int
    width: int
    height: int
    codec: str
    profile: str
    level: int
    fps: float
    duration_s: float
    max_keyframe_gap_s: float
    peak_kbps: float
    average_kbps: float
    moov_first: bool
    audio_codec: str
    audio_rate: int
    audio_channels: int
    loudness_lufs: float
    true_peak_dbtp: float

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return asdict(self)


def _moov_first(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    return moov_before_mdat(head) if b"moov" in head else False


def probe(path: Path, *, loudness: bool = True) -> VideoInfo:
    """The facts of the video at ``path`` (``loudness=False`` skips decoding the audio).

    Raises:
        av.error.FFmpegError: the file is not a readable video.
    """
    import av

    with av.open(str(path)) as container:
        video = container.streams.video[0]
        audio = container.streams.audio[0] if container.streams.audio else None
        ctx = video.codec_context
        base = video.time_base or Fraction(1, 90000)
        keyframes: list[float] = []
        per_second: dict[int, int] = {}
        last = 0.0
        for packet in container.demux(video):
            if packet.pts is None:
                continue
            t = float(packet.pts * base)
            last = max(last, t + float((packet.duration or 0) * base))
            if packet.is_keyframe:
                keyframes.append(t)
            per_second[int(t)] = per_second.get(int(t), 0) + packet.size
        duration = float(container.duration or 0) / 1_000_000 or last
        gaps = [b - a for a, b in itertools.pairwise(keyframes)]
        tail = duration - keyframes[-1] if keyframes else duration
        rate = video.average_rate
        info = {
            "width": ctx.width,
            "height": ctx.height,
            "codec": ctx.name,
            "profile": str(ctx.profile or ""),
            "level": int(getattr(ctx, "level", 0) or 0),
            "fps": float(rate) if rate else 0.0,
            "duration_s": round(duration, 3),
            "max_keyframe_gap_s": round(max([*gaps, min(tail, gaps[0] if gaps else tail)]), 3),
            "peak_kbps": round(max(per_second.values(), default=0) * 8 / 1000, 1),
            "audio_codec": audio.codec_context.name if audio else "",
            "audio_rate": audio.codec_context.sample_rate if audio else 0,
            "audio_channels": audio.codec_context.channels if audio else 0,
        }
    size = path.stat().st_size
    loud = measure(decode_audio(path), RATE) if loudness and info["audio_codec"] else None
    return VideoInfo(
        path=str(path),
        bytes=size,
        average_kbps=round(size * 8 / 1000 / duration, 1) if duration else 0.0,
        moov_first=_moov_first(path),
        loudness_lufs=round(loud.integrated, 2) if loud else -70.0,
        true_peak_dbtp=round(loud.true_peak, 2) if loud else -70.0,
        **info,  # type: ignore[arg-type]
    )
