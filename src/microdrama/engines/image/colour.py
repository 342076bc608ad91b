"""Colour helpers for drawn frames: stable seeds, HSV, hex, shading."""

from __future__ import annotations

import colorsys
import hashlib


def seed_of(*parts: str) -> int:
    """A stable integer from strings (never Python's salted ``hash``)."""
    return int.from_bytes(hashlib.sha256("\x1f".join(parts).encode()).digest()[:8], "big")


def hsv(h: float, s: float, v: float) -> tuple[int, int, int]:
    """RGB from hue in degrees and s, v in 0–1."""
    r, g, b = colorsys.hsv_to_rgb((h % 360) / 360, max(0.0, min(1.0, s)), max(0.0, min(1.0, v)))
    return round(r * 255), round(g * 255), round(b * 255)


def rgb(hex_colour: str) -> tuple[int, int, int]:
    """'#rrggbb' as a tuple."""
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def shade(colour: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    """Darker (<1) or lighter (>1) colour."""
    if factor <= 1:
        return tuple(round(c * factor) for c in colour)  # type: ignore[return-value]
    return tuple(round(c + (255 - c) * (factor - 1)) for c in colour)  # type: ignore[return-value]
