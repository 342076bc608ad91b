"""The animatic as an OpenTimelineIO timeline: shots on a video track, lines on an audio track, beat markers."""

from __future__ import annotations

from typing import Any

from microdrama.cut.retime import FPS, TimedShot
from microdrama.model.media import Timing

#: shot purposes worth a marker, and their colours
MARKED = {"hook": "RED", "reaction": "YELLOW", "peak": "PURPLE", "establishing": "BLUE"}


def build_timeline(
    name: str, timed: list[TimedShot], timing: Timing, frame_url: dict[str, str], clip_url: dict[str, str]
) -> Any:
    """An ``opentimelineio.schema.Timeline`` of the cut; media URLs are relative to the ``cut/`` folder."""
    import opentimelineio as otio

    def span(start: int, frames: int) -> Any:
        return otio.opentime.TimeRange(otio.opentime.RationalTime(start, FPS), otio.opentime.RationalTime(frames, FPS))

    timeline = otio.schema.Timeline(name=name, global_start_time=otio.opentime.RationalTime(0, FPS))
    video = otio.schema.Track(name="V1 shots", kind=otio.schema.TrackKind.Video)
    for item in timed:
        shot = item.shot
        clip = otio.schema.Clip(
            name=f"{shot.id} {shot.size} {shot.movement}",
            media_reference=otio.schema.ExternalReference(
                target_url=frame_url[shot.id], available_range=span(0, item.frames)
            ),
            source_range=span(0, item.frames),
            metadata={
                "microdrama": {
                    "shot": shot.id,
                    "scene": shot.scene,
                    "size": shot.size,
                    "movement": shot.movement,
                    "framing": shot.framing,
                    "purpose": shot.purpose,
                    "subject": list(shot.subject),
                    "lines": list(shot.lines),
                    "note": shot.note,
                }
            },
        )
        if shot.purpose in MARKED:
            clip.markers.append(
                otio.schema.Marker(name=shot.purpose, marked_range=span(0, 1), color=MARKED[shot.purpose])
            )
        video.append(clip)
    audio = otio.schema.Track(name="A1 voices", kind=otio.schema.TrackKind.Audio)
    clock = 0
    for line in timing.lines:
        if not line.clip:
            continue
        start = (line.start_ms * FPS + 500) // 1000
        frames = max(1, (line.clip_ms * FPS + 500) // 1000)
        if start > clock:
            audio.append(otio.schema.Gap(source_range=span(0, start - clock)))
            clock = start
        if start < clock:
            continue
        audio.append(
            otio.schema.Clip(
                name=line.id,
                media_reference=otio.schema.ExternalReference(
                    target_url=clip_url[line.clip], available_range=span(0, frames)
                ),
                source_range=span(0, frames),
                metadata={"microdrama": {"line": line.id, "voice": line.voice, "text": line.text}},
            )
        )
        clock += frames
    timeline.tracks.append(video)
    timeline.tracks.append(audio)
    return timeline
