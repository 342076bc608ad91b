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
    else the most valuable ones that do (ties keep the earlier event).

    >>> select_events([10, 10, 10, 10], [0.9, 0.1, 0.5, 0.0], 25)
    [0, 2]
    >>> select_events([10, 10], [0.1, 0.2], 100)
    [0, 1]
    """
    if sum(shortest) <= budget_ms:
        return list(range(len(shortest)))
    kept: list[int] = []
    total = 0
    for i in sorted(range(len(shortest)), key=lambda i: (-values[i], i)):
        if total + shortest[i] <= budget_ms:
            kept.append(i)
            total += shortest[i]
    return sorted(kept)


def _miss(low: int, high: int, target: int) -> float:
    """How far the runtime range ``low..high`` lies outside ``target`` ± tolerance, as a share of it.

    The range is first narrowed by the estimate's margins: the writer always keeps an episode's
    first and last speech (:data:`PROTECTED_MS`), and a full event may write up to
    ``1 - FULL_SAFETY`` shorter than estimated.
    """
    low += PROTECTED_MS
    high = int(high * FULL_SAFETY)
    if high < target * (1 - TOLERANCE):
        return (target * (1 - TOLERANCE) - high) / target
    if low > target * (1 + TOLERANCE):
        return (low - target * (1 + TOLERANCE)) / target
    return 0.0


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
    episode, which ends the story) ``+ W_HOOK·hook[a]`` (not for the first), minus
    ``INFEASIBLE·miss/0.1`` when its runtime range ``[Σshortest, Σfullest]`` cannot meet
    ``targets[j]`` ± tolerance, minus ``W_EVEN·|log(Σfullest / fair share)|``. Returns (start, stop)
    pairs.

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
    fair = max(1.0, hi_sum[size] / max(1, sum(targets))) if targets else 1.0
    neg = -math.inf
    # best[j][b]: best score of episodes 0..j-1 covering events 0..b-1; back[j][b]: start of episode j-1
    best = [[neg] * (size + 1) for _ in range(count + 1)]
    back = [[0] * (size + 1) for _ in range(count + 1)]
    best[0][0] = 0.0
    for j in range(1, count + 1):
        target = targets[j - 1]
        cap = target * (1 + TOLERANCE)
        row, prev = best[j], best[j - 1]
        first_b, last_b = j, size - (count - j)
        a_min = j - 1
        for b in range(first_b, last_b + 1):
            end_bonus = W_CLIFF * cliff[b - 1] if j < count else 0.0
            top = neg
            top_a = b - 1
            a = b - 1
            # walk the start back while the episode could still be feasible (plus one step past)
            while a >= a_min:
                if prev[a] != neg:
                    low, high = lo_sum[b] - lo_sum[a], hi_sum[b] - hi_sum[a]
                    miss = _miss(low, high, target)
                    value = prev[a] + end_bonus + (W_HOOK * hook[a] if j > 1 else 0.0)
                    value -= INFEASIBLE * miss / TOLERANCE
                    value -= W_EVEN * abs(math.log(max(high, 1) / (target * fair)))
                    if value > top:
                        top, top_a = value, a
                if lo_sum[b] - lo_sum[a] + PROTECTED_MS > cap:
                    break  # starting earlier only overfills more
                a -= 1
            row[b] = top
            back[j][b] = top_a
    bounds: list[tuple[int, int]] = []
    b = size
    for j in range(count, 0, -1):
        a = back[j][b]
        bounds.append((a, b))
        b = a
    bounds.reverse()
    return bounds


def short_episodes(cuts: list[tuple[int, int]], fullest: list[int], targets: list[int]) -> int:
    """How many episodes of ``cuts`` cannot reach their target minus tolerance even in full."""
    return sum(
        1 for (a, b), target in zip(cuts, targets, strict=True)
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


def paywall_episode(
    end_tensions: list[float], rises: list[float], requested: int
) -> tuple[int | None, list[str]]:
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
