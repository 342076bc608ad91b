"""An episode's cut rendered again for delivery: another size, frame rate, keyframe interval and encoder
limits, with or without burned captions, with extra pictures on its opening (the AI label).

Made from the same shots, panels and voices as the animatic and with its frame-skipping encoder (each
distinct frame encoded once, then held with skip frames), so a 4K or 25 fps master costs about what the
animatic did instead of decoding and re-encoding every frame of it. The cut stage's own output does not
change: its jobs use the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from microdrama.cut.audio import mix
from microdrama.cut.render import Badge, Encoding, Overlay, RenderError, RenderJob, Still, render_many
from microdrama.cut.retime import FPS, retime
from microdrama.cut.subtitles import HORIZONTAL, VERTICAL, Layout, cue_image, cues
from microdrama.model.media import ShotList, Timing
from microdrama.project import paths

#: a frame within 1 % of 9:16 takes the picture whole; any other shape shows it at full height over its fill
ASPECT_TOLERANCE = 0.01


@dataclass(frozen=True)
class Variant:
    """What one delivery render looks like."""

    width: int
    height: int
    fps: int = FPS
    keyframe_seconds: float = 2.0
    captions: bool = True
    encoding: Encoding = field(default_factory=Encoding)
    badges: tuple[Badge, ...] = ()
    #: False: the picture alone (the caller brings its own sound)
    sound: bool = True


def layout_for(width: int, height: int) -> Layout:
    """The caption layout of a frame size: the vertical or horizontal one, scaled to it."""
    base = VERTICAL if height > width else HORIZONTAL
    if (width, height) == (base.width, base.height):
        return base
    sx, sy = width / base.width, height / base.height
    return Layout(
        width,
        height,
        max(12, round(base.font_px * min(sx, sy))),
        round(base.left * sx),
        round(base.right * sx),
        round(base.bottom * sy),
        base.max_lines,
    )


def picture_window(width: int, height: int) -> tuple[int, int, int, int] | None:
    """Where the 9:16 picture goes: the whole frame when it is 9:16 (or taller), else full height, centred."""
    fit_w = round(VERTICAL.width * height / VERTICAL.height) // 2 * 2
    if fit_w >= width * (1 - ASPECT_TOLERANCE):
        return None
    return (width - fit_w) // 2 // 2 * 2, 0, fit_w, height


def variant_job(
    shots: ShotList, timing: Timing, frames: dict[str, bytes], clips: dict[str, bytes], variant: Variant
) -> RenderJob:
    """The render job of ``variant`` (``frames`` by shot id, ``clips`` by project path).

    Raises:
        RenderError: nothing to cut.
    """
    timed = retime(shots, timing, variant.fps)
    if not timed:
        raise RenderError("nothing to cut (no action or dialogue in the shot list)")
    # the camera alternates direction shot by shot as in the animatic (counted at its rate, where a
    # shot shorter than one frame at this rate still counts)
    order = {t.shot.id: i for i, t in enumerate(retime(shots, timing))}
    stills = [
        Still(frames[t.shot.id], t.frames, t.shot.movement, flip=order.get(t.shot.id, i) % 2 == 1)
        for i, t in enumerate(timed)
    ]
    total = sum(t.frames for t in timed)
    audio = mix(timing, clips, total * 1000 // variant.fps + 1) if variant.sound else b""
    overlays = []
    if variant.captions:
        layout = layout_for(variant.width, variant.height)
        for cue in cues(timing, layout):
            png, x, y = cue_image(cue, layout, timing.language)
            overlays.append(Overlay(png, x, y, cue.start_ms, cue.end_ms))
    return RenderJob(
        variant.width,
        variant.height,
        stills,
        audio,
        overlays,
        window=picture_window(variant.width, variant.height),
        fps=variant.fps,
        keyframe_frames=max(1, round(variant.keyframe_seconds * variant.fps)),
        badges=list(variant.badges),
        encoding=variant.encoding,
        camera_step=camera_step(variant.width, variant.height),
    )


def camera_step(width: int, height: int) -> int:
    """Camera moves' step in pixels: 2 on the animatic's frames, in proportion on larger ones (4 at 4K)."""
    return 2 * max(1, round(min(width, height) / VERTICAL.width))


def has_cut_inputs(project: Path, episode: int) -> bool:
    """True when the project holds what the episode's cut was made from (shot list, voice timing)."""
    return (project / paths.shots(episode)).is_file() and (project / paths.timing(episode)).is_file()


def render_variants(project: Path, episode: int, variants: list[Variant]) -> list[bytes]:
    """MP4 bytes of each variant of episode ``episode`` of the project at ``project``, in order.

    Raises:
        RenderError: a shot's panel or a voice clip is missing, or ffmpeg failed.
    """
    try:
        shots = ShotList.load(project / paths.shots(episode))
        timing = Timing.load(project / paths.timing(episode))
        frames = {s.id: (project / paths.frame(episode, s.id)).read_bytes() for s in shots.shots}
        wanted = any(v.sound for v in variants)  # a master's sound is made apart: its voices are not read
        clips = {line.clip: (project / line.clip).read_bytes() for line in timing.lines if line.clip and wanted}
    except OSError as exc:
        raise RenderError(
            f"episode {episode}: cannot read what its cut is made from ({exc}); run the animatic again"
        ) from exc
    return render_many([variant_job(shots, timing, frames, clips, v) for v in variants])
