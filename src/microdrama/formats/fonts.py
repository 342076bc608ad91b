"""Finding a font file that covers a script's characters, through fontconfig (``fc-match``).

The PDF exporter embeds the font it is given, so Chinese scripts need a CJK font on the machine.
We ask fontconfig for preferred families in order and accept the first match whose language
coverage includes what the script needs; fontconfig's silent fallback to some other font is
caught by that coverage check.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from microdrama.errors import FontNotFoundError
from microdrama.formats._common import is_chinese, is_traditional

#: font file kinds fpdf2 can embed
EMBEDDABLE_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

# Monospaced faces first: they keep the screenplay grid (Latin letters half a CJK cell wide).
_SIMPLIFIED = ("Noto Sans Mono CJK SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei Mono", "")
_TRADITIONAL = ("Noto Sans Mono CJK TC", "Noto Sans CJK TC", "Source Han Sans TC", "WenQuanYi Zen Hei Mono", "")
_MONOSPACE = ("DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono", "FreeMono", "monospace")


@dataclass(frozen=True)
class FontFace:
    """A font file and the face to use in it (``index`` > 0 only inside .ttc/.otc collections)."""

    path: Path
    index: int
    family: str


def cjk_font(language: str) -> FontFace:
    """A font for Chinese: the Simplified face for zh-Hans, the Traditional one for zh-Hant.

    Raises:
        FontNotFoundError: fontconfig knows no font covering the language (message names the package).
    """
    if is_traditional(language):
        families, lang = _TRADITIONAL, "zh-tw"
    else:
        families, lang = _SIMPLIFIED, "zh-cn"
    face = _first_match(families, lang)
    if face is None:
        raise FontNotFoundError(
            f"no font for Chinese ({language}) found through fontconfig; the PDF needs one: "
            "apt-get install fonts-noto-cjk (Debian/Ubuntu), then run the export again"
        )
    return face


def monospace_font() -> FontFace:
    """A Unicode monospaced font for scripts whose text does not fit the PDF core Courier font.

    Raises:
        FontNotFoundError: no such font is installed (message names the package).
    """
    face = _first_match(_MONOSPACE, "en")
    if face is None:
        raise FontNotFoundError(
            "no Unicode monospaced font found through fontconfig; the PDF needs one: "
            "apt-get install fonts-dejavu-core (Debian/Ubuntu), then run the export again"
        )
    return face


def font_for(language: str) -> FontFace:
    """The embedded font a script in ``language`` needs (CJK for Chinese, monospaced otherwise)."""
    return cjk_font(language) if is_chinese(language) else monospace_font()


def _first_match(families: tuple[str, ...], lang: str) -> FontFace | None:
    for family in families:
        face = _fc_match(f"{family}:lang={lang}:style=Regular", lang)
        if face is not None:
            return face
    return None


def _fc_match(pattern: str, lang: str) -> FontFace | None:
    """What fontconfig offers for ``pattern``, or None when it does not cover ``lang`` (or no fontconfig)."""
    try:
        result = subprocess.run(
            ["fc-match", "--format", "%{file}\\n%{index}\\n%{family[0]}\\n%{lang}", pattern],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    fields = result.stdout.split("\n")
    if result.returncode != 0 or len(fields) < 4:
        return None
    file, index, family, coverage = fields[0], fields[1], fields[2], fields[3]
    path = Path(file)
    if lang not in coverage.split("|") or path.suffix.lower() not in EMBEDDABLE_SUFFIXES or not path.is_file():
        return None
    return FontFace(path=path, index=int(index) if index.isdigit() else 0, family=family)
