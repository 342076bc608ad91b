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
    """A picture (subtitle) shown at ``x, y`` from ``start_ms`` to ``end_ms``."""

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
    """The whole ``-filter_complex`` script of a job."""
    parts = [_move_filter(s, i, job.width, job.height) for i, s in enumerate(job.stills)]
    n = len(job.stills)
    parts.append("".join(f"[v{i}]" for i in range(n)) + f"concat=n={n}:v=1:a=0[base0]")
    current = "base0"
    for k, overlay in enumerate(job.overlays):
        index = n + k
        start, end = overlay.start_ms / 1000, overlay.end_ms / 1000
        parts.append(f"[{current}][{index}:v]overlay=x={overlay.x}:y={overlay.y}:enable='gte(t,{start:.3f})*lt(t,{end:.3f})'[o{k}]")
        current = f"o{k}"
    audio = n + len(job.overlays)
    parts.append(f"[{current}]format=yuv420p[vout]")
    parts.append(
        f"[{audio}:a]aresample=48000,loudnorm=I={LOUDNESS_LUFS}:TP=-1.5:LRA=11,aresample=48000,"
        "aformat=sample_fmts=fltp:channel_layouts=stereo[aout]"
    )
    return ";\n".join(parts)


def command(job: RenderJob, work: Path, output: Path) -> list[str]:
    """The ffmpeg command line (inputs written into ``work``)."""
    args = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-y", "-filter_threads", "1", "-filter_complex_threads", "1"]
    for i, still in enumerate(job.stills):
        path = work / f"still{i:03d}.png"
        path.write_bytes(still.png)
        args += ["-i", str(path)]
    for k, overlay in enumerate(job.overlays):
        path = work / f"over{k:03d}.png"
        path.write_bytes(overlay.png)
        args += ["-i", str(path)]
    audio = work / "voices.wav"
    audio.write_bytes(job.audio_wav)
    args += ["-i", str(audio)]
    script = work / "graph.txt"
    script.write_text(filter_graph(job), encoding="utf-8")
    seconds = job.frames / FPS
    args += [
        "-/filter_complex", str(script), "-map", "[vout]", "-map", "[aout]",
        "-c:v", "libx264", "-preset", "ultrafast", "-x264-params", "cabac=1:8x8dct=1:ref=1",
        "-profile:v", "high", "-pix_fmt", "yuv420p", "-r", str(FPS), "-fps_mode", "cfr",
        "-g", str(KEYFRAME_FRAMES), "-keyint_min", str(KEYFRAME_FRAMES), "-sc_threshold", "0", "-crf", "23",
        "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
        "-threads", "1", "-frames:v", str(job.frames), "-t", f"{seconds:.3f}",
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
