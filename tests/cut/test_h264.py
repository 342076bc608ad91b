"""Held frames as all-skip P frames: the expanded stream decodes to each encoded frame, repeated."""

from __future__ import annotations

import subprocess
from pathlib import Path

import av
import pytest

from microdrama.cut.h264 import BitReader, BitstreamError, BitWriter, escape, expand, unescape
from microdrama.cut.render import ffmpeg_exe


@pytest.fixture(scope="module")
def three_frames(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Three different 64×48 frames encoded the way the renderer encodes (x264 ultrafast, CAVLC)."""
    out = tmp_path_factory.mktemp("h264") / "three.h264"
    subprocess.run(
        [
            ffmpeg_exe(),
            "-hide_banner",
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=64x48:rate=1",
            "-frames:v",
            "3",
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
            "60",
            "-threads",
            "1",
            "-flags:v",
            "+bitexact",
            "-f",
            "h264",
            str(out),
        ],
        check=True,
    )
    return out.read_bytes()


def decoded(stream: bytes, tmp: Path) -> list[bytes]:
    path = tmp / "s.h264"
    path.write_bytes(stream)
    with av.open(str(path), format="h264") as container:
        return [bytes(frame.planes[0]) for frame in container.decode(video=0)]


def test_expanded_stream_repeats_each_frame(three_frames: bytes, tmp_path: Path) -> None:
    original = decoded(three_frames, tmp_path)
    assert len(original) == 3 and len(set(original)) == 3
    held = decoded(expand(three_frames, [2, 20, 3]), tmp_path)
    assert held == [original[0]] * 2 + [original[1]] * 20 + [original[2]] * 3


def test_expansion_checks_the_frame_count(three_frames: bytes) -> None:
    with pytest.raises(BitstreamError):
        expand(three_frames, [1, 1])
    with pytest.raises(BitstreamError):
        expand(three_frames, [1, 1, 1, 1])


def test_bits_and_emulation_prevention_round_trip() -> None:
    writer = BitWriter()
    for value in (0, 1, 7, 8160, 300):
        writer.ue(value)
    writer.se(-3)
    writer.u(5, 19)
    reader = BitReader(writer.trailing())
    assert [reader.ue() for _ in range(5)] == [0, 1, 7, 8160, 300] and reader.se() == -3 and reader.u(5) == 19
    rbsp = bytes([0, 0, 1, 0, 0, 0, 0, 3, 5])
    assert b"\x00\x00\x01" not in escape(rbsp) and unescape(escape(rbsp)) == rbsp
