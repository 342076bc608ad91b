"""Advanced SubStation Alpha (.ass) styled for 9:16 burn-in: 1080×1920, CJK font, inside the safe zone.

The style keeps text above the bottom UI band of TikTok/Douyin/Reels (bottom margin 460 px, so text
sits at y ≤ 1460) and away from the right-hand buttons (right margin 170 px), centred (craft.md §2.3, §4.4).
"""

from __future__ import annotations

from collections.abc import Iterable

import pysubs2

from microdrama.formats._subs import cjk_font, from_ssa, parse, to_ssa
from microdrama.model.subtitles import Cue

WIDTH, HEIGHT = 1080, 1920
MARGIN_BOTTOM = 460
MARGIN_LEFT = 108
MARGIN_RIGHT = 170


def style_for(language: str) -> pysubs2.SSAStyle:
    """The ``Default`` style for ``language``: white text, black outline, bottom-centre in the safe zone."""
    chinese = language.lower().startswith("zh")
    return pysubs2.SSAStyle(
        fontname=cjk_font(language),
        fontsize=60 if chinese else 54,
        primarycolor=pysubs2.Color(255, 255, 255, 0),
        outlinecolor=pysubs2.Color(0, 0, 0, 0),
        backcolor=pysubs2.Color(0, 0, 0, 128),
        bold=True,
        outline=4.0,
        shadow=1.0,
        alignment=pysubs2.Alignment.BOTTOM_CENTER,
        marginl=MARGIN_LEFT,
        marginr=MARGIN_RIGHT,
        marginv=MARGIN_BOTTOM,
    )


def write_cues(cues: Iterable[Cue], language: str = "") -> str:
    """ASS text of ``cues`` for a 1080×1920 video (times are kept to the centisecond, as ASS stores them)."""
    doc = to_ssa(cues)
    doc.info["Title"] = language or "subtitles"
    doc.info["PlayResX"] = str(WIDTH)
    doc.info["PlayResY"] = str(HEIGHT)
    doc.info["WrapStyle"] = "2"  # no automatic wrapping: our line breaks are the ones shown
    doc.info["ScaledBorderAndShadow"] = "yes"
    doc.styles = {"Default": style_for(language)}
    return doc.to_string("ass")


def read_cues(text: str, *, where: str = "<ass>") -> list[Cue]:
    """Cues of an ASS/SSA file (override tags dropped)."""
    return from_ssa(parse(text, "ass", where))
