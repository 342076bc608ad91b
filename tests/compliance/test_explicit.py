"""Visible and audible labels: the standard's minimums enforced, the label really in the pixels of the
opening frames (≥ 2 s) and gone after, the spliced video decoding frame for frame."""

from __future__ import annotations

import io

import numpy as np
import pytest
from compliance_media import cut_like_mp4, frames, jpeg, png, wav
from PIL import Image

from microdrama.compliance.errors import ComplianceError
from microdrama.compliance.explicit import (
    LabelStyle,
    has_required_elements,
    label_image,
    label_text,
    label_video,
    prepend_notice,
    safe_insets,
)
from microdrama.engines.speech.wav import duration_ms


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("AI生成", True),
        ("本视频由人工智能合成", True),
        ("AI-generated", True),
        ("AI", False),
        ("生成内容", False),
        ("Made with care", False),
    ],
)
def test_text_needs_an_ai_and_a_generation_element(text: str, ok: bool) -> None:
    assert has_required_elements(text) is ok


def test_settings_below_the_minimums_are_clear_errors() -> None:
    with pytest.raises(ComplianceError, match="below the minimum 0.05"):
        LabelStyle(height_fraction=0.04).checked()
    with pytest.raises(ComplianceError, match="minimum is 2000 ms"):
        LabelStyle(duration_ms=1500).checked()
    with pytest.raises(ComplianceError, match="must contain 'AI'"):
        label_text("en", "generated", "Made by a machine")


@pytest.mark.parametrize(("make", "corner"), [(png, "top-left"), (jpeg, "top-right")])
def test_image_label_is_in_the_corner_and_tall_enough(make, corner: str) -> None:
    source = make()
    out, where = label_image(source, "AI生成", LabelStyle(corner=corner))
    assert where.fraction >= 0.05
    with Image.open(io.BytesIO(out)) as labelled, Image.open(io.BytesIO(source)) as original:
        assert labelled.format == original.format
        a, b = np.asarray(labelled.convert("RGB"), int), np.asarray(original.convert("RGB"), int)
    box = (slice(where.y, where.y + where.height), slice(where.x, where.x + where.width))
    assert np.abs(a[box] - b[box]).mean() > 20  # the label is drawn there
    mask = np.ones(a.shape[:2], bool)
    mask[box] = False
    assert np.abs(a[mask] - b[mask]).mean() < 1.0  # and nowhere else (JPEG noise aside)
    left, top, right, _ = safe_insets(original.width, original.height)
    assert where.x >= left and where.y >= top and where.x + where.width <= original.width - right


def test_video_label_on_the_opening_two_seconds_then_gone() -> None:
    source = cut_like_mp4(4.0)
    out, where = label_video(source, "AI生成", LabelStyle(duration_ms=2000))
    before, after = frames(source), frames(out)
    assert len(after) == len(before) == 120
    box = (slice(where.y, where.y + where.height), slice(where.x, where.x + where.width))
    diff = [np.abs(a[box].astype(int) - b[box].astype(int)).mean() for a, b in zip(after, before)]
    assert min(diff[:60]) > 15  # every opening frame up to 2 s carries it
    assert max(diff[62:]) < 6  # then the picture is the original again (re-encoding noise only)


def test_spliced_video_copies_the_stream_after_the_label() -> None:
    import av

    source = cut_like_mp4(6.0)
    out, _ = label_video(source, "AI-generated", LabelStyle(duration_ms=2000))

    def packets(data: bytes) -> list[bytes]:
        with av.open(io.BytesIO(data)) as container:
            return [bytes(p) for p in container.demux(video=0) if p.size]

    a, b = packets(source), packets(out)
    assert len(a) == len(b)
    assert a[60:] == b[60:]  # from the IDR at 2 s on, the original packets byte for byte
    assert a[:60] != b[:60]


def test_filing_number_is_drawn_on_the_opening_frames() -> None:
    source = cut_like_mp4(8.0)
    plain, _ = label_video(source, "AI生成", LabelStyle(duration_ms=2000))
    filed, _ = label_video(source, "AI生成", LabelStyle(duration_ms=2000), filing="(总局)网剧审字(2026)第001号")
    a, b = frames(plain), frames(filed)
    assert np.abs(a[100].astype(int) - b[100].astype(int)).mean() > 0.5  # at 3.3 s: the number is there
    assert np.array_equal(a[200], b[200])  # after 6 s (the next IDR): both are the original stream


def test_spoken_notice_comes_first() -> None:
    audio, notice = wav(400, 22050), wav(1000, 16000)
    out = prepend_notice(audio, notice, gap_ms=300)
    assert abs(duration_ms(out) - (400 + 1000 + 300)) <= 2
