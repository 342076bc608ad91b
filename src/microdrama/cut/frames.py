"""Which frames of an animatic differ: camera geometry per frame, subtitle spans, 2-second keyframes.

A frame is *distinct* when its picture can differ from the one before: the first frame of a shot,
a step of the camera move (moves advance in whole 2-pixel steps, as ``crop`` on 4:2:0 does), a
subtitle appearing or going, or a keyframe (every ``KEYFRAME_FRAMES``). Only distinct frames are
drawn and encoded; every other frame repeats the one before (see :mod:`microdrama.cut.h264`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from microdrama.cut.retime import FPS

KEYFRAME_FRAMES = 2 * FPS
#: how far push-in/pull-out zoom and how much larger the picture is for pan/tilt/handheld
ZOOM = 0.07


def even(value: float) -> int:
    """The even integer at or below ``value``."""
    return int(value) // 2 * 2


def oversize(width: int, height: int) -> tuple[int, int]:
    """The picture size that pan, tilt and handheld crop from."""
    return even(width * (1 + ZOOM)), even(height * (1 + ZOOM))


def geometry(movement: str, flip: bool, i: int, frames: int, width: int, height: int, step: int = 2) -> tuple[int, ...]:
    """Camera at frame ``i`` of a shot: ``(scaled width,)`` for zooms, ``(x, y)`` crop for moves, ``()`` still.

    Zooms, pans and tilts move in ``step``-pixel steps (even; 2 for the animatic, larger for bigger
    frames so that a move looks the same and costs the same number of distinct frames), at most one
    step every two frames: a long shot travels the whole ``ZOOM``, a short one less (gentle, and fewer
    distinct frames to encode).
    """
    span = max(1, frames - 1)
    big_w, big_h = oversize(width, height)
    if movement in ("push-in", "pull-out"):
        steps = min((even(width * (1 + ZOOM)) - width) // step, span // 2)
        grow = i / span if movement == "push-in" else 1 - i / span
        return (width + step * int(steps * grow),)
    if movement in ("pan", "tilt"):
        along = 1 - i / span if flip else i / span
        if movement == "pan":
            return step * int(min((big_w - width) // step, span // 2) * along), even((big_h - height) / 2)
        return even((big_w - width) / 2), step * int(min((big_h - height) // step, span // 2) * along)
    if movement == "handheld":
        shake = step // 2
        return (
            even((big_w - width) / 2 + 14 * shake * math.sin(i / 9)),
            even((big_h - height) / 2 + 10 * shake * math.sin(i / 7 + 1)),
        )
    return ()


@dataclass(frozen=True)
class ShotFrames:
    """The distinct frames of one shot: absolute frame index and camera geometry of each."""

    first: list[int]
    camera: list[tuple[int, ...]]


@dataclass(frozen=True)
class Plan:
    """Distinct frames of a whole animatic, per shot; subtitle spans; how long each distinct frame is held."""

    shots: list[ShotFrames]
    #: (first frame, overlay index or None for no subtitle), in order, covering the video from frame 0
    subtitles: list[tuple[int, int | None]]
    holds: list[int]
    total: int


def first_frame_at(ms: int, fps: int = FPS) -> int:
    """The first frame whose time is at or after ``ms``."""
    return -(-ms * fps // 1000)


def subtitle_spans(windows: list[tuple[int, int]], total: int, fps: int = FPS) -> list[tuple[int, int | None]]:
    """Frame spans of subtitle windows ``(start_ms, end_ms)``: shown on frames whose time is inside."""
    spans: list[tuple[int, int | None]] = [(0, None)]
    clock = 0
    for k, (start_ms, end_ms) in enumerate(windows):
        start = max(clock, first_frame_at(start_ms, fps))
        end = min(total, first_frame_at(end_ms, fps))
        if end <= start:
            continue
        spans.append((start, k))
        spans.append((end, None))
        clock = end
    merged: list[tuple[int, int | None]] = []
    for frame, item in spans:
        if frame >= total:
            continue
        if merged and merged[-1][0] == frame:
            merged[-1] = (frame, item)
        elif not merged or merged[-1][1] != item:
            merged.append((frame, item))
    return merged


def plan(
    shots: list[tuple[str, bool, int]],
    windows: list[tuple[int, int]],
    width: int,
    height: int,
    *,
    fps: int = FPS,
    keyframe_frames: int = KEYFRAME_FRAMES,
    badges: tuple[tuple[int, int], ...] = (),
    step: int = 2,
) -> Plan:
    """Distinct frames of shots ``(movement, flip, frames)`` with subtitle windows in ms, at ``fps`` with a
    keyframe every ``keyframe_frames``; ``badges`` are other overlays' windows in ms (a label's first
    seconds): their first and last frames differ too; ``step``: the camera's step in pixels."""
    total = sum(frames for _, _, frames in shots)
    subtitles = subtitle_spans(windows, total, fps)
    changes = {frame for frame, _ in subtitles} | set(range(0, total, keyframe_frames))
    changes |= {first_frame_at(ms, fps) for window in badges for ms in window}
    out = []
    starts = []
    clock = 0
    for movement, flip, frames in shots:
        first: list[int] = []
        camera: list[tuple[int, ...]] = []
        for i in range(frames):
            where = geometry(movement, flip, i, frames, width, height, step)
            if i == 0 or clock + i in changes or where != camera[-1]:
                first.append(clock + i)
                camera.append(where)
        out.append(ShotFrames(first, camera))
        starts += first
        clock += frames
    holds = [b - a for a, b in zip(starts, starts[1:] + [total])]
    return Plan(out, subtitles, holds, total)
