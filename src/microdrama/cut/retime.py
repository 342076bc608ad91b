"""Re-timing the shot list to the voices: planned times map element by element onto the voice timeline."""

from __future__ import annotations

from dataclasses import dataclass

from microdrama.model.media import Shot, ShotList, Timing

FPS = 30


@dataclass(frozen=True)
class TimedShot:
    """A shot with its place in the animatic, in frames."""

    shot: Shot
    first_frame: int
    frames: int

    @property
    def start_ms(self) -> int:
        """Start in milliseconds."""
        return self.first_frame * 1000 // FPS

    @property
    def duration_ms(self) -> int:
        """Duration in milliseconds."""
        return self.frames * 1000 // FPS


def to_frames(ms: int, fps: int = FPS) -> int:
    """Nearest frame boundary of a time in milliseconds (at ``fps``)."""
    return (ms * fps + 500) // 1000


def mapper(shots: ShotList, timing: Timing):  # type: ignore[no-untyped-def]
    """f(planned ms) -> voiced ms, linear inside each element."""
    actual = {line.id: line for line in timing.lines}
    spans = [s for s in shots.elements if s.id in actual]
    planned_total = max(1, shots.duration_ms)

    def f(t: int) -> int:
        if not spans:
            return t * timing.duration_ms // planned_total
        for span in spans:
            if span.start_ms <= t < span.start_ms + span.duration_ms:
                line = actual[span.id]
                return line.start_ms + (t - span.start_ms) * line.duration_ms // max(1, span.duration_ms)
        return timing.duration_ms if t >= spans[-1].start_ms else actual[spans[0].id].start_ms

    return f


def retime(shots: ShotList, timing: Timing, fps: int = FPS) -> list[TimedShot]:
    """Every shot's first frame and frame count on the voice timeline (shots under one frame dropped);
    ``fps`` other than the cut's 30 for a master at another rate (frame counts at that rate)."""
    f = mapper(shots, timing)
    total = to_frames(timing.duration_ms, fps)
    bounds = [to_frames(f(s.start_ms), fps) for s in shots.shots] + [total]
    if bounds:
        bounds[0] = 0
    timed = []
    for i, shot in enumerate(shots.shots):
        frames = bounds[i + 1] - bounds[i]
        if frames > 0:
            timed.append(TimedShot(shot, bounds[i], frames))
    return timed
