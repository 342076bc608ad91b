"""WebVTT (.vtt) subtitles for web players, written with the escapes the W3C spec requires."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from microdrama.errors import FormatError
from microdrama.model.subtitles import Cue
from microdrama.timecode import hms

_TIME = re.compile(r"^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$")
_TAG = re.compile(r"<[^>]*>")


def timestamp(ms: int) -> str:
    """``HH:MM:SS.mmm``.

    >>> timestamp(3723004)
    '01:02:03.004'
    """
    return hms(ms)


def _ms(stamp: str, where: str) -> int:
    found = _TIME.match(stamp.strip())
    if not found:
        raise FormatError(f"{where}: bad WebVTT timestamp {stamp!r}")
    hours, minutes, seconds, millis = (int(g or 0) for g in found.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def write_cues(cues: Iterable[Cue], language: str = "") -> str:
    """WebVTT text of ``cues``; ``language`` goes in the header as a ``Language:`` note."""
    out = ["WEBVTT" + (f"\nLanguage: {language}" if language else ""), ""]
    for number, cue in enumerate(cues, start=1):
        out.append(str(number))
        out.append(f"{timestamp(cue.start_ms)} --> {timestamp(cue.end_ms)} line:74%")
        out.extend(html.escape(row, quote=False) for row in cue.lines)
        out.append("")
    return "\n".join(out) + "\n"


def read_cues(text: str, *, where: str = "<vtt>") -> list[Cue]:
    """Cues of a WebVTT file (settings, styles, notes and markup tags dropped)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("WEBVTT"):
        raise FormatError(f"{where}: a WebVTT file must start with 'WEBVTT'")
    cues: list[Cue] = []
    for block in re.split(r"\n{2,}", text.strip())[1:]:
        rows = block.split("\n")
        arrow = next((i for i, row in enumerate(rows) if "-->" in row), None)
        if arrow is None:
            continue  # NOTE, STYLE or REGION block
        start, _, rest = rows[arrow].partition("-->")
        end = rest.strip().split()[0] if rest.strip() else ""
        lines = [html.unescape(_TAG.sub("", row)).strip() for row in rows[arrow + 1 :]]
        lines = [row for row in lines if row]
        if lines:
            cues.append(Cue(index=len(cues) + 1, start_ms=_ms(start, where), end_ms=_ms(end, where), lines=lines))
    return cues
