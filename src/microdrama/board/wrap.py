"""Breaking caption and subtitle text into lines that fit a pixel width (word-wise, or by character for CJK)."""

from __future__ import annotations

from PIL import ImageFont

from microdrama.text.language import Language

#: punctuation that must not begin a line (kept on the line before, even a little over width)
_NO_LINE_START = set("，。、；：？！…）》」』”’,.;:?!)")


def text_width(text: str, font: ImageFont.FreeTypeFont) -> float:
    """Advance width of ``text`` in pixels."""
    return font.getlength(text)


def wrap(text: str, font: ImageFont.FreeTypeFont, max_width: float, language: str) -> list[str]:
    """Lines no wider than ``max_width`` (a single over-long word is kept whole)."""
    lang = Language.of(language)
    units = list(text.strip()) if lang.is_chinese else text.split()
    joiner = lang.joiner
    lines: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current}{joiner}{unit}" if current else unit
        if current and text_width(candidate, font) > max_width and unit not in _NO_LINE_START:
            lines.append(current)
            current = unit
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def clamp_lines(lines: list[str], limit: int) -> list[str]:
    """At most ``limit`` lines, the last ending in an ellipsis when text was cut."""
    if len(lines) <= limit:
        return lines
    kept = lines[:limit]
    kept[-1] = kept[-1].rstrip(" ,.;") + "…"
    return kept
