"""Rendering an animatic with the ffmpeg of ``imageio-ffmpeg``: stills with camera moves, subtitles, audio.

Most frames of an animatic repeat the one before, and x264 spends ≈ 3 ms even on an identical
1080×1920 frame, so only the *distinct* frames (:mod:`microdrama.cut.frames`) are drawn and encoded,
each at its own time (variable frame rate into x264); :func:`~microdrama.cut.h264.expand` then holds
each one with all-skip P frames, and the result is muxed as 30 fps CFR with the AAC voices (encoded
once per episode). Reproducible byte for byte: bit-exact flags, no metadata, fixed x264 thread count,
one filter thread. Delivery spec (craft.md §2.1): H.264 High 4:2:0, 30 fps CFR, keyframe every 2 s
(IDR, closed GOP), AAC-LC 48 kHz stereo, moov atom at the front; the voices come normalised to
≈ −14 LUFS (``cut/loudness.py``).
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from microdrama.cut.frames import KEYFRAME_FRAMES, Plan, ShotFrames, oversize, plan
from microdrama.cut.h264 import BitstreamError, expand
from microdrama.cut.retime import FPS
from microdrama.engines.image.panel import png_bytes
from microdrama.errors import RenderError as RenderError

LOUDNESS_LUFS = -14
#: brightness of the blurred fill around a 9:16 picture in a 16:9 frame
FILL_BRIGHTNESS = 0.45
#: x264 threads: fixed (not "auto"), so the output is the same on every machine (x264 is deterministic for a given count)
X264_THREADS = 2


def ffmpeg_exe() -> str:
    """The ffmpeg binary shipped by imageio-ffmpeg.

    Raises:
        RenderError: imageio-ffmpeg is not installed (the message names the package).
    """
    try:
        import imageio_ffmpeg
    except ImportError as exc:
        raise RenderError("the animatic needs ffmpeg from imageio-ffmpeg: pip install imageio-ffmpeg") from exc
    return str(imageio_ffmpeg.get_ffmpeg_exe())


@dataclass(frozen=True)
class Still:
    """One shot: its picture, how many frames it is held, the camera move."""

    png: bytes
    frames: int
    movement: str
    flip: bool = False


@dataclass(frozen=True)
class Overlay:
    """A full-width subtitle picture shown at ``x, y`` from ``start_ms`` to ``end_ms`` (all of a job the same size)."""

    png: bytes
    x: int
    y: int
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Badge:
    """A picture of its own size at ``x, y`` from ``start_ms`` to ``end_ms`` (an AI label, a filing number)."""

    png: bytes
    x: int
    y: int
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Encoding:
    """x264 settings: the cut's by default; a platform master sets its own H.264 profile, level, cap."""

    profile: str = "high"
    level: str = ""
    max_kbps: int = 0
    crf: int = 26


@dataclass
class RenderJob:
    """Everything one video file needs."""

    width: int
    height: int
    stills: list[Still]
    audio_wav: bytes
    overlays: list[Overlay] = field(default_factory=list)
    #: where the shots' pictures go (x, y, width, height) when not the whole frame; the rest shows a still,
    #: blurred and darkened fill of the shot's picture
    window: tuple[int, int, int, int] | None = None
    #: frame rate and keyframe interval (``stills`` frame counts are at this rate)
    fps: int = FPS
    keyframe_frames: int = KEYFRAME_FRAMES
    badges: list[Badge] = field(default_factory=list)
    encoding: Encoding = field(default_factory=Encoding)
    #: camera moves' step in pixels (even): 2, or more on frames larger than the animatic's
    camera_step: int = 2

    @property
    def picture(self) -> tuple[int, int, int, int]:
        """Where the shots' pictures go: the window, or the whole frame."""
        return self.window or (0, 0, self.width, self.height)

    @property
    def frames(self) -> int:
        """Total frames."""
        return sum(s.frames for s in self.stills)


def _table(values: list[int], var: str) -> str:
    """An ffmpeg expression of ``var`` (0, 1, 2 …) giving ``values[var]``: a sum of steps."""
    terms = [str(values[0])]
    terms += [f"({b - a})*gte({var},{j})" for j, (a, b) in enumerate(zip(values, values[1:]), start=1) if b != a]
    return "+".join(terms)


def _at_frames(frames: list[int], fps: int = FPS) -> str:
    """Filters giving the k-th frame of a stream the time of frame ``frames[k]`` (time base exactly 1/fps)."""
    return f"settb=1/{fps},setpts='round(({_table(frames, 'N')})/{fps}/TB)'"


def _fill(width: int, height: int) -> str:
    """Chain: the frame-filling band of a picture, shrunk to 1/24 and darkened (grown back by :func:`_grow`).

    Each shot's fill is held at this small size until the shots are merged: every shot's chain is open
    at once, and a full-size fill held a full RGB and a full 4:2:0 frame per shot (9 MB at 1080p, 37 MB
    at 2160p). The small fills are the same pixels, grown by the same scale: the render is unchanged.
    """
    return (
        f"crop=iw:trunc(iw*{height}/{width}/2)*2,scale={width // 24}:{height // 24}:flags=area,"
        f"format=rgb24,colorchannelmixer=rr={FILL_BRIGHTNESS}:gg={FILL_BRIGHTNESS}:bb={FILL_BRIGHTNESS}"
    )


def _grow(width: int, height: int) -> str:
    """Chain: the merged small fills grown back to the frame (blurred by the bilinear scale), as 4:2:0."""
    return f"scale={width}:{height}:flags=bilinear,format=yuv420p"


def _cover(width: int, height: int) -> str:
    """Chain: a picture of any size scaled to fill ``width x height`` and centre-cropped (never stretched)."""
    return f"scale={width}:{height}:force_original_aspect_ratio=increase:flags=lanczos,crop={width}:{height}"


def _shot_filter(frames: ShotFrames, index: int, job: RenderJob) -> str:
    """Filter chain turning input ``index`` (one picture) into the shot's distinct frames at their times."""
    left, top, width, height = job.picture
    count = len(frames.first)
    repeat = f"loop=loop={count - 1}:size=1:start=0,{_at_frames(frames.first, job.fps)}"
    hold = f"format=yuv420p,{repeat}"
    camera = frames.camera[0]
    if len(camera) == 1:
        zoom = _table([c[0] for c in frames.camera], "n")
        chain = f"{_cover(width, height)},{hold},scale=w='{zoom}':h=-2:eval=frame:flags=bicubic,crop={width}:{height}"
    elif len(camera) == 2:
        big_w, big_h = oversize(width, height)
        x, y = _table([c[0] for c in frames.camera], "n"), _table([c[1] for c in frames.camera], "n")
        chain = f"{_cover(big_w, big_h)},{hold},crop={width}:{height}:x='{x}':y='{y}':exact=1"
    else:
        chain = f"{_cover(width, height)},{hold}"
    if job.window is None:
        return f"[{index}:v]{chain},setsar=1[v{index}]"
    # the picture [v] and its still fill [f]: all pictures and all fills are interleaved, then overlaid once
    return (
        f"[{index}:v]split[a{index}][b{index}];[a{index}]{chain},setsar=1[v{index}];"
        f"[b{index}]{_fill(job.width, job.height)},{repeat},setsar=1[f{index}]"
    )


def filter_graph(job: RenderJob, frames: Plan) -> str:
    """The whole ``-filter_complex`` script of a job (inputs: stills, then the subtitle pictures)."""
    n = len(job.stills)
    parts = [_shot_filter(shot, i, job) for i, shot in enumerate(frames.shots)]
    parts.append(
        "".join(f"[v{i}]" for i in range(n)) + f"interleave=nb_inputs={n}[base]" if n > 1 else "[v0]null[base]"
    )
    if job.window is not None:
        parts[-1] = parts[-1].replace("[base]", "[pictures]")
        grow = _grow(job.width, job.height)
        parts.append(
            "".join(f"[f{i}]" for i in range(n)) + f"interleave=nb_inputs={n},{grow}[fills]"
            if n > 1
            else f"[f0]{grow}[fills]"
        )
        parts.append(f"[fills][pictures]overlay=x={job.window[0]}:y={job.window[1]}[base]")
    source, steps = "[base]", []
    if job.overlays:
        starts = [frame for frame, _ in frames.subtitles]
        parts.append(f"[{n}:v]{_at_frames(starts, job.fps)}[subs]")
        source, steps = "[base][subs]", [f"overlay=x=0:y={job.overlays[0].y}:eof_action=repeat:repeatlast=1"]
    first_badge = n + (1 if job.overlays else 0)
    for k, badge in enumerate(job.badges):
        if steps:
            parts.append(f"{source}{','.join(steps)}[under{k}]")
            source = f"[under{k}]"
        shown = f"gte(t,{badge.start_ms / 1000:.3f})*lt(t,{badge.end_ms / 1000:.3f})"
        source, steps = f"{source}[{first_badge + k}:v]", [f"overlay=x={badge.x}:y={badge.y}:enable='{shown}'"]
    parts.append(f"{source}{','.join([*steps, 'format=yuv420p'])}[vout]")
    return ";\n".join(parts)


def subtitle_track(job: RenderJob, frames: Plan, work: Path) -> Path:
    """An ffconcat list of the subtitle picture of each span (a transparent one where none is shown).

    All pictures have the same size (the full frame width), so one overlay filter shows them all; the
    times come from the filter graph (frame-exact), not from the list.
    """
    first = Image.open(io.BytesIO(job.overlays[0].png))
    blank = work / "blank.png"
    blank.write_bytes(png_bytes(Image.new("RGBA", first.size, (0, 0, 0, 0))))
    lines = ["ffconcat version 1.0"]
    ends = [frame for frame, _ in frames.subtitles[1:]] + [frames.total]
    for (start, item), end in zip(frames.subtitles, ends):
        path = blank
        if item is not None:
            path = work / f"sub{item:03d}.png"
            if not path.exists():
                path.write_bytes(job.overlays[item].png)
        lines += [f"file '{path.name}'", f"duration {(end - start) / job.fps:.6f}"]
    listing = work / "subs.ffconcat"
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return listing


def frame_plan(job: RenderJob) -> Plan:
    """The distinct frames of a job."""
    _, _, width, height = job.picture
    return plan(
        [(s.movement, s.flip, s.frames) for s in job.stills],
        [(o.start_ms, o.end_ms) for o in job.overlays],
        width,
        height,
        fps=job.fps,
        keyframe_frames=job.keyframe_frames,
        badges=tuple((b.start_ms, b.end_ms) for b in job.badges),
        step=job.camera_step,
    )


#: PNG modes passed to ffmpeg as raw pixels, and their ffmpeg pixel formats (others go as PNG)
RAW_FORMATS = {"RGB": "rgb24", "RGBA": "rgba", "L": "gray"}


def still_input(png: bytes, stem: Path) -> list[str]:
    """ffmpeg input arguments of one shot's picture, written beside ``stem``: its pixels, raw.

    Every shot is an input of its own and stays open for the whole render; a PNG input keeps its
    decoder's full-size frame until ffmpeg exits (6 MB for each 1080×1920 panel), a raw one shares
    the frame with the file's single packet and lets it go once the shot's chain has scaled it. The
    pixels are the PNG's own (lossless either way), so the render is the same. A mode ffmpeg would
    decode differently (palette, 16-bit) goes as the PNG.
    """
    with Image.open(io.BytesIO(png)) as image:
        pix_fmt = RAW_FORMATS.get(image.mode) if image.format == "PNG" else None
        if pix_fmt is not None:
            raw = stem.with_suffix(".raw")
            raw.write_bytes(image.tobytes())
            size = f"{image.width}x{image.height}"
            return ["-f", "rawvideo", "-pix_fmt", pix_fmt, "-video_size", size, "-framerate", str(FPS), "-i", str(raw)]
    path = stem.with_suffix(".png")
    path.write_bytes(png)
    return ["-framerate", str(FPS), "-i", str(path)]


def encode_command(job: RenderJob, frames: Plan, work: Path, output: Path) -> list[str]:
    """The ffmpeg command encoding the distinct frames (variable frame rate) to raw H.264 (inputs written into ``work``)."""
    args = [
        ffmpeg_exe(),
        "-hide_banner",
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-filter_threads",
        "1",
        "-filter_complex_threads",
        "1",
    ]
    for i, still in enumerate(job.stills):
        args += still_input(still.png, work / f"still{i:03d}")
    if job.overlays:
        args += ["-f", "concat", "-safe", "0", "-i", str(subtitle_track(job, frames, work))]
    for k, badge in enumerate(job.badges):
        path = work / f"badge{k:02d}.png"
        path.write_bytes(badge.png)
        args += ["-i", str(path)]
    script = work / "graph.txt"
    script.write_text(filter_graph(job, frames), encoding="utf-8")
    args += [
        "-/filter_complex",
        str(script),
        "-map",
        "[vout]",
        "-fps_mode",
        "passthrough",
        "-enc_time_base",
        f"1/{job.fps}",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        *(["-x264-params", "8x8dct=1"] if job.encoding.profile == "high" else []),
        "-profile:v",
        job.encoding.profile,
        *(["-level:v", job.encoding.level] if job.encoding.level else []),
        "-pix_fmt",
        "yuv420p",
        "-force_key_frames",
        f"expr:gte(t,n_forced*{job.keyframe_frames / job.fps:g})",
        "-g",
        str(job.keyframe_frames),
        "-keyint_min",
        str(job.keyframe_frames),
        "-sc_threshold",
        "0",
        "-crf",
        str(job.encoding.crf),
        *(
            ["-maxrate", f"{job.encoding.max_kbps}k", "-bufsize", f"{job.encoding.max_kbps}k"]
            if job.encoding.max_kbps
            else []
        ),
        "-threads",
        str(X264_THREADS),
        "-flags:v",
        "+bitexact",
        "-f",
        "h264",
        str(output),
    ]
    return args


def audio_command(audio: Path, frames: int, output: Path, fps: int = FPS) -> list[str]:
    """The ffmpeg command encoding the voices to AAC-LC 48 kHz stereo, cut to the video's length.

    The "fast" AAC coder: a third of the default coder's CPU time (1.4 s against 4.1 s for 94 s of speech).
    """
    return [
        ffmpeg_exe(),
        "-hide_banner",
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-i",
        str(audio),
        "-af",
        "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo",
        "-c:a",
        "aac",
        "-aac_coder",
        "fast",
        "-b:a",
        "128k",
        "-ar",
        "48000",
        "-ac",
        "2",
        "-t",
        f"{frames / fps:.3f}",
        "-fflags",
        "+bitexact",
        "-flags:a",
        "+bitexact",
        "-map_metadata",
        "-1",
        "-f",
        "mp4",
        str(output),
    ]


#: the muxer waits for every stream's next packet before writing (the default flushes after 10 s of one
#: stream, at a moment that depends on thread timing: the same packets came out in differently laid-out
#: chunks, 3 different files in 8 runs of one 94 s episode)
REPRODUCIBLE_MUX = ("-max_interleave_delta", "0")


def mux_command(
    video: Path, audio: Path | None, output: Path, *, audio_optional: bool = False, fps: int = FPS
) -> list[str]:
    """The ffmpeg command putting the H.264 stream (as ``fps`` CFR) and the AAC track into a fast-start MP4
    (``audio_optional``: ``audio`` may have no audio stream, as a re-muxed video may not; None: no sound)."""
    sound = ["-i", str(audio)] if audio is not None else []
    sound_map = ["-map", "1:a?" if audio_optional else "1:a"] if audio is not None else []
    return [
        ffmpeg_exe(),
        "-hide_banner",
        "-nostdin",
        "-v",
        "error",
        "-y",
        "-f",
        "h264",
        "-framerate",
        str(fps),
        "-i",
        str(video),
        *sound,
        "-map",
        "0:v",
        *sound_map,
        "-c",
        "copy",
        "-bsf:v",
        f"setts=ts=trunc(N/({fps}*TB)+0.5):duration=trunc(1/({fps}*TB)+0.5)",
        "-movflags",
        "+faststart",
        *REPRODUCIBLE_MUX,
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
        "-flags:a",
        "+bitexact",
        "-map_metadata",
        "-1",
        "-map_chapters",
        "-1",
        str(output),
    ]


def _run(processes: list[subprocess.Popen[bytes]]) -> None:
    failures = []
    for process in processes:
        _, err = process.communicate()
        if process.returncode != 0:
            failures.append(err.decode("utf-8", "replace").strip()[-800:])
    if failures:
        raise RenderError(f"ffmpeg failed: {failures[0]}")


def render_many(jobs: list[RenderJob]) -> list[bytes]:
    """Render jobs side by side (one ffmpeg process each) and return the MP4 bytes in order.

    Each job's distinct frames are encoded, then held with skip frames; jobs with the same voices
    share one AAC encode.
    """
    with tempfile.TemporaryDirectory(prefix="microdrama-cut-") as tmp:
        works = [Path(tmp) / f"job{i}" for i in range(len(jobs))]
        plans = [frame_plan(job) for job in jobs]
        running = []
        for job, frames, work in zip(jobs, plans, works):
            work.mkdir()
            args = encode_command(job, frames, work, work / "distinct.h264")
            running.append(subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        tracks: dict[tuple[bytes, int, int], Path] = {}
        for job, frames in zip(jobs, plans):
            if job.audio_wav and (job.audio_wav, frames.total, job.fps) not in tracks:
                wav = Path(tmp) / f"voices{len(tracks)}.wav"
                wav.write_bytes(job.audio_wav)
                track = tracks[job.audio_wav, frames.total, job.fps] = wav.with_suffix(".m4a")
                args = audio_command(wav, frames.total, track, job.fps)
                running.append(subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        _run(running)
        muxers = []
        for job, frames, work in zip(jobs, plans, works):
            try:
                stream = expand((work / "distinct.h264").read_bytes(), frames.holds)
            except BitstreamError as exc:
                raise RenderError(f"x264 output could not be extended: {exc}") from exc
            (work / "video.h264").write_bytes(stream)
            args = mux_command(
                work / "video.h264", tracks.get((job.audio_wav, frames.total, job.fps)), work / "out.mp4", fps=job.fps
            )
            muxers.append(subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        _run(muxers)
        return [(work / "out.mp4").read_bytes() for work in works]


def horizontal_window(
    frame_width: int, frame_height: int, width: int = 1920, height: int = 1080
) -> tuple[int, int, int, int]:
    """Where a 9:16 frame goes, at full height and centred, in a 16:9 picture."""
    fit_w = round(frame_width * height / frame_height) // 2 * 2
    return (width - fit_w) // 2 // 2 * 2, 0, fit_w, height
