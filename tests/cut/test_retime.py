"""Re-timing: planned shot boundaries map element by element onto the voice timeline, in whole frames."""

from __future__ import annotations

from media_fixtures import bible, script

from microdrama.board.shots import plan_shots
from microdrama.cut.retime import FPS, mapper, retime
from microdrama.model.media import LineTiming, Timing


def voiced(scale_num: int, scale_den: int) -> Timing:
    shots = plan_shots(script(), bible())
    lines, clock = [], 0
    for span in shots.elements:
        length = span.duration_ms * scale_num // scale_den
        lines.append(
            LineTiming(id=span.id, kind="dialogue", voice="c001", text="x", start_ms=clock, duration_ms=length)
        )
        clock += length
    return Timing(
        episode=1, language="en", sample_rate=22050, lines=lines, duration_ms=clock, provenance={"stage": "voice"}
    )


def test_twice_as_slow_voices_double_every_shot() -> None:
    shots = plan_shots(script(), bible())
    timed = retime(shots, voiced(2, 1))
    assert [t.shot.id for t in timed] == [s.id for s in shots.shots]
    for item, shot in zip(timed, shots.shots):
        assert abs(item.frames - shot.duration_ms * 2 * FPS // 1000) <= 1
    assert sum(t.frames for t in timed) == (voiced(2, 1).duration_ms * FPS + 500) // 1000


def test_split_line_keeps_its_proportions() -> None:
    shots = plan_shots(script(), bible())
    timing = voiced(3, 2)
    f = mapper(shots, timing)
    reaction = next(s for s in shots.shots if s.purpose == "reaction")
    line = next(l for l in timing.lines if l.id == reaction.lines[0])
    span = next(e for e in shots.elements if e.id == reaction.lines[0])
    assert f(reaction.start_ms) == line.start_ms + (reaction.start_ms - span.start_ms) * 3 // 2
    assert f(0) == 0
