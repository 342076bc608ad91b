"""Loudness: bring the voice track to ≈ −14 LUFS integrated (ITU-R BS.1770) with a peak limiter at −2 dBFS."""

from __future__ import annotations

import numpy as np
from scipy.ndimage import maximum_filter1d, minimum_filter1d, uniform_filter1d

TARGET_LUFS = -14.0
PEAK_LIMIT = 10 ** (-2.0 / 20)


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """BS.1770 integrated loudness of mono float samples (−70 LUFS for silence)."""
    import pyloudnorm

    if len(samples) < rate // 2 or not np.any(samples):
        return -70.0
    value = pyloudnorm.Meter(rate).integrated_loudness(samples)
    return float(value) if np.isfinite(value) else -70.0


def limit(samples: np.ndarray, rate: int, ceiling: float = PEAK_LIMIT) -> np.ndarray:
    """Look-ahead peak limiter: a smooth gain that keeps every sample under ``ceiling``."""
    window = max(3, rate // 400)  # 2.5 ms
    envelope = maximum_filter1d(np.abs(samples), size=2 * window + 1)
    gain = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-9))
    gain = minimum_filter1d(gain, size=2 * window + 1)
    gain = uniform_filter1d(gain, size=window)
    out = samples * gain
    return np.clip(out, -ceiling, ceiling)  # type: ignore[no-any-return]


def normalise(samples: np.ndarray, rate: int, target: float = TARGET_LUFS) -> np.ndarray:
    """Gain to ``target`` LUFS, then limited; the gain is corrected twice for what the limiter takes away."""
    if not np.any(samples):
        return samples
    gain_db = target - integrated_loudness(samples, rate)
    out = samples
    for _ in range(3):
        out = limit(samples * 10 ** (gain_db / 20), rate)
        gain_db += target - integrated_loudness(out, rate)
    return out
