"""Cues every subtitle format test round-trips: Chinese, English, two speakers, characters that need escaping."""

from __future__ import annotations

from microdrama.model import Cue


def sample_cues() -> list[Cue]:
    """Four cues with odd millisecond times, two lines, a dual-speaker cue and & < > in the text."""
    return [
        Cue(index=1, start_ms=1001, end_ms=2345, lines=["阿念，你又瘦了，", "快进屋，别让整条街都看见。"]),
        Cue(index=2, start_ms=2412, end_ms=4000, lines=["-Who is it?", "-Police."], speakers=["A", "B"]),
        Cue(index=3, start_ms=61_005, end_ms=63_999, lines=["Tom & Jerry <3 the sea > land"]),
        Cue(index=4, start_ms=3_600_000, end_ms=3_601_500, lines=["–谁？", "–警察。"]),
    ]


def same_text_and_times(read: list[Cue], written: list[Cue], *, precision_ms: int = 1) -> bool:
    """Rows equal and times equal to ``precision_ms`` (ASS keeps centiseconds)."""
    if len(read) != len(written):
        return False
    for a, b in zip(read, written, strict=True):
        if a.lines != b.lines:
            return False
        if abs(a.start_ms - b.start_ms) >= precision_ms or abs(a.end_ms - b.end_ms) >= precision_ms:
            return False
    return True
