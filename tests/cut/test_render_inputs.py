"""What the renderer keeps open while it draws: shots' pictures go to ffmpeg as raw pixels (the same
render as from the PNGs), and every shot's blurred fill is held small until the shots are merged."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

import microdrama.cut.render as render
from microdrama.cut.render import (
    RenderJob,
    Still,
    filter_graph,
    frame_plan,
    horizontal_window,
    render_many,
    still_input,
)
from microdrama.engines.speech.wav import pcm_to_wav


def png_of(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def stills() -> list[Still]:
    """Pictures in each mode a panel may come in, with a move each (zoom, pan, still)."""
    base = Image.new("RGB", (90, 160), (40, 90, 160))
    base.paste((230, 200, 30), (20, 40, 70, 120))
    rgba = base.convert("RGBA")
    rgba.putpixel((5, 5), (255, 0, 0, 128))
    return [
        Still(png_of(base), 9, "push-in"),
        Still(png_of(rgba), 7, "pan", flip=True),
        Still(png_of(base.convert("L")), 6, "static"),
        Still(png_of(base.convert("P", palette=Image.Palette.ADAPTIVE)), 8, "tilt"),
    ]


def job(width: int, height: int) -> RenderJob:
    window = horizontal_window(90, 160, width, height) if width > height else None
    return RenderJob(width, height, stills(), pcm_to_wav(bytes(2 * 8000), 8000), window=window, keyframe_frames=10)


@pytest.mark.parametrize("size", [(180, 320), (320, 180)])
def test_raw_pixels_render_exactly_as_the_pngs(size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    [raw] = render_many([job(*size)])
    monkeypatch.setattr(render, "RAW_FORMATS", {})  # every picture as its PNG, decoded by ffmpeg
    [png] = render_many([job(*size)])
    assert raw == png


def test_a_picture_goes_raw_in_its_own_mode_and_a_palette_one_as_png(tmp_path: Path) -> None:
    rgb, rgba, gray, palette = (s.png for s in stills())
    args = still_input(rgb, tmp_path / "a")
    assert args[:6] == ["-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", "90x160"]
    assert (tmp_path / "a.raw").stat().st_size == 90 * 160 * 3
    assert still_input(rgba, tmp_path / "b")[3] == "rgba" and still_input(gray, tmp_path / "c")[3] == "gray"
    assert still_input(palette, tmp_path / "d")[-1] == str(tmp_path / "d.png")
    assert (tmp_path / "d.png").read_bytes() == palette


def test_each_shots_fill_is_held_small_and_grown_once() -> None:
    wide = job(3840, 2160)
    graph = filter_graph(wide, frame_plan(wide))
    fills = re.findall(r"\[b\d+\]([^;]*)\[f\d+\]", graph)
    assert len(fills) == len(wide.stills)
    assert all("scale=160:90" in chain and "scale=3840" not in chain for chain in fills)
    assert graph.count("scale=3840:2160:flags=bilinear") == 1
