"""The check: every rule of :mod:`subtitle.rules` applied to every cue, each violation with cue number and time."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from microdrama.model.subtitles import Cue, Violation
from microdrama.subtitle.linebreak import dash_prefix, protected_spans
from microdrama.subtitle.rules import RULES_BY_ID, Limits


def display_chars(cue: Cue, limits: Limits) -> int:
    """Characters a viewer reads (line breaks excluded; spaces excluded for Chinese)."""
    text = "".join(cue.lines)
    return len(text.replace(" ", "")) if limits.chinese else len(text)


def cps(cue: Cue, limits: Limits) -> float:
    """Reading speed of the cue in characters per second."""
    return display_chars(cue, limits) * 1000 / max(1, cue.duration_ms)


def is_dual(cue: Cue) -> bool:
    """True when the cue shows two speeches (two speakers), one per line."""
    return len(cue.speakers) >= 2 and len(cue.lines) == 2


def joined(lines: Sequence[str], limits: Limits) -> str:
    """The cue's rows as one run of text (space-joined for alphabetic scripts)."""
    return ("" if limits.chinese else " ").join(line.strip() for line in lines)


def _violation(rule: str, cue: Cue, message: str) -> Violation:
    return Violation(
        rule=rule, severity=RULES_BY_ID[rule].severity, cue=cue.index, start_ms=cue.start_ms, message=message
    )


def check_cue_text(cue: Cue, limits: Limits, protected: Iterable[str] = ()) -> list[Violation]:
    """The text rules (lines, characters, names, dashes, ellipsis) for one cue."""
    found: list[Violation] = []
    if not "".join(cue.lines).strip():
        return [_violation("E-EMPTY", cue, "cue shows no text")]
    if len(cue.lines) > limits.max_lines:
        found.append(_violation("L-LINES", cue, f"{len(cue.lines)} lines > {limits.max_lines}"))
    longest = max(len(line) for line in cue.lines)
    if longest > limits.max_chars:
        found.append(_violation("L-CHARS", cue, f"line of {longest} characters > {limits.max_chars}"))
    elif longest > limits.target_chars:
        found.append(_violation("L-CHARS-TARGET", cue, f"line of {longest} characters > target {limits.target_chars}"))
    dual = is_dual(cue)
    if len(cue.lines) == 2 and not dual:
        top, bottom = cue.lines
        if len(joined(cue.lines, limits)) <= limits.target_chars:
            found.append(_violation("L-ONE-LINE", cue, f"{len(joined(cue.lines, limits))} characters fit on one line"))
        if len(top) > len(bottom):
            found.append(_violation("L-BOTTOM-HEAVY", cue, f"top line {len(top)} > bottom line {len(bottom)}"))
        text = joined(cue.lines, limits)
        cut = len(top.strip())
        for start, end in protected_spans(text, protected):
            if start < cut < end:
                found.append(_violation("L-NAME", cue, f"line break inside {text[start:end]!r}"))
                break
    if dual:
        dash = dash_prefix(limits.chinese)
        if not all(line.startswith(dash) and not line.startswith(dash + " ") for line in cue.lines):
            found.append(_violation("L-DASH", cue, f"two speakers: each line must open with {dash!r} (no space)"))
    text = "".join(cue.lines)
    if limits.chinese and ("..." in text or "……" in text or "…" in text):
        found.append(_violation("P-ELLIPSIS", cue, "use '⋯' for an ellipsis"))
    if not limits.chinese and "..." in text:
        found.append(_violation("P-ELLIPSIS", cue, "use the single character '…' (U+2026), not '...'"))
    return found


def check_cue_timing(cue: Cue, following: Cue | None, limits: Limits, shots: Sequence[int] = ()) -> list[Violation]:
    """The timing rules for one cue (``following`` is the next cue, for the gap rules)."""
    found: list[Violation] = []
    if cue.duration_ms < limits.min_duration_ms:
        found.append(_violation("T-MIN-DUR", cue, f"{cue.duration_ms} ms < {limits.min_duration_ms} ms"))
    if cue.duration_ms > limits.max_duration_ms:
        found.append(_violation("T-MAX-DUR", cue, f"{cue.duration_ms} ms > {limits.max_duration_ms} ms"))
    speed = cps(cue, limits)
    if speed > limits.max_cps + 1e-9:
        found.append(_violation("T-CPS", cue, f"{speed:.1f} characters/s > {limits.max_cps:g}"))
    elif speed > limits.target_cps + 1e-9:
        found.append(_violation("T-CPS-TARGET", cue, f"{speed:.1f} characters/s > target {limits.target_cps:g}"))
    if following is not None:
        gap = following.start_ms - cue.end_ms
        if gap < limits.min_gap_ms:
            what = "overlaps the next cue" if gap < 0 else f"gap of {gap} ms to the next cue"
            found.append(_violation("T-GAP", cue, f"{what} < 2 frames ({limits.min_gap_ms} ms)"))
        elif limits.min_gap_ms + 1 < gap < limits.close_gap_ms:
            found.append(
                _violation("T-CLOSE-GAP", cue, f"gap of {gap} ms < {limits.close_gap_ms} ms should close to 2 frames")
            )
    problem = shot_problem(cue, limits, shots)
    if problem:
        found.append(_violation("T-SHOT", cue, problem))
    return found


def shot_problem(cue: Cue, limits: Limits, shots: Sequence[int]) -> str | None:
    """Why an in- or out-time sits badly near a shot change, or None."""
    window = round(limits.fps / 2) * 1000 / limits.fps
    for shot in shots:
        if shot != cue.start_ms and abs(cue.start_ms - shot) < window:
            return f"in-time {cue.start_ms} ms is {abs(cue.start_ms - shot)} ms from the shot change at {shot} ms"
        if abs(shot - limits.min_gap_ms - cue.end_ms) > 1 and abs(cue.end_ms - shot) < window:
            return f"out-time {cue.end_ms} ms is {abs(cue.end_ms - shot)} ms from the shot change at {shot} ms"
    return None


def check(
    cues: Sequence[Cue], limits: Limits, protected: Iterable[str] = (), shots: Sequence[int] = ()
) -> list[Violation]:
    """Every violation of every cue, in cue order."""
    protected = tuple(protected)
    found: list[Violation] = []
    for i, cue in enumerate(cues):
        found.extend(check_cue_text(cue, limits, protected))
        found.extend(check_cue_timing(cue, cues[i + 1] if i + 1 < len(cues) else None, limits, shots))
    return found


def passing(cues: Sequence[Cue], violations: Iterable[Violation]) -> int:
    """Cues with no error-level violation."""
    failing = {v.cue for v in violations if v.severity == "error"}
    return sum(1 for cue in cues if cue.index not in failing)
