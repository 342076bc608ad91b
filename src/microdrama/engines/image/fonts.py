"""Fonts for drawing text on panels, captions and subtitles (found through fontconfig, cached)."""

from __future__ import annotations

import subprocess
from functools import lru_cache

from PIL import ImageFont

from microdrama.errors import FontNotFoundError
from microdrama.formats._common import is_chinese
from microdrama.formats.fonts import cjk_font

_LATIN = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "FreeSans")


@lru_cache(maxsize=8)
def _latin_path(bold: bool) -> str:
    style = "Bold" if bold else "Book"
    for family in _LATIN:
        try:
            found = subprocess.run(
                ["fc-match", "--format", "%{file}\\n%{family[0]}", f"{family}:style={style}"],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            break
        file, _, got = found.stdout.partition("\n")
        if found.returncode == 0 and got == family and file.lower().endswith((".ttf", ".otf")):
            return file
    raise FontNotFoundError(
        "no sans-serif font found through fontconfig for panels and subtitles: "
        "apt-get install fonts-dejavu-core fontconfig (Debian/Ubuntu), then run again"
    )


@lru_cache(maxsize=64)
def ui_font(language: str, size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    """A font covering ``language`` at ``size`` px (CJK face for Chinese).

    Raises:
        FontNotFoundError: no suitable font is installed (the message names the package).
    """
    if is_chinese(language):
        face = cjk_font(language)
        return ImageFont.truetype(str(face.path), size, index=face.index)
    return ImageFont.truetype(_latin_path(bold), size)
