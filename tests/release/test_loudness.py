"""The release's BS.1770 meter against pyloudnorm's, the true peak, and the gain-only path of to_target."""

from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly

from microdrama.release.loudness import Loudness, integrated, measure, to_target, true_peak

RATE = 48000


def _speechlike(seconds: float = 6.0, seed: int = 3) -> np.ndarray:
    """Stereo noise bursts with pauses and unequal channels (gating has blocks to drop)."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    envelope = np.repeat(rng.uniform(0.0, 1.0, n // 4800 + 1) > 0.35, 4800)[:n] * rng.uniform(0.05, 0.4)
    left = rng.standard_normal(n) * envelope
    return np.stack([left, 0.6 * left + 0.1 * rng.standard_normal(n) * envelope], axis=1).astype(np.float32)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_integrated_loudness_is_pyloudnorms(seed: int) -> None:
    audio = _speechlike(seed=seed)
    assert integrated(audio, RATE) == pytest.approx(pyloudnorm.Meter(RATE).integrated_loudness(audio), abs=1e-6)


def test_silence_and_short_input_measure_as_silence() -> None:
    assert integrated(np.zeros((RATE * 2, 2), np.float32), RATE) == -70.0
    assert integrated(np.ones((RATE // 4, 2), np.float32), RATE) == -70.0


def test_true_peak_sees_the_peak_between_samples() -> None:
    t = np.arange(RATE) / RATE
    tone = 0.5 * np.sin(2 * np.pi * (RATE / 4) * t + np.pi / 4)  # samples land 3 dB under the crest
    stereo = np.stack([tone, tone], axis=1)
    exact = 20 * np.log10(np.abs(resample_poly(stereo, 4, 1, axis=0)).max())
    assert true_peak(stereo) == pytest.approx(exact, abs=0.02)
    assert true_peak(stereo) > 20 * np.log10(np.abs(stereo).max()) + 2.5


def test_gain_alone_when_the_peaks_allow_it_is_exact() -> None:
    audio = _speechlike()
    before = measure(audio, RATE)
    quiet = to_target(audio, RATE, before.integrated - 10, -2.0, before)
    assert integrated(quiet, RATE) == pytest.approx(before.integrated - 10, abs=0.01)
    assert np.allclose(quiet, audio * 10 ** (-10 / 20), atol=1e-6)  # no limiter touched it


def test_a_target_the_peaks_forbid_goes_through_the_limiter() -> None:
    audio = _speechlike() * 0.1
    before = measure(audio, RATE)
    loud = to_target(audio, RATE, before.integrated + 14, -1.0, Loudness(before.integrated, before.true_peak))
    assert true_peak(loud) <= -1.0 + 1e-3
    assert integrated(loud, RATE) > before.integrated + 6
