"""Covers and posters: the key panel cropped to each size a profile asks for, the series title set in the
script's font across the lower third, then both AI labels (visible corner + XMP) from the Compliance package."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from microdrama.compliance.explicit import LabelStyle
from microdrama.compliance.labeller import LabelPlan, label_file
from microdrama.compliance.provenance import origin_of
from microdrama.engines.image.fonts import ui_font
from microdrama.settings import Settings

JPEG_QUALITY = 90
TITLE_HEIGHT = 0.12  # of the shorter side: a poster title, read at thumbnail size
TITLE_WIDTH = 0.86  # of the width; long titles wrap to two lines, then shrink


def key_panel(project: Path) -> Path | None:
    """The cover's picture: episode 1's first clean storyboard frame (the hook shot, no camera notes)."""
    panels = sorted((project / "board").glob("ep[0-9][0-9][0-9]/frames/s[0-9][0-9][0-9].png"))
    return panels[0] if panels else None


def _fill(panel: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The panel covering ``size``: cropped when the aspects are close, else over a blurred fill of itself."""
    w, h = size
    src = panel.convert("RGB")
    scale = max(w / src.width, h / src.height)
    cover = src.resize((round(src.width * scale), round(src.height * scale)), Image.Resampling.LANCZOS)
    ratio = (w / h) / (src.width / src.height)
    if 0.7 <= ratio <= 1.4:
        left, top = (cover.width - w) // 2, (cover.height - h) // 3
        return cover.crop((left, top, left + w, top + h))
    back = cover.crop(
        ((cover.width - w) // 2, (cover.height - h) // 2, (cover.width - w) // 2 + w, (cover.height - h) // 2 + h)
    ).filter(ImageFilter.GaussianBlur(max(w, h) // 40))
    fit = min(w / src.width, h / src.height)
    front = src.resize((round(src.width * fit), round(src.height * fit)), Image.Resampling.LANCZOS)
    back.paste(front, ((w - front.width) // 2, (h - front.height) // 2))
    return back


def _lines(title: str, language: str, size: int, width: int) -> tuple[list[str], ImageFont.FreeTypeFont]:
    while True:
        font = ui_font(language, size)
        if font.getlength(title) <= width:
            return [title], font
        words = title.split() if " " in title else list(title)
        joiner = " " if " " in title else ""
        for cut in range(len(words) // 2, len(words)):
            one, two = joiner.join(words[:cut]), joiner.join(words[cut:])
            if font.getlength(one) <= width and font.getlength(two) <= width:
                return [one, two], font
        size = int(size * 0.9)


def compose(panel: bytes, size: tuple[int, int], title: str, language: str) -> bytes:
    """A JPEG cover at ``size`` with ``title`` in the lower third (white on a dark band, drop shadow)."""
    w, h = size
    with Image.open(io.BytesIO(panel)) as src:
        image = _fill(src, size)
    lines, font = _lines(title, language, max(12, round(min(w, h) * TITLE_HEIGHT)), round(w * TITLE_WIDTH))
    draw = ImageDraw.Draw(image, "RGBA")
    ascent, descent = font.getmetrics()
    line_h = round((ascent + descent) * 1.15)
    block = line_h * len(lines)
    top = round(h * 0.72) - block // 2
    draw.rectangle((0, top - line_h // 2, w, top + block + line_h // 2), fill=(0, 0, 0, 140))
    for i, line in enumerate(lines):
        x = (w - font.getlength(line)) / 2
        y = top + i * line_h
        shadow = max(2, line_h // 30)
        draw.text((x + shadow, y + shadow), line, font=font, fill=(0, 0, 0, 200))
        draw.text((x, y), line, font=font, fill=(255, 255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def labelled_cover(
    panel: bytes, panel_path: str, size: tuple[int, int], title: str, language: str, settings: Settings, dest_name: str
) -> bytes:
    """``compose`` then both AI labels, as the Compliance package labels a storyboard panel."""
    data = compose(panel, size, title, language)
    c = settings.compliance
    made = dataclasses.replace(origin_of(panel_path, settings), path=dest_name)
    plan = LabelPlan(
        language if c.label_language == "auto" else c.label_language,
        c.producer,
        c.label_text,
        LabelStyle(c.label_corner, c.label_height, round(c.label_seconds * 1000)).checked(),
    )
    return label_file(made, data, plan).data
