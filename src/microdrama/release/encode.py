"""One platform master from an episode's labelled animatic: picture scaled and padded (or cropped) to the
profile's size, H.264 at its profile/level/fps with a bitrate cap and fixed closed GOP, moov first; audio
measured (BS.1770) and brought to the profile's loudness and true-peak ceiling; the AI label carried over."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from microdrama.compliance.implicit import read_fields
from microdrama.cut.render import REPRODUCIBLE_MUX, ffmpeg_exe
from microdrama.release.errors import ReleaseError
from microdrama.release.loudness import Loudness
from microdrama.release.probe import probe
from microdrama.release.profile import Profile
from microdrama.release.soundtrack import AAC, AudioJob, loudness_of, make_track, track_numbers

X264_PRESET = "ultrafast"  # masters of animatics: 4x faster than veryfast, a third of the memory at 4K
X264_THREADS = 2
CRF = 21
ENCODER = (
    f"x264 {X264_PRESET} crf{CRF} 8x8dct threads{X264_THREADS}; {AAC}; bs1770 limiter"  # part of every master's key
)


@dataclass(frozen=True)
class Master:
    """An encoded master and the loudness before and after."""

    data: bytes
    loudness_in: Loudness
    loudness_out: Loudness
    copied: bool = False
    #: the picture: "copied" from the animatic, "rendered" from the cut's timeline, or "encoded" again
    video: str = "encoded"
    #: the sound: the animatic's "copied" (already at the target) or "normalised" and encoded
    sound: str = "normalised"


def video_filter(profile: Profile, size: tuple[int, int]) -> str:
    """Scale into ``size`` keeping the aspect; pad (pillar/letter box, black) or crop the rest; constant fps."""
    w, h = size
    if profile.video.fit == "crop":
        fit = f"scale={w}:{h}:force_original_aspect_ratio=increase:flags=bicubic,crop={w}:{h}"
    else:
        fit = f"scale={w}:{h}:force_original_aspect_ratio=decrease:flags=bicubic,pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:black"
    return f"{fit},setsar=1,fps={profile.video.fps},format=yuv420p"


def aigc_of(path: Path) -> str:
    """The implicit AI label JSON the source carries ('' when none)."""
    with path.open("rb") as fh:
        data = fh.read()
    found = [f.value for f in read_fields(data, name=path.name) if f.kind == "aigc"]
    return found[0] if found else ""


PROFILE_NAMES = {"baseline": ("Baseline", "Constrained Baseline"), "main": ("Main",), "high": ("High",)}
PROFILE_RANK = {"Constrained Baseline": 0, "Baseline": 0, "Main": 1, "High": 2}


def profile_within(found: str, wanted: str) -> bool:
    """A stream in ``found`` H.264 profile plays wherever ``wanted`` does (Baseline ⊂ Main ⊂ High)."""
    return found in PROFILE_RANK and PROFILE_RANK[found] <= PROFILE_RANK[PROFILE_NAMES[wanted][0]]


def level_number(level: str) -> int:
    """H.264 ``level_idc`` of a level written ``4.1`` (41)."""
    major, _, minor = level.partition(".")
    return int(major) * 10 + int(minor or 0)


def video_fits(source: Path, profile: Profile, size: tuple[int, int]) -> bool:
    """True when the source picture already meets the profile at ``size``: copied, not re-encoded.

    The cut's animatics are H.264 High at 30 fps with an IDR every 2 s, so vertical profiles that want
    exactly that get the picture untouched (and the cut's frame-skipping speed); others are re-encoded.
    """

    info = probe(source, loudness=False)
    v = profile.video
    return (
        info.codec == "h264"
        and (info.width, info.height) == size
        and abs(info.fps - v.fps) < 0.01
        and info.profile in PROFILE_NAMES[v.profile]
        and 0 < info.level <= level_number(v.level)
        and info.max_keyframe_gap_s <= v.gop_seconds + 0.001
        and info.peak_kbps <= v.max_bitrate_kbps
    )


def encode_master(
    source: Path,
    profile: Profile,
    size: tuple[int, int],
    dest: Path,
    *,
    track: AudioJob | None = None,
    picture: Path | None = None,
) -> Master:
    """Write the platform master of ``source`` (the labelled animatic) at ``size`` to ``dest``.

    The sound is ``track`` (made now when it is not there yet; a private one when None). The picture is
    ``picture`` when given (rendered to the profile already: copied), else the source's, copied when it
    meets the profile and re-encoded otherwise. The source's GB 45438 label is carried over.

    Raises:
        ReleaseError: ffmpeg failed (its last words are in the message).
    """
    with tempfile.TemporaryDirectory(prefix="microdrama-release-", dir=dest.parent) as tmp:
        if track is None:
            a = profile.audio
            track = AudioJob(str(source), a.loudness_lufs, a.true_peak_dbtp, a.bitrate_kbps, str(Path(tmp) / "a.m4a"))
        numbers = track_numbers(track) if track.done() else make_track(track)
        before, after = loudness_of(numbers)
        how = "rendered" if picture is not None else "copied" if video_fits(source, profile, size) else "encoded"
        cmd = [
            ffmpeg_exe(),
            "-nostdin",
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-i",
            str(picture or source),
            "-i",
            track.dest,
            "-map",
            "0:v:0",
            "-map",
            "1:a:0",
        ]
        cmd += ["-c:v", "copy"] if how != "encoded" else reencode_args(profile, size)
        cmd += [
            "-c:a",
            "copy",
            "-map_metadata",
            "-1",
            "-fflags",
            "+bitexact",
            "-movflags",
            "+faststart+use_metadata_tags",
            *REPRODUCIBLE_MUX,
        ]
        label = aigc_of(source)
        if label:
            cmd += ["-metadata", f"AIGC={label}"]
        out = Path(tmp) / "out.mp4"
        result = subprocess.run([*cmd, str(out)], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ReleaseError(
                f"{source.name} → {profile.id} {size[0]}x{size[1]}: ffmpeg failed: {result.stderr.strip()[-400:]}"
            )
        data = out.read_bytes()
    return Master(data, before, after, copied=how == "copied", video=how, sound=numbers.get("sound", "normalised"))


def reencode_args(profile: Profile, size: tuple[int, int]) -> list[str]:
    """x264 arguments re-encoding a source picture to the profile at ``size`` (scale, pad/crop, fps, caps)."""
    gop = max(1, round(profile.video.gop_seconds * profile.video.fps))
    cap = profile.video.max_bitrate_kbps
    return [
        "-vf",
        video_filter(profile, size),
        "-filter_threads",
        "1",
        "-c:v",
        "libx264",
        "-preset",
        X264_PRESET,
        "-threads",
        str(X264_THREADS),
        "-profile:v",
        profile.video.profile,
        "-level:v",
        profile.video.level,
        "-crf",
        str(CRF),
        "-maxrate",
        f"{cap}k",
        "-bufsize",
        f"{cap}k",
        "-g",
        str(gop),
        "-keyint_min",
        str(gop),
        "-sc_threshold",
        "0",
        "-x264-params",
        "open-gop=0" + (":8x8dct=1" if profile.video.profile == "high" else ""),
        "-pix_fmt",
        "yuv420p",
        "-flags:v",
        "+bitexact",
    ]
