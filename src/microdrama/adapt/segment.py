"""Cutting the story into episodes: how many, where each one ends, which events each one keeps.

Works on plain numbers (per-event runtime and tension, in story order) so a better optimiser — a DP
over cut points with cliffhanger scoring — can replace :func:`choose_cuts` without touching the rest.
"""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass

#: an episode may run this much over or under its target
TOLERANCE = 0.10
#: the furthest a cut may move from its ideal position, as a share of one episode's material
MAX_WINDOW_SHARE = 0.3


@dataclass(frozen=True)
class Segmentation:
    """Episodes as index ranges over the events, with the events each keeps."""

    bounds: list[tuple[int, int]]
    """Per episode: (first, one past last) event index of its contiguous stretch of the story."""
    kept: list[list[int]]
    """Per episode: indices of the events it plays, in story order (the rest of its stretch is cut)."""


def episode_count(costs: list[int], requested: int, episode_ms: int) -> tuple[int, list[str]]:
    """How many episodes the material can fill, at most ``requested``; with notes when fewer.

    A book fills ``n`` episodes when each gets at least ``1 - TOLERANCE`` of the target runtime and at
    least one event.

    >>> episode_count([30_000] * 10, 3, 90_000)
    (3, [])
    >>> episode_count([30_000] * 10, 8, 90_000)[0]
    3
    """
    if requested < 1:
        raise ValueError(f"episodes must be at least 1, got {requested}")
    total = sum(costs)
    fillable = max(1, int(total // (episode_ms * (1 - TOLERANCE))))
    count = min(requested, len(costs), fillable)
    notes: list[str] = []
    if count < requested:
        why = (
            f"the book has {len(costs)} events"
            if count == len(costs) and len(costs) < fillable
            else f"the book's dialogue and condensed action fill about {total // 1000} s"
        )
        notes.append(
            f"Reduced the series from {requested} to {count} episodes: {why}, "
            f"not enough for {requested} episodes of {episode_ms // 1000} s."
        )
    return count, notes


def capped_costs(costs: list[int], episode_ms: int) -> list[int]:
    """Event runtimes capped at one episode: the writer condenses a longer event to fit."""
    return [min(cost, episode_ms) for cost in costs]


def choose_cuts(costs: list[int], tensions: list[float], count: int, episode_ms: int) -> list[tuple[int, int]]:
    """Split events ``0..len(costs)`` into ``count`` contiguous non-empty runs of about equal runtime.

    Each cut goes after the most tense event within a window around its ideal position; the window
    narrows when the book has little more material than the series needs, so that runtimes stay
    within tolerance, and widens (up to :data:`MAX_WINDOW_SHARE` of an episode) when events will be cut
    anyway. Returns (start, stop) index pairs.

    >>> choose_cuts([10, 10, 10, 10], [0.1, 0.9, 0.1, 0.2], 2, 10)
    [(0, 2), (2, 4)]
    """
    size = len(costs)
    if not 1 <= count <= size:
        raise ValueError(f"cannot cut {size} events into {count} episodes")
    ends = list(itertools.accumulate(costs))  # ends[i]: runtime up to the end of event i
    share = ends[-1] / count
    window = max(0.0, min(MAX_WINDOW_SHARE * share, (share - (1 - TOLERANCE) * episode_ms) / 2))
    bounds: list[tuple[int, int]] = []
    first = 0
    for k in range(1, count):
        ideal = k * share
        lowest, highest = first, size - 1 - (count - k)  # last event of episode k, leaving one per later one
        lo = max(lowest, bisect.bisect_left(ends, ideal - window))
        hi = min(highest, bisect.bisect_right(ends, ideal + window) - 1)
        if lo > hi:  # nothing inside the window: take the allowed event nearest the ideal point
            nearest = min(max(bisect.bisect_left(ends, ideal), lowest), highest)
            candidates = [i for i in (nearest - 1, nearest) if lowest <= i <= highest]
        else:
            candidates = list(range(lo, hi + 1))
        last = min(candidates, key=lambda i: (-tensions[i], abs(ends[i] - ideal), i))
        bounds.append((first, last + 1))
        first = last + 1
    bounds.append((first, size))
    return bounds


def select_events(
    start: int, stop: int, costs: list[int], scores: list[float], episode_ms: int
) -> list[int]:
    """Indices in ``start..stop`` an episode plays: all when they fit, else the best-scoring ones.

    The last event (the cliffhanger the cut was placed after) is always kept; the others are taken in
    order of ``scores`` while the runtime stays under the target plus tolerance — or, while the episode
    is still under the target minus tolerance, whatever their runtime: the writer then trims the
    least important lines, which keeps the episode full.

    >>> select_events(0, 4, [50, 50, 50, 50], [0.9, 0.1, 0.5, 0.0], 100)
    [0, 3]
    >>> select_events(0, 3, [30, 80, 80], [0.1, 0.9, 0.0], 100)
    [1, 2]
    """
    limit = episode_ms * (1 + TOLERANCE)
    floor = episode_ms * (1 - TOLERANCE)
    indices = list(range(start, stop))
    if sum(costs[i] for i in indices) <= limit:
        return indices
    last = stop - 1
    kept = {last}
    total = costs[last]
    for i in sorted(indices[:-1], key=lambda i: (-scores[i], i)):
        if total + costs[i] <= limit or total < floor:
            kept.add(i)
            total += costs[i]
    return sorted(kept)


def segment(
    costs: list[int], tensions: list[float], scores: list[float], count: int, episode_ms: int
) -> Segmentation:
    """Cut into ``count`` episodes (see :func:`choose_cuts`) and choose each one's events.

    Events are only dropped when the book holds clearly more than the series can show; otherwise
    every event is played and the writer trims lines to fit each episode.
    """
    capped = capped_costs(costs, episode_ms)
    bounds = choose_cuts(capped, tensions, count, episode_ms)
    if sum(capped) <= count * episode_ms * (1 + TOLERANCE):
        return Segmentation(bounds=bounds, kept=[list(range(a, b)) for a, b in bounds])
    kept = [select_events(a, b, capped, scores, episode_ms) for a, b in bounds]
    return Segmentation(bounds=bounds, kept=kept)


def paywall_episode(end_tensions: list[float], requested: int) -> tuple[int | None, list[str]]:
    """Episode number carrying the paywall, with notes on what was decided.

    ``requested`` > 0 is honoured (clamped to the series); 0 picks, among episodes 10 %–20 % into the
    series (8–16 of 80), the one ending most tensely. Series under 5 episodes get none.

    >>> paywall_episode([0.1] * 7 + [0.2, 0.9, 0.3] + [0.1] * 70, 0)
    (9, [])
    >>> paywall_episode([0.5, 0.5], 0)
    (None, [])
    """
    count = len(end_tensions)
    if requested > 0:
        if requested <= count:
            return requested, []
        return count, [f"Paywall episode {requested} is past the last episode; moved to episode {count}."]
    if count < 5:
        return None, []
    lo = max(1, math.ceil(count * 0.1))
    hi = max(lo, int(count * 0.2 + 0.5))
    best = max(range(lo, hi + 1), key=lambda n: (end_tensions[n - 1], -n))
    return best, []


def cold_open_event(tensions: list[float], importances: list[float], first_episode_stop: int) -> int | None:
    """Index of the event flashed forward at the top of episode 1: the most tense of the later half.

    >>> cold_open_event([0.1, 0.2, 0.3, 0.9, 0.4, 0.8], [0.5] * 6, 2)
    3
    """
    size = len(tensions)
    candidates = [i for i in range(max(size // 2, first_episode_stop), size)]
    if not candidates:
        return None
    return min(candidates, key=lambda i: (-tensions[i], -importances[i], i))
