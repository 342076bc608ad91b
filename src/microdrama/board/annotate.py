"""Storyboard panels: a clean frame plus the camera note band and the dialogue caption."""

from __future__ import annotations

from PIL import Image, ImageDraw

from microdrama.board.wrap import clamp_lines, wrap
from microdrama.engines.image.fonts import ui_font
from microdrama.model.media import Shot
from microdrama.screenplay.lines import plain

#: universal safe zone on 1080×1920 (craft.md §2.3): centre 80 % width × middle 60 % height
SAFE_BOX = (108, 384, 972, 1536)


def annotate(frame: Image.Image, shot: Shot, language: str, speaker_name: str = "") -> Image.Image:
    """The panel as printed on the board: shot id and camera note on top, caption in the safe zone."""
    panel = frame.convert("RGB").copy()
    width, height = panel.size
    k = width / 1080
    draw = ImageDraw.Draw(panel, "RGBA")
    draw.rectangle((0, 0, width, round(150 * k)), fill=(12, 12, 16, 215))
    big, small = ui_font(language, max(12, round(46 * k))), ui_font(language, max(10, round(30 * k)), False)
    draw.text(
        (round(30 * k), round(22 * k)),
        f"{shot.id.upper()}  ·  SC {shot.scene}  ·  {shot.purpose.upper()}",
        font=big,
        fill=(255, 214, 90),
    )
    note = clamp_lines(wrap(shot.note, small, width - 60 * k, language), 1)
    draw.text((round(30 * k), round(92 * k)), note[0] if note else "", font=small, fill=(235, 235, 235))
    x0, y0, x1, y1 = (round(v * k) for v in SAFE_BOX)
    draw.rectangle((x0, y0, x1, y1), outline=(255, 255, 255, 70), width=max(1, round(2 * k)))
    if shot.caption:
        font = ui_font(language, max(10, round(40 * k)))
        lines = clamp_lines(wrap(plain(shot.caption), font, (x1 - x0) - 50 * k, language), 4)
        if speaker_name:
            lines = [speaker_name.upper() if language == "en" else speaker_name] + lines
        line_h = round(54 * k)
        box_h = line_h * len(lines) + round(30 * k)
        top = y1 - box_h - round(76 * k)
        draw.rounded_rectangle((x0, top, x1, top + box_h), radius=round(18 * k), fill=(0, 0, 0, 170))
        for i, line in enumerate(lines):
            colour = (255, 214, 90) if speaker_name and i == 0 else (255, 255, 255)
            draw.text((x0 + round(25 * k), top + round(15 * k) + i * line_h), line, font=font, fill=colour)
    return panel
