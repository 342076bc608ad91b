"""When each spoken line is heard: estimated from the script's durations, or read from the voice track.

The estimate lays the episode out in script order — every block (action, transition, dialogue) takes
its ``duration_ms`` — and a speech is heard for the time it takes to say (``text.speech_rate``), the
rest of its block being the breath after it. When ``voice/epNNN/timing.json`` exists its times replace
the estimate, matched by line id or, failing that, by order; shot changes come from the shot list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from microdrama.model.script import EpisodeScript
from microdrama.text.speech_rate import element_ms, speech_ms

#: Fountain emphasis (*italic*, **bold**, _underline_): subtitles show the words, not the marks
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def subtitle_text(text: str) -> str:
    r"""A speech as a subtitle shows it: one line, Fountain emphasis marks removed.

    >>> subtitle_text("_You_ are **dancing**\n with *me* at 3*4 on my_file")
    'You are dancing with me at 3*4 on my_file'
    """
    return " ".join(_EMPHASIS.sub(r"\2", text).split())


@dataclass(frozen=True)
class TimedLine:
    """One speech with its time on the episode's timeline."""

    id: str
    speaker: str
    text: str
    start_ms: int
    end_ms: int


def line_id(scene: int, element: int) -> str:
    """Stable id of a script element, as the storyboard and voice stages write it: ``002-005``."""
    return f"{scene:03d}-{element:03d}"


def estimate_lines(script: EpisodeScript) -> list[TimedLine]:
    """Dialogue lines of ``script`` placed on the timeline from the blocks' estimated durations."""
    lines: list[TimedLine] = []
    clock = 0
    for scene in script.scenes:
        scene_start = clock
        for number, element in enumerate(scene.elements, start=1):
            block = element.duration_ms or element_ms(element.kind, element.text, script.language)
            if element.kind == "dialogue" and element.text.strip():
                spoken = (
                    min(block, max(1, speech_ms(element.text, script.language)))
                    if block
                    else speech_ms(element.text, script.language)
                )
                lines.append(
                    TimedLine(
                        line_id(scene.number, number),
                        element.character or "",
                        subtitle_text(element.text),
                        clock,
                        clock + spoken,
                    )
                )
            clock += block
        clock = max(clock, scene_start + scene.duration_ms)
    return lines


def _number(value: Any) -> int | None:
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def voice_lines(script: EpisodeScript, data: bytes) -> list[TimedLine] | None:
    """The estimate with times taken from a voice ``timing.json``; None when it cannot be matched.

    Accepted shapes: the voice stage's ``Timing`` (``lines`` with ``id``, ``start_ms``, ``clip_ms`` or
    ``duration_ms``), or any list of objects with ``start_ms`` and ``end_ms``; lines of kind ``action``
    (narration) are skipped. Matched by id, else by order.
    """
    try:
        doc = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    items = doc.get("lines", doc.get("utterances")) if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        return None
    timed: list[tuple[str | None, int, int]] = []
    for item in items:
        if not isinstance(item, dict):
            return None
        if item.get("kind", "dialogue") != "dialogue":
            continue
        start, end = _number(item.get("start_ms")), _number(item.get("end_ms"))
        length = _number(item.get("clip_ms")) or _number(item.get("duration_ms"))
        if end is None and start is not None and length:
            end = start + length
        if start is None or end is None or end <= start:
            return None
        ident = item.get("id", item.get("line_id"))
        timed.append((str(ident) if ident is not None else None, start, end))
    estimate = estimate_lines(script)
    by_id = {ident: (start, end) for ident, start, end in timed if ident}
    if estimate and all(line.id in by_id for line in estimate):
        return [_retime(line, *by_id[line.id]) for line in estimate]
    if len(timed) == len(estimate):
        return [_retime(line, start, end) for line, (_, start, end) in zip(estimate, timed, strict=True)]
    return None


def _retime(line: TimedLine, start: int, end: int) -> TimedLine:
    return TimedLine(line.id, line.speaker, line.text, start, end)


def shot_changes(data: bytes) -> list[int]:
    """Times of shot changes (ms) from a shot list: each shot's ``start_ms``, or running ``duration_ms``.

    Accepted shapes: a list of shots, or an object whose ``shots`` is one (scenes holding ``shots`` are
    flattened). The first shot's start is not a change. Unreadable input gives no shot changes.
    """
    try:
        doc = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return []
    shots = _flatten_shots(doc)
    changes: list[int] = []
    clock = 0
    for shot in shots:
        start = _number(shot.get("start_ms"))
        if start is None:
            start = clock
        if start > 0:
            changes.append(start)
        duration = _number(shot.get("duration_ms"))
        end = _number(shot.get("end_ms"))
        clock = end if end is not None else start + (duration or 0)
    return sorted(set(changes))


def _flatten_shots(doc: Any) -> list[dict[str, Any]]:
    if isinstance(doc, dict):
        for key in ("shots", "scenes"):
            if isinstance(doc.get(key), list):
                return _flatten_shots(doc[key])
        return []
    if not isinstance(doc, list):
        return []
    out: list[dict[str, Any]] = []
    for item in doc:
        if isinstance(item, dict) and isinstance(item.get("shots"), list):
            out.extend(_flatten_shots(item["shots"]))
        elif isinstance(item, dict):
            out.append(item)
    return out
