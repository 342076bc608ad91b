"""Label a video by re-encoding only its opening GOPs and copying the rest bit for bit.

The animatics of the ``cut`` stage are 30 fps H.264 (x264 ultrafast, High, IDR every 2 s, no B
frames). Re-encoding a whole 90 s 1080×1920 episode to draw a 3 s label costs over a minute; here the
frames up to the first IDR after the label are decoded, overlaid and encoded with the cut's x264
settings, and the original stream is copied from that IDR on. The splice is only made when the new
head's SPS and PPS are byte-identical to the original's (same encoder, same settings): otherwise
:func:`splice_label` returns None and the caller re-encodes the whole video.
"""

from __future__ import annotations

import io
import math
import subprocess
from pathlib import Path

from microdrama.cut.h264 import split_nals
from microdrama.cut.render import mux_command

FPS = 30
#: the cut stage's encoder settings (cut/render.py:encode_command); a mismatch only costs the fast path
X264_ARGS = [
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-x264-params",
    "8x8dct=1",
    "-profile:v",
    "high",
    "-pix_fmt",
    "yuv420p",
    "-g",
    str(2 * FPS),
    "-keyint_min",
    str(2 * FPS),
    "-sc_threshold",
    "0",
    "-crf",
    "26",
    "-threads",
    "2",
    "-flags:v",
    "+bitexact",
]
_VCL = (1, 5)
_PREFIX = (6, 7, 8, 9)


def pictures(nals: list[bytes]) -> list[tuple[int, bool]]:
    """(index of the access unit's first NAL, is IDR) for each picture of an Annex B stream's NAL list."""
    out: list[tuple[int, bool]] = []
    for index, nal in enumerate(nals):
        kind = nal[0] & 0x1F if nal else 0
        if kind in _VCL and len(nal) > 1 and nal[1] & 0x80:  # first_mb_in_slice == 0: a new picture
            start = index
            while start > 0 and nals[start - 1] and nals[start - 1][0] & 0x1F in _PREFIX:
                start -= 1
            out.append((start, kind == 5))
    return out


def _first(nals: list[bytes], kind: int) -> bytes | None:
    return next((n for n in nals if n and n[0] & 0x1F == kind), None)


def _frame_rate(data: bytes) -> float:
    import av

    with av.open(io.BytesIO(data)) as container:
        rate = container.streams.video[0].average_rate
        return float(rate) if rate else 0.0


def _run(cmd: list[str]) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip()[-500:])


def splice_label(ffmpeg: str, work: Path, source: Path, inputs: list[str], graph: str, seconds: float) -> bytes | None:
    """The labelled MP4 made by re-encoding only the opening GOPs, or None when that is not safe.

    ``inputs`` are the ffmpeg ``-i`` arguments after the source (label pictures), ``graph`` the
    overlay filter graph ending in ``[v]``, ``seconds`` how long the overlays last.
    """
    data = source.read_bytes()
    if abs(_frame_rate(data) - FPS) > 0.01:
        return None
    quiet = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
    original = work / "original.h264"
    _run(
        [
            *quiet,
            "-i",
            str(source),
            "-map",
            "0:v:0",
            "-c",
            "copy",
            "-bsf:v",
            "h264_mp4toannexb",
            "-f",
            "h264",
            str(original),
        ]
    )
    nals = split_nals(original.read_bytes())
    pics = pictures(nals)
    need = math.ceil(seconds * FPS)
    cut_at = next((i for i, (_, idr) in enumerate(pics) if idr and i >= need), None)
    if cut_at is None:
        return None
    head = work / "head.h264"
    _run(
        [
            *quiet,
            "-i",
            str(source),
            *inputs,
            "-filter_complex",
            graph,
            "-filter_threads",
            "1",
            "-map",
            "[v]",
            "-frames:v",
            str(cut_at),
            "-fps_mode",
            "passthrough",
            *X264_ARGS,
            "-f",
            "h264",
            str(head),
        ]
    )
    head_nals = split_nals(head.read_bytes())
    if len(pictures(head_nals)) != cut_at:
        return None
    if any(_first(head_nals, kind) != _first(nals, kind) for kind in (7, 8)):
        return None
    # the MP4 → Annex B filter put the parameter sets in-band before each IDR; they equal the head's
    tail = [n for n in nals[pics[cut_at][0] :] if n and n[0] & 0x1F not in (7, 8)]
    stream = work / "spliced.h264"
    stream.write_bytes(head.read_bytes() + b"".join(b"\x00\x00\x00\x01" + n for n in tail))
    out = work / "spliced.mp4"
    _run(mux_command(stream, source, out, audio_optional=True))
    return out.read_bytes()
