"""Cues from timed lines: a speech too long for one cue is split at punctuation, its time shared by length."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from microdrama.model.subtitles import Cue
from microdrama.subtitle.linebreak import break_lines, split_text
from microdrama.subtitle.rules import Limits
from microdrama.subtitle.timeline import TimedLine


def share_time(start_ms: int, end_ms: int, weights: Sequence[int]) -> list[tuple[int, int]]:
    """Split ``start..end`` into consecutive spans proportional to ``weights`` (whole ms, no gaps).

    >>> share_time(0, 1000, [1, 3])
    [(0, 250), (250, 1000)]
    """
    total = sum(weights) or 1
    spans, done, clock = [], 0, start_ms
    for weight in weights:
        done += weight
        end = start_ms + round((end_ms - start_ms) * done / total)
        spans.append((clock, end))
        clock = end
    return spans


def build_cues(lines: Iterable[TimedLine], limits: Limits, protected: Iterable[str] = ()) -> list[Cue]:
    """One or more cues per line, in time order, numbered from 1, lines broken for ``limits``."""
    protected = tuple(protected)
    cues: list[Cue] = []
    for line in sorted(lines, key=lambda item: (item.start_ms, item.id)):
        pieces = split_text(line.text, limits, protected) if line.text.strip() else [""]
        for piece, (start, end) in zip(
            pieces, share_time(line.start_ms, line.end_ms, [max(1, len(p)) for p in pieces]), strict=True
        ):
            rows = break_lines(piece, limits, protected) or [piece]
            cues.append(
                Cue(
                    index=len(cues) + 1,
                    start_ms=start,
                    end_ms=end,
                    lines=rows,
                    speakers=[line.speaker] if line.speaker else [],
                    line_ids=[line.id],
                )
            )
    return cues


def renumber(cues: Iterable[Cue]) -> list[Cue]:
    """Cues sorted by time and numbered from 1."""
    ordered = sorted(cues, key=lambda cue: (cue.start_ms, cue.end_ms, cue.line_ids))
    return [cue if cue.index == i else cue.model_copy(update={"index": i}) for i, cue in enumerate(ordered, start=1)]
