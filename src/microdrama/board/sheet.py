"""The contact sheet: every panel of an episode on one PNG grid, with shot ids and durations."""

from __future__ import annotations

from PIL import Image, ImageDraw

from microdrama.board.wrap import clamp_lines, wrap
from microdrama.engines.image.fonts import ui_font
from microdrama.model.media import ShotList

THUMB = (216, 384)
COLUMNS = 5


def contact_sheet(panels: list[Image.Image], shots: ShotList, title: str) -> Image.Image:
    """A grid of thumbnails, five across, a title on top and a label under each panel."""
    rows = max(1, -(-len(panels) // COLUMNS))
    pad, label_h, head = 16, 44, 90
    width = COLUMNS * (THUMB[0] + pad) + pad
    height = head + rows * (THUMB[1] + label_h + pad) + pad
    sheet = Image.new("RGB", (width, height), (24, 24, 28))
    draw = ImageDraw.Draw(sheet)
    title_font = ui_font(shots.language, 36)
    (title_line,) = clamp_lines(wrap(title, title_font, width - 2 * pad - 40, shots.language), 1) or [""]
    draw.text((pad, 24), title_line, font=title_font, fill=(255, 214, 90))
    font = ui_font(shots.language, 18, False)
    for i, (panel, shot) in enumerate(zip(panels, shots.shots)):
        x = pad + (i % COLUMNS) * (THUMB[0] + pad)
        y = head + (i // COLUMNS) * (THUMB[1] + label_h + pad)
        sheet.paste(panel.resize(THUMB, Image.Resampling.BILINEAR), (x, y))
        draw.text(
            (x, y + THUMB[1] + 6),
            f"{shot.id} {shot.size} {shot.movement} {shot.duration_ms / 1000:.1f}s",
            font=font,
            fill=(230, 230, 230),
        )
    return sheet
