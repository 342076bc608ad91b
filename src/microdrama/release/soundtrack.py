"""A master's sound: the episode's audio measured (BS.1770), brought to a profile's loudness and true-peak
ceiling and encoded to AAC once, then muxed (copied) into every master that wants the same loudness and
bitrate: the 1080p and 4K TV masters share one track, and so do profiles with the same target.

Tracks live in ``release/.cache/audio/<key>.m4a`` with their numbers in ``<key>.json`` (the key: the
source file's sha256 and the audio settings), written atomically, so re-runs and other profiles reuse them.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import av
import numpy as np

from microdrama.cut.render import ffmpeg_exe
from microdrama.release.audio import RATE, decode_audio
from microdrama.release.errors import ReleaseError
from microdrama.release.loudness import Loudness, measure, to_target

#: AAC encoder settings, part of every track's key
AAC = "aac fast-coder; copy within 0.5 LU"
CACHE = Path(".cache") / "audio"
#: a source this close to the target (and under the ceiling, AAC at no more than the bitrate) is copied:
#: well inside every profile's tolerance, and no second lossy generation
COPY_WITHIN_LU = 0.5


@dataclass(frozen=True)
class AudioJob:
    """One normalised track to make (picklable, for the executor)."""

    source: str
    loudness_lufs: float
    true_peak_dbtp: float
    bitrate_kbps: int
    dest: str
    #: where the source's own loudness is kept once measured (shared by every target); '' = not kept
    measured: str = ""

    @property
    def numbers(self) -> Path:
        """The JSON beside the track: loudness before and after."""
        return Path(self.dest).with_suffix(".json")

    def done(self) -> bool:
        """True when the track and its numbers are already there."""
        return Path(self.dest).is_file() and self.numbers.is_file()


def aac_command(raw: Path, bitrate_kbps: int, output: Path) -> list[str]:
    """ffmpeg: 48 kHz stereo float samples to AAC-LC in an MP4 audio file, reproducibly."""
    return [
        ffmpeg_exe(),
        "-nostdin",
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "f32le",
        "-ar",
        str(RATE),
        "-ac",
        "2",
        "-i",
        str(raw),
        "-c:a",
        "aac",
        "-aac_coder",
        "fast",
        "-b:a",
        f"{bitrate_kbps}k",
        "-map_metadata",
        "-1",
        "-fflags",
        "+bitexact",
        "-flags:a",
        "+bitexact",
        "-f",
        "mp4",
        str(output),
    ]


def meets_target(job: AudioJob, measured: Loudness) -> bool:
    """True when the source's own AAC track can be used as it is (see ``COPY_WITHIN_LU``)."""
    if abs(measured.integrated - job.loudness_lufs) > COPY_WITHIN_LU or measured.true_peak > job.true_peak_dbtp:
        return False
    try:
        with av.open(job.source) as container:
            if not container.streams.audio:
                return False
            codec = container.streams.audio[0].codec_context
            rate_ok = 0 < (codec.bit_rate or 0) <= job.bitrate_kbps * 1000 * 1.05
            return bool(codec.name == "aac" and codec.sample_rate == RATE and codec.channels == 2 and rate_ok)
    except av.error.FFmpegError:
        return False


def copy_command(source: Path, output: Path) -> list[str]:
    """ffmpeg: the source's audio stream, copied into an MP4 audio file."""
    return [
        ffmpeg_exe(),
        "-nostdin",
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-i",
        str(source),
        "-map",
        "0:a:0",
        "-c:a",
        "copy",
        "-map_metadata",
        "-1",
        "-fflags",
        "+bitexact",
        "-f",
        "mp4",
        str(output),
    ]


def make_track(job: AudioJob) -> dict[str, Any]:
    """Measure, normalise and encode one track (atomically into ``job.dest``); its numbers.

    Raises:
        ReleaseError: ffmpeg failed.
    """
    dest = Path(job.dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    audio = decode_audio(Path(job.source))
    before = source_loudness(job, audio)
    copy = meets_target(job, before)
    with tempfile.TemporaryDirectory(prefix="microdrama-audio-", dir=dest.parent) as tmp:
        raw, out = Path(tmp) / "audio.f32", Path(tmp) / "track.m4a"
        if copy:
            command = copy_command(Path(job.source), out)
        else:
            target = to_target(audio, RATE, job.loudness_lufs, job.true_peak_dbtp, before)
            raw.write_bytes(np.ascontiguousarray(target, dtype="<f4").tobytes())
            command = aac_command(raw, job.bitrate_kbps, out)
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ReleaseError(f"{Path(job.source).name}: AAC encoding failed: {result.stderr.strip()[-400:]}")
        after = before if copy else measure(decode_audio(out), RATE)
        numbers = {
            "loudness_in": round(before.integrated, 2),
            "true_peak_in": round(before.true_peak, 2),
            "loudness": round(after.integrated, 2),
            "true_peak": round(after.true_peak, 2),
            "sound": "copied" if copy else "normalised",
        }
        os.replace(out, dest)
    write_json(job.numbers, numbers)
    return numbers


def source_loudness(job: AudioJob, audio: np.ndarray) -> Loudness:
    """The source's loudness: read from ``job.measured`` when another track measured it, else measured (and kept)."""
    kept = Path(job.measured) if job.measured else None
    if kept is not None and kept.is_file():
        try:
            known = json.loads(kept.read_text(encoding="utf-8"))
            return Loudness(float(known["integrated"]), float(known["true_peak"]))
        except (OSError, ValueError, KeyError, TypeError):
            pass  # unreadable: measure again
    found = measure(audio, RATE)
    if kept is not None:
        write_json(kept, {"integrated": found.integrated, "true_peak": found.true_peak})
    return found


def write_json(path: Path, value: dict[str, Any]) -> None:
    """A small JSON file, written atomically (temp file beside it, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(value), encoding="utf-8")
    os.replace(tmp, path)


def track_numbers(job: AudioJob) -> dict[str, Any]:
    """The numbers of a made track."""
    return json.loads(job.numbers.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def loudness_of(numbers: dict[str, Any]) -> tuple[Loudness, Loudness]:
    """Before and after, as ``Loudness`` values."""
    return (
        Loudness(numbers["loudness_in"], numbers["true_peak_in"]),
        Loudness(numbers["loudness"], numbers["true_peak"]),
    )
