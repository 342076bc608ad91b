"""Rendering an animatic with the ffmpeg of ``imageio-ffmpeg``: stills with camera moves, overlays, audio.

Reproducible byte for byte: bit-exact flags, no metadata, one x264 thread, one filter thread.
Delivery spec (craft.md §2.1): H.264 High 4:2:0, 30 fps CFR, keyframe every 2 s (closed GOP), AAC-LC
48 kHz stereo, moov atom at the front, integrated loudness ≈ −14 LUFS (``loudnorm``).
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageEnhance

from microdrama.cut.retime import FPS
from microdrama.engines.image.panel import png_bytes
from microdrama.errors import MicrodramaError

LOUDNESS_LUFS = -14
KEYFRAME_FRAMES = 2 * FPS
ZOOM = 0.07
#: x264 threads: fixed (not "auto"), so the output is the same on every machine (x264 is deterministic for a given count)
X264_THREADS = 2


class RenderError(MicrodramaError):
    """ffmpeg is missing or failed to render."""


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


@dataclass
class RenderJob:
    """Everything one video file needs."""

    width: int
    height: int
    stills: list[Still]
    audio_wav: bytes
    overlays: list[Overlay] = field(default_factory=list)

    @property
    def frames(self) -> int:
        """Total frames."""
        return sum(s.frames for s in self.stills)


def _even(value: float) -> int:
    return int(value) // 2 * 2


def _move_filter(still: Still, index: int, width: int, height: int) -> str:
    """Filter chain turning input ``index`` (one picture) into ``still.frames`` moving frames."""
    f = still.frames
    hold = f"format=yuv420p,loop=loop={f - 1}:size=1:start=0,setpts=N/{FPS}/TB"
    big_w, big_h = _even(width * (1 + ZOOM)), _even(height * (1 + ZOOM))
    prescale = f"scale={big_w}:{big_h}:flags=bicubic"
    span = max(1, f - 1)
    if still.movement in ("push-in", "pull-out"):
        grow = f"n/{span}" if still.movement == "push-in" else f"(1-n/{span})"
        chain = f"{hold},scale=w='2*trunc({width}*(1+{ZOOM}*{grow})/2)':h=-2:eval=frame,crop={width}:{height}"
    elif still.movement == "pan":
        x = f"(iw-{width})*n/{span}" if not still.flip else f"(iw-{width})*(1-n/{span})"
        chain = f"{prescale},{hold},crop={width}:{height}:x='{x}':y='(ih-{height})/2'"
    elif still.movement == "tilt":
        y = f"(ih-{height})*n/{span}" if not still.flip else f"(ih-{height})*(1-n/{span})"
        chain = f"{prescale},{hold},crop={width}:{height}:x='(iw-{width})/2':y='{y}'"
    elif still.movement == "handheld":
        chain = (f"{prescale},{hold},crop={width}:{height}:x='(iw-{width})/2+14*sin(n/9)':"
                 f"y='(ih-{height})/2+10*sin(n/7+1)'")
    else:
        chain = f"scale={width}:{height},{hold}"
    return f"[{index}:v]{chain},setsar=1[v{index}]"


def filter_graph(job: RenderJob) -> str:
    """The whole ``-filter_complex`` script of a job (inputs: stills, then subtitles, then audio)."""
    parts = [_move_filter(s, i, job.width, job.height) for i, s in enumerate(job.stills)]
    n = len(job.stills)
    parts.append("".join(f"[v{i}]" for i in range(n)) + f"concat=n={n}:v=1:a=0[base]")
    audio = n
    if job.overlays:
        y = job.overlays[0].y
        parts.append(f"[{n}:v]setpts=PTS-STARTPTS[subs]")
        parts.append(f"[base][subs]overlay=x=0:y={y}:eof_action=repeat:repeatlast=1,format=yuv420p[vout]")
        audio = n + 1
    else:
        parts.append("[base]format=yuv420p[vout]")
    parts.append(f"[{audio}:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[aout]")
    return ";\n".join(parts)


def subtitle_track(job: RenderJob, work: Path) -> Path:
    """An ffconcat list showing each subtitle picture for its time and a transparent one between them.

    All pictures have the same size (the full frame width), so one overlay filter shows them all.
    """
    first = Image.open(io.BytesIO(job.overlays[0].png))
    blank = work / "blank.png"
    blank.write_bytes(png_bytes(Image.new("RGBA", first.size, (0, 0, 0, 0))))
    lines = ["ffconcat version 1.0"]
    clock = 0
    total_ms = job.frames * 1000 // FPS
    for k, overlay in enumerate(job.overlays):
        start, end = max(clock, overlay.start_ms), min(total_ms, overlay.end_ms)
        if end <= start:
            continue
        if start > clock:
            lines += [f"file '{blank.name}'", f"duration {(start - clock) / 1000:.3f}"]
        path = work / f"sub{k:03d}.png"
        path.write_bytes(overlay.png)
        lines += [f"file '{path.name}'", f"duration {(end - start) / 1000:.3f}"]
        clock = end
    lines += [f"file '{blank.name}'", f"duration {max(1, total_ms - clock) / 1000:.3f}", f"file '{blank.name}'"]
    listing = work / "subs.ffconcat"
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return listing


def command(job: RenderJob, work: Path, output: Path) -> list[str]:
    """The ffmpeg command line (inputs written into ``work``)."""
    args = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-y", "-filter_threads", "1", "-filter_complex_threads", "1"]
    for i, still in enumerate(job.stills):
        path = work / f"still{i:03d}.png"
        path.write_bytes(still.png)
        # 30 fps input: looped frames then last 1/30 s, so concat adds no drift at the cuts.
        args += ["-framerate", str(FPS), "-i", str(path)]
    if job.overlays:
        args += ["-f", "concat", "-safe", "0", "-i", str(subtitle_track(job, work))]
    audio = work / "voices.wav"
    audio.write_bytes(job.audio_wav)
    args += ["-i", str(audio)]
    script = work / "graph.txt"
    script.write_text(filter_graph(job), encoding="utf-8")
    seconds = job.frames / FPS
    args += [
        "-/filter_complex", str(script), "-map", "[vout]", "-map", "[aout]",
        "-c:v", "libx264", "-preset", "ultrafast", "-x264-params", "8x8dct=1",
        "-profile:v", "high", "-pix_fmt", "yuv420p", "-r", str(FPS), "-fps_mode", "cfr",
        "-g", str(KEYFRAME_FRAMES), "-keyint_min", str(KEYFRAME_FRAMES), "-sc_threshold", "0", "-crf", "26",
        "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
        "-threads", str(X264_THREADS), "-frames:v", str(job.frames), "-t", f"{seconds:.3f}",
        "-movflags", "+faststart", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
        "-map_metadata", "-1", "-map_chapters", "-1", str(output),
    ]
    return args


def render_many(jobs: list[RenderJob]) -> list[bytes]:
    """Render jobs side by side (one ffmpeg process each) and return the MP4 bytes in order."""
    with tempfile.TemporaryDirectory(prefix="microdrama-cut-") as tmp:
        running = []
        for i, job in enumerate(jobs):
            work = Path(tmp) / f"job{i}"
            work.mkdir()
            output = work / "out.mp4"
            process = subprocess.Popen(command(job, work, output), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            running.append((process, output))
        results = []
        failures = []
        for process, output in running:
            _, err = process.communicate()
            if process.returncode != 0:
                failures.append(err.decode("utf-8", "replace").strip()[-800:])
            else:
                results.append(output.read_bytes())
        if failures:
            raise RenderError(f"ffmpeg failed: {failures[0]}")
        return results


def horizontal_still(frame_png: bytes, width: int = 1920, height: int = 1080) -> bytes:
    """A 16:9 picture from a 9:16 frame: the frame centred over a blurred, darkened fill of itself."""
    frame = Image.open(io.BytesIO(frame_png)).convert("RGB")
    scale = width / frame.width
    fill = frame.resize((width, round(frame.height * scale)), Image.Resampling.BILINEAR)
    top = (fill.height - height) // 2
    fill = fill.crop((0, top, width, top + height))
    fill = fill.resize((width // 24, height // 24), Image.Resampling.BILINEAR).resize((width, height), Image.Resampling.BILINEAR)
    fill = ImageEnhance.Brightness(fill).enhance(0.45)
    fg_w = round(frame.width * height / frame.height)
    fill.paste(frame.resize((fg_w, height), Image.Resampling.LANCZOS), ((width - fg_w) // 2, 0))
    return png_bytes(fill)
