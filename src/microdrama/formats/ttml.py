"""TTML1 (.ttml) subtitles, the delivery format of Netflix and EBU-TT-D style workflows (craft.md §4.1).

Written by hand rather than through pysubs2 so the file carries ``xml:lang``, a frame rate, a region in
the 9:16 safe zone and readable UTF-8 text; parsed with defusedxml (no entities, no network).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from microdrama.errors import FormatError
from microdrama.model.subtitles import Cue
from microdrama.timecode import hms

TT = "http://www.w3.org/ns/ttml"
TTS = "http://www.w3.org/ns/ttml#styling"
TTP = "http://www.w3.org/ns/ttml#parameter"
XML = "http://www.w3.org/XML/1998/namespace"
_CLOCK = re.compile(r"^(\d+):(\d{2}):(\d{2})(?:\.(\d+))?$")
_OFFSET = re.compile(r"^(\d+(?:\.\d+)?)(h|m|s|ms|f)$")


def clock(ms: int) -> str:
    """TTML clock time ``HH:MM:SS.mmm``.

    >>> clock(61_005)
    '00:01:01.005'
    """
    return hms(ms)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_cues(cues: Iterable[Cue], language: str = "", *, fps: int = 30) -> str:
    """TTML1 document of ``cues``: one ``<p>`` per cue, rows separated by ``<br/>``."""
    lang = language or "und"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tt xmlns="{TT}" xmlns:tts="{TTS}" xmlns:ttp="{TTP}" xml:lang="{_escape(lang)}" '
        f'ttp:timeBase="media" ttp:frameRate="{fps}" tts:extent="1080px 1920px">',
        "  <head>",
        "    <styling>",
        '      <style xml:id="s1" tts:textAlign="center" tts:color="white" tts:fontFamily="proportionalSansSerif" '
        'tts:fontSize="100%" tts:textOutline="black 3px"/>',
        "    </styling>",
        "    <layout>",
        '      <region xml:id="bottom" tts:origin="108px 1060px" tts:extent="802px 400px" tts:displayAlign="after"/>',
        "    </layout>",
        "  </head>",
        '  <body style="s1" region="bottom">',
        "    <div>",
    ]
    for number, cue in enumerate(cues, start=1):
        text = "<br/>".join(_escape(row) for row in cue.lines)
        out.append(f'      <p xml:id="c{number}" begin="{clock(cue.start_ms)}" end="{clock(cue.end_ms)}">{text}</p>')
    out += ["    </div>", "  </body>", "</tt>"]
    return "\n".join(out) + "\n"


def parse_time(value: str, fps: int, where: str) -> int:
    """Milliseconds of a TTML clock time (``HH:MM:SS.fff``, ``HH:MM:SS:FF``) or offset time (``1.5s``, ``12f``)."""
    value = value.strip()
    found = _CLOCK.match(value)
    if found:
        hours, minutes, seconds, fraction = found.groups()
        ms = round(float(f"0.{fraction}") * 1000) if fraction else 0
        return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + ms
    frames = re.match(r"^(\d+):(\d{2}):(\d{2}):(\d{2})$", value)
    if frames:
        hours, minutes, seconds, frame = (int(g) for g in frames.groups())
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + round(frame * 1000 / fps)
    found = _OFFSET.match(value)
    if found:
        number, unit = float(found.group(1)), found.group(2)
        factor = {"h": 3_600_000, "m": 60_000, "s": 1000, "ms": 1, "f": 1000 / fps}[unit]
        return round(number * factor)
    raise FormatError(f"{where}: bad TTML time {value!r}")


def _rows(p: Element) -> list[str]:
    rows, current = [], [p.text or ""]
    for child in p:
        if child.tag == f"{{{TT}}}br":
            rows.append("".join(current))
            current = []
        else:
            current.append("".join(child.itertext()))
        current.append(child.tail or "")
    rows.append("".join(current))
    return [" ".join(row.split()) for row in rows if row.strip()]


def read_cues(text: str, *, where: str = "<ttml>") -> list[Cue]:
    """Cues of a TTML document (every ``<p>`` with ``begin`` and ``end`` or ``dur``)."""
    try:
        root = SafeET.fromstring(text.encode("utf-8") if isinstance(text, str) else text)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise FormatError(f"{where}: not well-formed TTML ({exc})") from exc
    if root.tag != f"{{{TT}}}tt":
        raise FormatError(f"{where}: root element is {root.tag!r}, expected TTML <tt>")
    fps = int(root.get(f"{{{TTP}}}frameRate", "30") or 30)
    cues: list[Cue] = []
    for p in root.iter(f"{{{TT}}}p"):
        begin = p.get("begin")
        if begin is None:
            continue
        start = parse_time(begin, fps, where)
        if p.get("end") is not None:
            end = parse_time(p.get("end", ""), fps, where)
        elif p.get("dur") is not None:
            end = start + parse_time(p.get("dur", ""), fps, where)
        else:
            raise FormatError(f"{where}: <p begin={begin!r}> has neither end nor dur")
        rows = _rows(p)
        if rows:
            cues.append(Cue(index=len(cues) + 1, start_ms=start, end_ms=end, lines=rows))
    return cues
