"""WAV helpers: clean headers around PCM, reading clips as samples."""

from __future__ import annotations

import io
import wave

from microdrama.errors import AudioFormatError as AudioFormatError


def pcm_to_wav(pcm: bytes, rate: int, channels: int = 1) -> bytes:
    """A canonical 16-bit WAV file around raw little-endian PCM."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm[: len(pcm) - len(pcm) % (2 * channels)])
    return buffer.getvalue()


def read_wav(data: bytes, where: str = "<clip>") -> tuple[bytes, int, int]:
    """(PCM, sample rate, channels) of a 16-bit WAV; streaming headers with bogus sizes are tolerated."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioFormatError(f"{where}: not a WAV file")
    pos, rate, channels, width = 12, 0, 0, 0
    while pos + 8 <= len(data):
        tag, size = data[pos : pos + 4], int.from_bytes(data[pos + 4 : pos + 8], "little")
        body = pos + 8
        if tag == b"fmt ":
            channels = int.from_bytes(data[body + 2 : body + 4], "little")
            rate = int.from_bytes(data[body + 4 : body + 8], "little")
            width = int.from_bytes(data[body + 14 : body + 16], "little")
        elif tag == b"data":
            if width != 16:
                raise AudioFormatError(f"{where}: {width}-bit audio; 16-bit PCM expected")
            end = min(len(data), body + size) if size < 0x7FFF0000 else len(data)
            return data[body:end], rate, channels
        pos = body + size + (size & 1)
    raise AudioFormatError(f"{where}: WAV without a data chunk")


def duration_ms(data: bytes) -> int:
    """Length of a WAV clip in milliseconds."""
    pcm, rate, channels = read_wav(data)
    return len(pcm) * 1000 // (2 * channels * rate) if rate else 0
