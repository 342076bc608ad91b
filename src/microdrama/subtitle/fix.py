"""Deterministic auto-fixes where they are safe: re-break, split, snap, extend, close gaps, merge.

Each fix moves a cue only within room the rules leave (never over the next cue's in-time minus two
frames, never past 7 s), so fixing one rule does not break another; what cannot be fixed is reported.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from microdrama.model.subtitles import Cue
from microdrama.subtitle.cues import renumber, share_time
from microdrama.subtitle.linebreak import break_lines, dual_lines, halve, split_text
from microdrama.subtitle.qc import display_chars, is_dual, joined
from microdrama.subtitle.rules import Limits


def _set(cue: Cue, **update: object) -> Cue:
    return cue.model_copy(update=update)


def fix_text(cue: Cue, limits: Limits, protected: Sequence[str], fixes: Counter[str]) -> list[Cue]:
    """Ellipsis and line breaks; a cue too long for two lines becomes several (time shared by length)."""
    lines = list(cue.lines)
    ellipsis = "⋯" if limits.chinese else "…"
    replaced = [
        line.replace("……", ellipsis).replace("...", ellipsis).replace("…", ellipsis)
        if limits.chinese
        else line.replace("...", ellipsis)
        for line in lines
    ]
    if replaced != lines:
        fixes["ellipsis"] += 1
        lines = replaced
    if is_dual(cue):
        return [_set(cue, lines=lines)]
    text = joined(lines, limits)
    if not text.strip():
        fixes["drop-empty"] += 1
        return []
    rows = break_lines(text, limits, protected)
    if rows is not None:
        if rows != lines:
            fixes["re-break"] += 1
        return [_set(cue, lines=rows)]
    pieces = split_text(text, limits, protected)
    spans = share_time(cue.start_ms, cue.end_ms, [max(1, len(p)) for p in pieces])
    fixes["split-long-text"] += len(pieces) > 1
    return [
        _set(cue, start_ms=s, end_ms=e, lines=break_lines(p, limits, protected) or [p])
        for p, (s, e) in zip(pieces, spans, strict=True)
    ]


def fix_max_duration(cue: Cue, limits: Limits, protected: Sequence[str], fixes: Counter[str]) -> list[Cue]:
    """A cue over 7 s: split at punctuation when its text has more than one piece, else shortened."""
    if cue.duration_ms <= limits.max_duration_ms:
        return [cue]
    halves = None if is_dual(cue) else halve(joined(cue.lines, limits), limits.chinese, protected, limits)
    if halves is not None:
        fixes["split-long-duration"] += 1
        spans = share_time(cue.start_ms, cue.end_ms, [max(1, len(p)) for p in halves])
        out = [
            _set(cue, start_ms=s, end_ms=e, lines=break_lines(p, limits, protected) or [p])
            for p, (s, e) in zip(halves, spans, strict=True)
        ]
        return [c for part in out for c in fix_max_duration(part, limits, protected, fixes)]
    fixes["shorten"] += 1
    return [_set(cue, end_ms=cue.start_ms + limits.max_duration_ms)]


def snap_to_shots(cues: list[Cue], limits: Limits, shots: Sequence[int], fixes: Counter[str]) -> list[Cue]:
    """Netflix shot-change rules as SubtitleEdit implements them (craft.md §4.2)."""
    if not shots:
        return cues
    window = round(limits.fps / 2)
    frame = 1000 / limits.fps
    out = []
    for cue in cues:
        start, end = cue.start_ms, cue.end_ms
        for shot in shots:
            delta = (start - shot) / frame
            if 0 < delta < window:
                start = shot  # in-cue just after a change: on the change
            elif -0.75 * window < delta < 0:
                start = shot  # in-cue 1..0.75·window−1 frames before: on the change
            elif -window < delta <= -0.75 * window:
                start = shot - round(window * frame)  # further before: half a second before
            target = shot - limits.min_gap_ms
            if abs(end - shot) < window * frame and abs(end - target) > 1 and target - start >= limits.min_duration_ms:
                end = target
        if (start, end) != (cue.start_ms, cue.end_ms) and end > start:
            fixes["shot-snap"] += 1
            out.append(_set(cue, start_ms=start, end_ms=end))
        else:
            out.append(cue)
    return out


def _needed_ms(cue: Cue, limits: Limits, cps: float) -> int:
    return max(limits.min_duration_ms, math.ceil(display_chars(cue, limits) * 1000 / cps))


def fix_gaps_and_lengths(cues: list[Cue], limits: Limits, fixes: Counter[str]) -> list[Cue]:
    """Minimum gap, closed short gaps, then minimum duration and reading speed by extending into gaps."""
    cues = list(cues)
    for i in range(len(cues) - 1):
        cue, nxt = cues[i], cues[i + 1]
        gap = nxt.start_ms - cue.end_ms
        if gap < limits.min_gap_ms and nxt.start_ms - limits.min_gap_ms > cue.start_ms:
            cues[i] = _set(cue, end_ms=nxt.start_ms - limits.min_gap_ms)
            fixes["gap"] += 1
        elif limits.min_gap_ms + 1 < gap < limits.close_gap_ms:
            cues[i] = _set(cue, end_ms=min(nxt.start_ms - limits.min_gap_ms, cue.start_ms + limits.max_duration_ms))
            fixes["close-gap"] += 1
    for i, cue in enumerate(cues):
        limit_end = cue.start_ms + limits.max_duration_ms
        if i + 1 < len(cues):
            limit_end = min(limit_end, cues[i + 1].start_ms - limits.min_gap_ms)
        for speed, name in ((limits.max_cps, "extend"), (limits.target_cps, "extend-target")):
            wanted = cue.start_ms + _needed_ms(cue, limits, speed)
            if cue.end_ms < wanted and limit_end > cue.end_ms:
                cue = _set(cue, end_ms=min(wanted, limit_end))
                fixes[name] += 1
        cues[i] = cue
    return cues


def _short(cue: Cue, limits: Limits) -> bool:
    return cue.duration_ms < _needed_ms(cue, limits, limits.max_cps)


def _merge(a: Cue, b: Cue, limits: Limits, protected: Sequence[str]) -> Cue | None:
    """``a`` and ``b`` as one cue, or None when the text or the duration would not fit."""
    if b.end_ms - a.start_ms > limits.max_duration_ms:
        return None
    same = a.speakers == b.speakers or not a.speakers or not b.speakers
    if same:
        rows = break_lines(
            joined(a.lines, limits) + ("" if limits.chinese else " ") + joined(b.lines, limits), limits, protected
        )
    elif len(a.speakers) == 1 and len(b.speakers) == 1:
        rows = dual_lines(joined(a.lines, limits), joined(b.lines, limits), limits)
    else:
        rows = None
    if rows is None:
        return None
    speakers = list(dict.fromkeys(a.speakers + b.speakers)) if same else a.speakers + b.speakers
    return _set(a, end_ms=b.end_ms, lines=rows, speakers=speakers, line_ids=a.line_ids + b.line_ids)


def merge_short(cues: list[Cue], limits: Limits, protected: Sequence[str], fixes: Counter[str]) -> list[Cue]:
    """A cue still too short (or too fast) after extending is merged with its next, else its previous cue."""
    cues = list(cues)
    i = 0
    while i < len(cues):
        if _short(cues[i], limits):
            if i + 1 < len(cues) and (merged := _merge(cues[i], cues[i + 1], limits, protected)) is not None:
                cues[i : i + 2] = [merged]
                fixes["merge"] += 1
                continue
            if i > 0 and (merged := _merge(cues[i - 1], cues[i], limits, protected)) is not None:
                cues[i - 1 : i + 1] = [merged]
                fixes["merge"] += 1
                i -= 1
                continue
        i += 1
    return cues


def borrow_time(cues: list[Cue], limits: Limits, fixes: Counter[str]) -> list[Cue]:
    """A cue still too short takes up to half a second from a neighbour that has time to spare.

    First its in-time moves earlier into the previous cue's tail, then the next cue's in-time moves
    later; neither neighbour drops below what it needs itself. This anticipates or delays audio by
    at most half a second, which the timing guide tolerates better than a flash subtitle.
    """
    cues = list(cues)
    window = limits.close_gap_ms
    for i, cue in enumerate(cues):
        missing = _needed_ms(cue, limits, limits.max_cps) - cue.duration_ms
        if missing <= 0:
            continue
        if i > 0:
            prev = cues[i - 1]
            spare = prev.duration_ms - _needed_ms(prev, limits, limits.max_cps)
            take = min(missing, spare, window)
            if take > 0:
                cues[i - 1] = _set(prev, end_ms=prev.end_ms - take)
                cue = _set(cue, start_ms=cue.start_ms - take)
                missing -= take
        if missing > 0 and i + 1 < len(cues):
            nxt = cues[i + 1]
            spare = nxt.duration_ms - _needed_ms(nxt, limits, limits.max_cps)
            take = min(missing, spare, window)
            if take > 0:
                cues[i + 1] = _set(nxt, start_ms=nxt.start_ms + take)
                cue = _set(cue, end_ms=cue.end_ms + take)
        if cue is not cues[i]:
            fixes["borrow"] += 1
            cues[i] = cue
    return cues


def autofix(
    cues: Iterable[Cue], limits: Limits, protected: Iterable[str] = (), shots: Sequence[int] = ()
) -> tuple[list[Cue], dict[str, int]]:
    """The cues with every safe fix applied, and how often each fix applied (sorted by name)."""
    protected = tuple(protected)
    fixes: Counter[str] = Counter()
    out = [fixed for cue in cues for fixed in fix_text(cue, limits, protected, fixes)]
    out = [part for cue in out for part in fix_max_duration(cue, limits, protected, fixes)]
    out = snap_to_shots(renumber(out), limits, shots, fixes)
    for _ in range(3):
        out = fix_gaps_and_lengths(renumber(out), limits, fixes)
        merged = merge_short(out, limits, protected, fixes)
        if len(merged) == len(out):
            break
        out = merged
    out = fix_gaps_and_lengths(renumber(out), limits, fixes)
    out = borrow_time(out, limits, fixes)
    return renumber(out), dict(sorted((k, v) for k, v in fixes.items() if v))
