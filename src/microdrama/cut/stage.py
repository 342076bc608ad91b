"""The ``cut`` stage: an episode's animatics (vertical and horizontal), its OTIO timeline and exports, checks."""

from __future__ import annotations

from microdrama.cut.audio import mix
from microdrama.cut.check import check_video
from microdrama.cut.render import Overlay, RenderError, RenderJob, Still, horizontal_window, render_many
from microdrama.cut.retime import FPS, TimedShot, retime
from microdrama.cut.subtitles import HORIZONTAL, VERTICAL, Layout, cue_image, cues
from microdrama.cut.timeline import build_timeline
from microdrama.formats.otio import write_edl, write_fcp_xml, write_otio
from microdrama.model.media import CutReport, MediaOrder, ShotList, Timing
from microdrama.project import Outputs, StageContext, paths


def _job(
    timed: list[TimedShot],
    frames: dict[str, bytes],
    timing: Timing,
    layout: Layout,
    audio: bytes,
    window: tuple[int, int, int, int] | None = None,
) -> RenderJob:
    stills = [Still(frames[t.shot.id], t.frames, t.shot.movement, flip=i % 2 == 1) for i, t in enumerate(timed)]
    overlays = []
    for cue in cues(timing, layout):
        png, x, y = cue_image(cue, layout, timing.language)
        overlays.append(Overlay(png, x, y, cue.start_ms, cue.end_ms))
    return RenderJob(layout.width, layout.height, stills, audio, overlays, window=window)


def horizontal_job(timed: list[TimedShot], frames: dict[str, bytes], timing: Timing, audio: bytes) -> RenderJob:
    """The 16:9 animatic: each 9:16 frame at full height, moving, over a still blurred fill of itself."""
    window = horizontal_window(VERTICAL.width, VERTICAL.height, HORIZONTAL.width, HORIZONTAL.height)
    return _job(timed, frames, timing, HORIZONTAL, audio, window)


def cut_episode(
    unit: str, shots: ShotList, timing: Timing, frames: dict[str, bytes], clips: dict[str, bytes], horizontal: bool
) -> Outputs:
    """Every output of the cut for one episode (``frames`` by shot id, ``clips`` by project path)."""
    number = int(unit)
    timed = retime(shots, timing)
    if not timed:
        raise RenderError(f"episode {unit}: nothing to cut (no action or dialogue in board/ep{unit}/shots.json)")
    total_frames = sum(t.frames for t in timed)
    audio = mix(timing, clips, total_frames * 1000 // FPS + 1)
    jobs = [("vertical", VERTICAL, _job(timed, frames, timing, VERTICAL, audio))]
    if horizontal:
        jobs.append(("horizontal", HORIZONTAL, horizontal_job(timed, frames, timing, audio)))
    videos = render_many([job for _, _, job in jobs])
    outputs: Outputs = {}
    checks = []
    for (name, layout, _), data in zip(jobs, videos):
        rel = paths.cut_file(number, f".{name}.mp4")
        outputs[rel] = data
        checks.append(check_video(data, rel, width=layout.width, height=layout.height, expected_ms=timing.duration_ms))
    timeline = build_timeline(
        f"EP{unit}",
        timed,
        timing,
        frame_url={t.shot.id: f"../{paths.frame(number, t.shot.id)}" for t in timed},
        clip_url={line.clip: f"../{line.clip}" for line in timing.lines if line.clip},
    )
    outputs[paths.cut_file(number, ".otio")] = write_otio(timeline).encode("utf-8")
    outputs[paths.cut_file(number, ".xml")] = write_fcp_xml(timeline).encode("utf-8")
    outputs[paths.cut_file(number, ".edl")] = write_edl(timeline).encode("utf-8")
    report = CutReport(episode=number, videos=checks, provenance={"stage": "cut"})
    outputs[paths.cut_file(number, ".check.json")] = report.to_bytes()
    return outputs


def run_cut(ctx: StageContext) -> Outputs:
    """Cut one episode from its board and voices."""
    assert ctx.unit is not None
    unit = ctx.unit
    number = int(unit)
    order = ctx.load(MediaOrder, paths.order(number))
    shots = ctx.load(ShotList, paths.shots(number))
    timing = ctx.load(Timing, paths.timing(number))
    frames = {s.id: ctx.path(paths.frame(number, s.id)).read_bytes() for s in shots.shots}
    clips = {line.clip: ctx.path(line.clip).read_bytes() for line in timing.lines if line.clip}
    outputs = cut_episode(unit, shots, timing, frames, clips, order.horizontal)
    report = CutReport.from_json(outputs[paths.cut_file(number, ".check.json")])
    report.provenance.parents = ctx.parents("board/", "voice/")
    outputs[paths.cut_file(number, ".check.json")] = report.to_bytes()
    return outputs
