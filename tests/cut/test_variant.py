"""Delivery renders from the cut's timeline: the default variant is the animatic itself, byte for byte;
other frame rates, keyframe intervals, sizes and caption choices follow the variant."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from media_fixtures import MEDIA_STAGES, make_project

from microdrama.cut.frames import plan
from microdrama.cut.render import Badge, Encoding
from microdrama.cut.subtitles import HORIZONTAL, VERTICAL
from microdrama.cut.variant import Variant, camera_step, layout_for, picture_window, render_variants
from microdrama.engines.image.panel import png_bytes
from microdrama.pipeline.runner import Runner


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root, settings = make_project(tmp_path_factory.mktemp("variant") / "p", horizontal=False)
    Runner(root, settings, stages=MEDIA_STAGES).run()
    return root


def test_the_default_variant_is_the_animatic_byte_for_byte(project: Path) -> None:
    [data] = render_variants(project, 1, [Variant(VERTICAL.width, VERTICAL.height)])
    assert data == (project / "cut" / "ep001.vertical.mp4").read_bytes()


def test_a_tv_variant_has_its_rate_keyframes_and_no_sound(project: Path) -> None:
    from PIL import Image

    badge = Badge(png_bytes(Image.new("RGBA", (40, 20), (255, 0, 0, 255))), 10, 10, 0, 1000)
    variant = Variant(
        640, 360, fps=25, keyframe_seconds=1, encoding=Encoding("main", "3.1", 4000, 23), badges=(badge,), sound=False
    )
    [data] = render_variants(project, 1, [variant])
    path = project / "tv.mp4"
    path.write_bytes(data)
    with av.open(str(path)) as container:
        assert not container.streams.audio
        stream = container.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (640, 360)
        assert stream.average_rate == 25
        assert stream.codec_context.profile in ("Constrained Baseline", "Main")  # plays wherever Main does
        keys, frames = [], []
        for frame in container.decode(video=0):
            frames.append(frame)
            if frame.key_frame:
                keys.append(frame.time)
        assert max(b - a for a, b in zip(keys, keys[1:] + [frames[-1].time])) <= 1.0
        first, late = frames[0].to_ndarray(format="rgb24"), frames[-1].to_ndarray(format="rgb24")
        assert first[20, 30, 0] > 200 and first[20, 30, 1] < 60  # the badge, on the opening second only
        assert not (late[20, 30, 0] > 200 and late[20, 30, 1] < 60)


def test_layouts_and_windows_follow_the_frame() -> None:
    assert layout_for(1080, 1920) == VERTICAL and layout_for(1920, 1080) == HORIZONTAL
    big = layout_for(3840, 2160)
    assert (big.font_px, big.left, big.bottom) == (2 * HORIZONTAL.font_px, 2 * HORIZONTAL.left, 2 * HORIZONTAL.bottom)
    assert picture_window(1080, 1920) is None and picture_window(1080, 2400) is None
    assert picture_window(3840, 2160) == (1312, 0, 1214, 2160)
    assert camera_step(1080, 1920) == camera_step(1920, 1080) == 2 and camera_step(3840, 2160) == 4


def test_a_larger_camera_step_halves_a_moves_distinct_frames() -> None:
    shots = [("push-in", False, 120)]
    fine = plan(shots, [], 1214, 2160, fps=25, keyframe_frames=25, step=2)
    coarse = plan(shots, [], 1214, 2160, fps=25, keyframe_frames=25, step=4)
    assert len(coarse.shots[0].first) < 0.6 * len(fine.shots[0].first)
    assert fine.shots[0].camera[-1] == coarse.shots[0].camera[-1]  # the same move, in fewer steps
    assert {f for f in range(0, 120, 25)} <= set(coarse.shots[0].first)  # a keyframe every second
