"""Decoding a file's audio for loudness measurement (shared by the encoder and the probe)."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

#: the sample rate every measurement and master uses
RATE = 48000


def decode_audio(path: Path) -> np.ndarray:
    """The file's first audio stream as 48 kHz stereo float32 (frames × 2); silence when it has none."""
    with av.open(str(path)) as container:
        if not container.streams.audio:
            seconds = float(container.duration or 0) / 1_000_000
            return np.zeros((int(seconds * RATE), 2), dtype=np.float32)
        resampler = av.AudioResampler(format="flt", layout="stereo", rate=RATE)
        chunks = []
        for frame in container.decode(audio=0):
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1, 2))
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray().reshape(-1, 2))
    return np.concatenate(chunks) if chunks else np.zeros((0, 2), dtype=np.float32)
