"""Fitting an episode to its runtime: drop the least important lines until it is within tolerance.

Only lines marked droppable go (narration first, then the speeches of minor characters in minor
events); the scene summaries, the hook, the cliffhanger and the cold open always stay. An episode with
too little material is left short: the offline writer never pads with invented lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from microdrama.model import Element, LineSource

#: an episode may run this much over or under its target
TOLERANCE = 0.10
#: within tolerance, lines still go while the episode runs more than this over its target
AIM = 0.02


@dataclass
class Draft:
    """A line being written: its script element, its source record, and how much it matters."""

    element: Element
    line: LineSource
    ms: int
    priority: float
    droppable: bool = True
    dropped: bool = False
    pinned: bool = False
    """Kept even when the episode cannot otherwise fit (the line that hooks it, its cliffhanger)."""
    event: str = ""
    """Id of the source event the line belongs to ('' for bridging lines)."""


def fit(drafts: list[Draft], fixed_ms: int, target_ms: int) -> int:
    """Mark drafts ``dropped`` until the total is within ``target_ms`` ± tolerance; return the total.

    ``fixed_ms`` is time no line accounts for (the cuts between scenes). Lowest priority goes first,
    later lines before earlier ones on ties; a drop that would leave the episode under tolerance is
    skipped in favour of a smaller one, and taken only when nothing else brings it nearer the target.
    Once within tolerance, an episode still over its target drops the lines that bring it nearer: the
    voiced runtime strays a few per cent either way from the estimate, so the estimate aims at the
    target itself, not at the tolerance's edge.

    >>> from microdrama.model import Element, LineSource
    >>> def d(ms, p): return Draft(Element(kind="action", text="x"), LineSource(text="x", start=0, end=0), ms, p)
    >>> lines = [d(5000, 0.9), d(5000, 0.1), d(2000, 0.2), d(1000, 0.5)]
    >>> fit(lines, 0, 10_000), [x.dropped for x in lines]
    (10000, [False, False, True, True])
    """
    total = fixed_ms + sum(d.ms for d in drafts if not d.dropped)
    high = target_ms * (1 + TOLERANCE)
    low = target_ms * (1 - TOLERANCE)
    order = sorted(
        (i for i, d in enumerate(drafts) if d.droppable and not d.dropped),
        key=lambda i: (drafts[i].priority, -i),
    )
    for i in order:
        if total <= high:
            break
        if total - drafts[i].ms >= low:
            drafts[i].dropped = True
            total -= drafts[i].ms
    for i in order:
        if total <= high:
            break
        if not drafts[i].dropped and abs(total - drafts[i].ms - target_ms) < abs(total - target_ms):
            drafts[i].dropped = True
            total -= drafts[i].ms
    return _aim(drafts, order, total, target_ms)


def _aim(drafts: list[Draft], order: list[int], total: int, target_ms: int) -> int:
    """Drop, lowest priority first, the lines that bring a total over ``target_ms`` (+ :data:`AIM`)
    nearer to it."""
    for i in order:
        if total <= target_ms * (1 + AIM):
            break
        if not drafts[i].dropped and abs(total - drafts[i].ms - target_ms) < total - target_ms:
            drafts[i].dropped = True
            total -= drafts[i].ms
    return total
