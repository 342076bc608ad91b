"""The frame plan: only frames that can differ are drawn, every other frame repeats the one before."""

from __future__ import annotations

from microdrama.cut.frames import KEYFRAME_FRAMES, geometry, plan, subtitle_spans


def test_a_still_shot_is_drawn_once_per_keyframe() -> None:
    frames = plan([("static", False, 150)], [], 1080, 1920)
    assert frames.shots[0].first == [0, 60, 120] and frames.holds == [60, 60, 30]
    assert frames.total == 150 and frames.subtitles == [(0, None)]


def test_subtitles_and_shot_starts_are_distinct_frames() -> None:
    frames = plan([("static", False, 40), ("static", False, 50)], [(500, 1000)], 1080, 1920)
    firsts = [f for shot in frames.shots for f in shot.first]
    assert firsts == [0, 15, 30, 40, 60] and sum(frames.holds) == 90
    assert frames.subtitles == [(0, None), (15, 0), (30, None)]


def test_moves_step_two_pixels_at_a_time_and_hold_between_steps() -> None:
    for movement in ("push-in", "pull-out", "pan", "tilt", "handheld"):
        shot = plan([(movement, False, 120)], [], 1080, 1920).shots[0]
        assert 2 < len(shot.first) <= 120, movement
        for before, (frame, after) in zip(shot.camera, zip(shot.first[1:], shot.camera[1:])):
            assert (before != after or frame % KEYFRAME_FRAMES == 0) and all(v % 2 == 0 for v in after)
    zoom = plan([("push-in", False, 120)], [], 1080, 1920).shots[0].camera
    assert zoom[0] == (1080,) and zoom[-1] == geometry("push-in", False, 119, 120, 1080, 1920)
    assert all(b[0] - a[0] in (0, 2) for a, b in zip(zoom, zoom[1:]))


def test_every_keyframe_starts_a_distinct_frame() -> None:
    frames = plan([("pan", True, 200), ("static", False, 61)], [(0, 3000)], 1080, 1920)
    starts = {f for shot in frames.shots for f in shot.first}
    assert set(range(0, 261, KEYFRAME_FRAMES)) <= starts
    assert sum(frames.holds) == 261 and len(frames.holds) == len(starts)


def test_overlapping_or_late_subtitle_windows_are_clipped() -> None:
    assert subtitle_spans([(0, 1000), (900, 2000), (5000, 6000)], 90) == [(0, 0), (30, 1), (60, None)]
