"""The dialogue track: every clip placed at its time on one mono timeline, normalised to −14 LUFS."""

from __future__ import annotations

import numpy as np

from microdrama.cut.loudness import normalise
from microdrama.engines.speech.wav import pcm_to_wav, read_wav
from microdrama.model.media import Timing


def _resample(samples: np.ndarray, source: int, target: int) -> np.ndarray:
    if source == target or not len(samples):
        return samples
    length = int(round(len(samples) * target / source))
    positions = np.arange(length) * (source / target)
    return np.interp(positions, np.arange(len(samples)), samples)


def mix(timing: Timing, clips: dict[str, bytes], total_ms: int) -> bytes:
    """A mono 16-bit WAV of ``total_ms`` with each line's clip at its start, loudness-normalised."""
    rate = timing.sample_rate
    track = np.zeros(total_ms * rate // 1000 + 1, dtype=np.float64)
    for line in timing.lines:
        if not line.clip or line.clip not in clips:
            continue
        pcm, clip_rate, channels = read_wav(clips[line.clip], where=line.clip)
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768
        if channels > 1:
            samples = samples.reshape(-1, channels).mean(axis=1)
        samples = _resample(samples, clip_rate, rate)
        start = line.start_ms * rate // 1000
        end = min(len(track), start + len(samples))
        track[start:end] += samples[: end - start]
    track = normalise(track, rate)
    pcm16 = np.clip(np.round(track * 32767), -32768, 32767).astype("<i2").tobytes()
    return pcm_to_wav(pcm16, rate)
