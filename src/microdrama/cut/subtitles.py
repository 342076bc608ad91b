"""Burned-in subtitles: cues from the voice timing, drawn as overlay images inside the safe zone.

Vertical (craft.md §2.3–4.4): at most two lines inside x 108–972, bottom of the block at y 1460
(above the apps' bottom band), centred. Horizontal: centred, bottom at 92 % of the height.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PIL import Image, ImageDraw
from PIL.ImageFont import FreeTypeFont

from microdrama.board.wrap import wrap
from microdrama.engines.image.fonts import ui_font
from microdrama.engines.image.panel import png_bytes
from microdrama.model.media import Timing
from microdrama.screenplay.lines import sentences
from microdrama.text.language import Language
from microdrama.voice.stage import speakable

#: a clause ends after these marks (a cue may end there)
_CLAUSE_END = re.compile(r"(?<=[，、；：,;:—])")


@dataclass(frozen=True)
class Layout:
    """Where subtitles go in one output format."""

    width: int
    height: int
    font_px: int
    left: int
    right: int
    bottom: int
    max_lines: int = 2


VERTICAL = Layout(1080, 1920, 52, 108, 972, 1460)
HORIZONTAL = Layout(1920, 1080, 46, 260, 1660, 1000)


@dataclass(frozen=True)
class Cue:
    """A subtitle on screen from ``start_ms`` to ``end_ms``."""

    lines: tuple[str, ...]
    start_ms: int
    end_ms: int


def cues(timing: Timing, layout: Layout) -> list[Cue]:
    """Dialogue cues of ≤ ``max_lines`` lines, long speeches split with time shared by length.

    The narrator's reading of action lines is an animatic aid, not dialogue: it is not subtitled, as in
    the subtitle stage's files (a first-person narrator's voice-over is dialogue and is).
    """
    font = ui_font(timing.language, layout.font_px)
    out: list[Cue] = []
    for line in timing.lines:
        if line.kind != "dialogue" or not line.clip_ms:
            continue
        chunks: list[tuple[str, ...]] = []
        width = layout.right - layout.left - 44 - layout.font_px  # room for the box padding and one closing mark
        for sentence in sentences(speakable(line.text), timing.language):  # never split after "Mrs." or an initial
            for part in _clause_groups(sentence.strip(), font, width, layout.max_lines, timing.language):
                rows = wrap(part, font, width, timing.language)
                for i in range(0, len(rows), layout.max_lines):
                    piece = tuple(rows[i : i + layout.max_lines])
                    merged = chunks[-1] + piece if chunks else piece
                    if (
                        chunks
                        and len(merged) <= layout.max_lines
                        and i == 0
                        and len(piece) == 1
                        and len(chunks[-1]) == 1
                    ):
                        chunks[-1] = merged
                    else:
                        chunks.append(piece)
        if not chunks:
            continue
        weights = [max(1, sum(len(r) for r in chunk)) for chunk in chunks]
        clock = line.start_ms
        span = line.clip_ms
        for chunk, weight in zip(chunks, weights):
            length = span * weight // sum(weights)
            out.append(Cue(chunk, clock, clock + length))
            clock += length
    return out


def _clause_groups(sentence: str, font: FreeTypeFont, width: float, max_lines: int, language: str) -> list[str]:
    """A sentence too long for one cue, cut at clause marks into runs that each fit one.

    Cutting by rows alone leaves orphans such as "…已经满一 / 年了。"; a clause is only cut by rows
    when it alone is longer than a cue.
    """
    if len(wrap(sentence, font, width, language)) <= max_lines:
        return [sentence]
    joiner = Language.of(language).joiner
    groups: list[str] = []
    for clause in (c.strip() for c in _CLAUSE_END.split(sentence)):
        if not clause:
            continue
        candidate = f"{groups[-1]}{joiner}{clause}" if groups else clause
        if groups and len(wrap(candidate, font, width, language)) <= max_lines:
            groups[-1] = candidate
        else:
            groups.append(clause)
    return groups


def cue_image(cue: Cue, layout: Layout, language: str) -> tuple[bytes, int, int]:
    """PNG (RGBA, full frame width, fixed height) of the cue, and its top-left position on the frame."""
    font = ui_font(language, layout.font_px)
    line_h = round(layout.font_px * 1.3)
    pad = 18
    height = line_h * layout.max_lines + 2 * pad
    widths = [font.getlength(t) for t in cue.lines]
    box_w = int(max(widths)) + 2 * pad + 8
    box_h = line_h * len(cue.lines) + 2 * pad
    image = Image.new("RGBA", (layout.width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    left = (layout.left + layout.right) // 2 - box_w // 2
    top = height - box_h
    draw.rounded_rectangle((left, top, left + box_w - 1, height - 1), radius=14, fill=(0, 0, 0, 140))
    for i, (text, width) in enumerate(zip(cue.lines, widths)):
        draw.text(
            (left + (box_w - width) / 2, top + pad + i * line_h),
            text,
            font=font,
            fill=(255, 255, 255, 255),
            stroke_width=3,
            stroke_fill=(0, 0, 0, 255),
        )
    return png_bytes(image), 0, layout.bottom - height
