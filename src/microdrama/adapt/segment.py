"""Cutting the story into episodes: how many, which events stay, and where each episode ends.

Works on plain numbers per event, in story order: the shortest and the fullest runtime the writer can
give it (summary only … summary, all dialogue and the narration's action), its value to the story and
the tension of its closing moments. Three steps:

1. :func:`episode_count` — as many episodes as asked, or as many as the material can fill.
2. :func:`select_events` — when even the shortest versions overfill the series, the least valuable
   events are cut (globally, so a dull stretch loses more than a dense one).
3. :func:`choose_cuts` — dynamic programming over cut points: the partition of the kept events into
   contiguous episodes that maximises the tension of every episode's last event (its cliffhanger)
   plus a smaller weight on the next episode's first event (its hook), with a penalty for an episode
   whose runtime cannot reach its target ± :data:`TOLERANCE` and a light one for uneven compression.
   The optimum is exact for that objective over all partitions in which no episode starts more than
   one event before the first start that overfills it (``O(episodes × events × window)``).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

#: an episode may run this much over or under its target
TOLERANCE = 0.10
#: when events must be cut, the shortest versions of those kept fill at most this share of the series
#: (the rest of the runtime goes to dialogue and action, so episodes are not strings of summaries)
MIN_SHARE = 0.6
#: objective weights: cliffhanger tension, hook tension, evenness of compression
W_CLIFF = 1.0
W_HOOK = 0.25
W_EVEN = 0.15
#: screen time of the two speeches the writer never drops (hook and cliffhanger lines)
PROTECTED_MS = 8_000
#: share of an event's estimated full runtime counted on when checking that an episode can be filled
FULL_SAFETY = 0.9
#: times the episode count is lowered when coarse events leave episodes short
RETRIES = 6
#: penalty for an episode whose runtime range misses the target ± tolerance, per 10 % of miss
INFEASIBLE = 10.0


@dataclass(frozen=True)
class Segmentation:
    """Episodes as index ranges over the events, with the events each keeps."""

    bounds: list[tuple[int, int]]
    """Per episode: (first, one past last) event index of its contiguous stretch of the story."""
    kept: list[list[int]]
    """Per episode: indices of the events it plays, in story order (the rest of its stretch is cut)."""


def episode_count(full: list[int], requested: int, episode_ms: int) -> tuple[int, list[str]]:
    """How many episodes the material can fill, at most ``requested``; with notes when fewer.

    A book fills ``n`` episodes when its fullest runtime gives each about its target (95 %) and each
    at least one event.

    >>> episode_count([30_000] * 10, 3, 90_000)
    (3, [])
    >>> episode_count([30_000] * 10, 8, 90_000)[0]
    3
    """
    if requested < 1:
        raise ValueError(f"episodes must be at least 1, got {requested}")
    total = sum(full)
    fillable = max(1, int(total // (episode_ms * (1 - TOLERANCE / 2))))
    count = min(requested, len(full), fillable)
    notes: list[str] = []
    if count < requested:
        why = (
            f"the book has {len(full)} events"
            if count == len(full) and len(full) < fillable
            else f"the book's dialogue and action fill about {total // 1000} s"
        )
        notes.append(
            f"Reduced the series from {requested} to {count} episodes: {why}, "
            f"not enough for {requested} episodes of {episode_ms // 1000} s."
        )
    return count, notes


def select_events(shortest: list[int], values: list[float], budget_ms: float) -> list[int]:
    """Indices of the events kept, in story order: all when their shortest runtimes fit ``budget_ms``,
    else the story's first and last events (its opening and its ending) and the most valuable others
    that fit (ties keep the earlier event).

    >>> select_events([10, 10, 10, 10, 10], [0.0, 0.9, 0.1, 0.5, 0.0], 35)
    [0, 1, 4]
    >>> select_events([10, 10], [0.1, 0.2], 100)
    [0, 1]
    """
    size = len(shortest)
    if sum(shortest) <= budget_ms:
        return list(range(size))
    ends = sorted({0, size - 1})
    kept: list[int] = list(ends)
    total = sum(shortest[i] for i in ends)
    for i in sorted(range(size), key=lambda i: (-values[i], i)):
        if i in ends:
            continue
        if total + shortest[i] <= budget_ms:
            kept.append(i)
            total += shortest[i]
    return sorted(kept)


def choose_cuts(
    shortest: list[int],
    fullest: list[int],
    cliff: list[float],
    hook: list[float],
    count: int,
    targets: list[int],
) -> list[tuple[int, int]]:
    """Partition events ``0..n`` into ``count`` contiguous non-empty episodes, optimally.

    Episode ``j`` (0-based) spanning events ``a..b-1`` scores ``W_CLIFF·cliff[b-1]`` (not for the last
    episode, which ends the story) ``+ W_HOOK·hook[a]`` (not for the first) ``−
    W_EVEN·|log(Σfullest / fair share)|``. An episode is *feasible* when its runtime range
    ``[Σshortest + PROTECTED_MS, Σfullest·FULL_SAFETY]`` meets ``targets[j]`` ± tolerance.

    First the exact optimum over partitions made only of feasible episodes is sought (a DP over cut
    points, each episode's possible starts found by bisection, so ``O(episodes × events × window)``).
    When no such partition exists (events too coarse or too uneven), infeasible episodes are allowed
    with a penalty of ``INFEASIBLE`` per 10 % of miss, the start of an episode then ranging back to one
    event past the first start that overfills it, and at least ``⌈n / count⌉ + 1`` events back (so
    every event is reachable). Returns (start, stop) pairs.

    >>> choose_cuts([10] * 4, [30] * 4, [0.1, 0.9, 0.1, 0.2], [0.0] * 4, 2, [60, 60])
    [(0, 2), (2, 4)]
    """
    size = len(shortest)
    if not 1 <= count <= size:
        raise ValueError(f"cannot cut {size} events into {count} episodes")
    lo_sum = [0] * (size + 1)
    hi_sum = [0] * (size + 1)
    for i in range(size):
        lo_sum[i + 1] = lo_sum[i] + shortest[i]
        hi_sum[i + 1] = hi_sum[i] + fullest[i]
    fair = max(1.0, hi_sum[size] / max(1, sum(targets)))
    tables = _dp(lo_sum, hi_sum, cliff, hook, count, targets, fair, hard=True)
    if tables is None:
        tables = _dp(lo_sum, hi_sum, cliff, hook, count, targets, fair, hard=False)
        assert tables is not None
    back = tables
    bounds: list[tuple[int, int]] = []
    b = size
    for j in range(count, 0, -1):
        a = back[j][b]
        bounds.append((a, b))
        b = a
    bounds.reverse()
    return bounds


def _dp(
    lo_sum: list[int],
    hi_sum: list[int],
    cliff: list[float],
    hook: list[float],
    count: int,
    targets: list[int],
    fair: float,
    *,
    hard: bool,
) -> list[list[int]] | None:
    """Back-pointers of the best partition (``back[j][b]``: start of episode ``j`` ending at ``b``),
    or None when ``hard`` and no partition of feasible episodes exists."""
    size = len(lo_sum) - 1
    neg = -math.inf
    prev = [neg] * (size + 1)
    prev[0] = 0.0
    back = [[0] * (size + 1) for _ in range(count + 1)]
    log = math.log
    reach = -(-size // count) + 1  # soft mode: an episode may always take this many events (covers all)
    for j in range(1, count + 1):
        target = targets[j - 1]
        cap = target * (1 + TOLERANCE) - PROTECTED_MS  # most shortest-runtime an episode holds
        floor = target * (1 - TOLERANCE) / FULL_SAFETY  # least fullest-runtime it needs
        fair_ms = target * fair
        row = [neg] * (size + 1)
        pointers = back[j]
        hook_weight = W_HOOK if j > 1 else 0.0
        for b in range(j, size - (count - j) + 1):
            end_bonus = W_CLIFF * cliff[b - 1] if j < count else 0.0
            # starts a with lo_sum[b] - lo_sum[a] <= cap (a >= first) and hi_sum[b] - hi_sum[a] >= floor
            first = bisect.bisect_left(lo_sum, lo_sum[b] - cap)
            last = bisect.bisect_right(hi_sum, hi_sum[b] - floor) - 1
            if hard:
                start, stop = max(first, j - 1), min(last, b - 1)
            else:
                start, stop = max(j - 1, min(first - 1, b - reach)), b - 1
            top, top_a = neg, -1
            high_b, low_b = hi_sum[b], lo_sum[b]
            for a in range(start, stop + 1):
                value = prev[a]
                if value == neg:
                    continue
                high = high_b - hi_sum[a]
                value += end_bonus + hook_weight * hook[a] - W_EVEN * abs(log(max(high, 1) / fair_ms))
                if not hard:
                    low = low_b - lo_sum[a]
                    miss = max(0.0, low - cap, floor - high) / target
                    value -= INFEASIBLE * miss / TOLERANCE
                if value > top:
                    top, top_a = value, a
            row[b] = top
            pointers[b] = top_a
        prev = row
    if prev[size] == neg:
        return None
    return back


def short_episodes(cuts: list[tuple[int, int]], fullest: list[int], targets: list[int]) -> int:
    """How many episodes of ``cuts`` cannot reach their target minus tolerance even in full."""
    return sum(
        1
        for (a, b), target in zip(cuts, targets, strict=True)
        if sum(fullest[a:b]) * FULL_SAFETY < target * (1 - TOLERANCE)
    )


def segment(
    shortest: list[int],
    fullest: list[int],
    values: list[float],
    cliff: list[float],
    hook: list[float],
    count: int,
    targets: list[int],
) -> Segmentation:
    """Select the events (see :func:`select_events`) and cut them into episodes (see
    :func:`choose_cuts`); ``bounds`` cover the whole story, cut events included.

    When the events are too coarse for ``count`` episodes to all reach their runtime (a book that
    only just fills the series, cut into few long events), fewer episodes are planned: the count
    drops by the number of short episodes, up to :data:`RETRIES` times, and the first plan without
    short episodes (else the one with fewest) wins. ``len(bounds)`` is the count chosen.
    """
    kept = select_events(shortest, values, MIN_SHARE * sum(targets))
    if len(kept) < count:  # never fewer events than episodes: keep the best ones
        kept = sorted(sorted(range(len(shortest)), key=lambda i: (-values[i], i))[:count])
    lows = [shortest[i] for i in kept]
    highs = [fullest[i] for i in kept]
    best: tuple[int, list[tuple[int, int]]] | None = None
    tries = 0
    while True:
        trial = targets[:1] + [targets[-1]] * (count - 1)
        cuts = choose_cuts(lows, highs, [cliff[i] for i in kept], [hook[i] for i in kept], count, trial)
        short = short_episodes(cuts, highs, trial)
        if best is None or short < best[0]:
            best = (short, cuts)
        tries += 1
        if short == 0 or count == 1 or tries > RETRIES:
            break
        count = max(1, count - max(1, short // 2))
    cuts = best[1]
    episodes = [kept[a:b] for a, b in cuts]
    bounds: list[tuple[int, int]] = []
    start = 0
    for number, chosen in enumerate(episodes):
        stop = len(shortest) if number == len(episodes) - 1 else chosen[-1] + 1
        bounds.append((start, stop))
        start = stop
    return Segmentation(bounds=bounds, kept=episodes)


def paywall_episode(end_tensions: list[float], rises: list[float], requested: int) -> tuple[int | None, list[str]]:
    """Episode number carrying the paywall, with notes on what was decided.

    ``requested`` > 0 is honoured (clamped to the series); 0 picks the strongest turning point among
    episodes 10 %–20 % into the series (8–16 of 80, craft.md §1.1 卡一): the episode whose ending is
    most tense, its rise over the episode before breaking ties. Series under 5 episodes get none.

    >>> paywall_episode([0.1] * 7 + [0.2, 0.9, 0.3] + [0.1] * 70, [0.0] * 80, 0)
    (9, [])
    >>> paywall_episode([0.5, 0.5], [0.0, 0.0], 0)
    (None, [])
    """
    count = len(end_tensions)
    if requested > 0:
        if requested <= count:
            return requested, []
        return count, [f"Paywall episode {requested} is past the last episode; moved to episode {count}."]
    if count < 5:
        return None, []
    lo = max(2, math.ceil(count * 0.1))
    hi = max(lo, int(count * 0.2 + 0.5))
    best = max(range(lo, hi + 1), key=lambda n: (end_tensions[n - 1] + 0.5 * rises[n - 1], -n))
    return best, []


def cold_open_event(tensions: list[float], importances: list[float], first_episode_stop: int) -> int | None:
    """Index of the event flashed forward at the top of episode 1: the most tense and important of
    the second half of the story (after episode 1).

    >>> cold_open_event([0.1, 0.2, 0.3, 0.9, 0.4, 0.8], [0.5] * 6, 2)
    3
    """
    size = len(tensions)
    candidates = [i for i in range(max(size // 2, first_episode_stop), size)]
    if not candidates:
        return None
    return min(candidates, key=lambda i: (-(tensions[i] + 0.5 * importances[i]), i))
