"""Loudness to a profile's target: ITU-R BS.1770 integrated loudness (pyloudnorm's K-weighting and gating,
over all channels) and true peak (4× oversampled), then gain and a look-ahead limiter under the ceiling."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import resample_poly

from microdrama.cut.loudness import limit

SILENCE = -70.0
PEAK_MARGIN_DB = 0.7  # headroom under the ceiling for the AAC encoder's overshoot


@dataclass(frozen=True)
class Loudness:
    """Integrated loudness (LUFS) and true peak (dBTP) of a signal."""

    integrated: float
    true_peak: float


def integrated(samples: np.ndarray, rate: int) -> float:
    """BS.1770-4 integrated loudness of ``samples`` (frames × channels, float), −70 for silence."""
    import pyloudnorm

    if samples.shape[0] < rate // 2 or not np.any(samples):
        return SILENCE
    value = pyloudnorm.Meter(rate).integrated_loudness(samples)
    return float(value) if np.isfinite(value) else SILENCE


def true_peak(samples: np.ndarray) -> float:
    """BS.1770 true peak in dBTP: the sample peak of the signal oversampled 4×."""
    if not np.any(samples):
        return -np.inf
    over = resample_poly(samples, 4, 1, axis=0)
    return float(20 * np.log10(max(np.max(np.abs(over)), np.max(np.abs(samples)))))


def measure(samples: np.ndarray, rate: int) -> Loudness:
    """Both numbers at once."""
    return Loudness(integrated(samples, rate), true_peak(samples))


def to_target(samples: np.ndarray, rate: int, target: float, ceiling_dbtp: float) -> np.ndarray:
    """``samples`` at ``target`` LUFS with every true peak under ``ceiling_dbtp`` (gain, then limiter, twice corrected)."""
    if not np.any(samples):
        return samples
    ceiling = 10 ** ((ceiling_dbtp - PEAK_MARGIN_DB) / 20)
    gain_db = target - integrated(samples, rate)
    out = samples
    for _ in range(3):
        scaled = samples * 10 ** (gain_db / 20)
        out = np.stack([limit(scaled[:, c], rate, ceiling) for c in range(scaled.shape[1])], axis=1)
        gain_db += target - integrated(out, rate)
    over = true_peak(out) - (ceiling_dbtp - PEAK_MARGIN_DB / 2)
    if over > 0:
        out = out * 10 ** (-over / 20)
    return out.astype(np.float32)
