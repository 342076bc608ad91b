"""Tiny real media for the compliance tests: encoded by PyAV/ffmpeg, a few frames at small sizes."""

from __future__ import annotations

import io
import math
import struct
import subprocess
import tempfile
import wave
from pathlib import Path

import av
import numpy as np
from PIL import Image

from microdrama.compliance.implicit.mp4 import ffmpeg_exe
from microdrama.compliance.splice import X264_ARGS


def png(width: int = 216, height: int = 384, colour: tuple[int, int, int] = (90, 120, 160)) -> bytes:
    """A flat PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg(width: int = 384, height: int = 216) -> bytes:
    """A flat JPEG."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (160, 120, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


def wav(ms: int = 400, rate: int = 22050) -> bytes:
    """A 16-bit mono sine."""
    t = np.arange(rate * ms // 1000) / rate
    samples = (np.sin(2 * math.pi * 440 * t) * 8000).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def mp3(ms: int = 400) -> bytes:
    """A short MP3 encoded by PyAV (libmp3lame)."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=44100)
        stream.layout = "mono"
        t = np.arange(44100 * ms // 1000) / 44100
        samples = (np.sin(2 * math.pi * 440 * t) * 0.3).astype("float32")
        for start in range(0, len(samples), 1152):
            frame = av.AudioFrame.from_ndarray(samples[None, start : start + 1152], format="fltp", layout="mono")
            frame.sample_rate = 44100
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return buffer.getvalue()


def cut_like_mp4(seconds: float = 4.0, width: int = 216, height: int = 384) -> bytes:
    """An MP4 like the cut stage's: x264 ultrafast High, 30 fps, IDR every 2 s, AAC audio; a moving
    gradient so frames differ."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "v.mp4"
        cmd = [
            ffmpeg_exe(),
            "-nostdin",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=size={width}x{height}:rate=30:duration={seconds}",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:duration={seconds}:sample_rate=48000",
            *X264_ARGS,
            "-force_key_frames",
            "expr:gte(t,n_forced*2)",
            "-c:a",
            "aac",
            "-b:a",
            "64k",
            "-movflags",
            "+faststart",
            "-shortest",
            str(out),
        ]
        subprocess.run(cmd, check=True, capture_output=True)
        return out.read_bytes()


def reencode(data: bytes) -> bytes:
    """The video decoded and encoded again by PyAV, as a platform would (metadata not carried over)."""
    source = av.open(io.BytesIO(data))
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as target:
        video_in = source.streams.video[0]
        stream = target.add_stream("libx264", rate=30)
        stream.width, stream.height, stream.pix_fmt = (
            video_in.codec_context.width,
            video_in.codec_context.height,
            "yuv420p",
        )
        for frame in source.decode(video=0):
            for packet in stream.encode(frame.reformat(format="yuv420p")):
                target.mux(packet)
        for packet in stream.encode():
            target.mux(packet)
    source.close()
    return buffer.getvalue()


def frames(data: bytes) -> list[np.ndarray]:
    """Every decoded frame as RGB arrays."""
    with av.open(io.BytesIO(data)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def png_with_text_chunk(keyword: str, *texts: str) -> bytes:
    """A PNG with extra tEXt chunks (a file some other tool labelled)."""
    import zlib

    data = png(32, 32)
    chunks = b""
    for text in texts:
        body = keyword.encode("latin-1") + b"\x00" + text.encode("latin-1")
        chunks += (
            struct.pack(">I", len(body)) + b"tEXt" + body + struct.pack(">I", zlib.crc32(b"tEXt" + body) & 0xFFFFFFFF)
        )
    at = data.index(b"IDAT") - 4
    return data[:at] + chunks + data[at:]
