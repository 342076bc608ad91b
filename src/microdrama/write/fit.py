"""Fitting an episode to its runtime: drop the least important lines until it is within tolerance.

Only lines marked droppable go (narration first, then the speeches of minor characters in minor
events); the scene summaries, the hook, the cliffhanger and the cold open always stay. An episode with
too little material is left short: the offline writer never pads with invented lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from microdrama.model import Element, LineSource
from microdrama.text.speech_rate import current_engine, element_ms
from microdrama.text.tags import is_cjk

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
    total = runtime(drafts, fixed_ms)
    high = target_ms * (1 + TOLERANCE)
    low = target_ms * (1 - TOLERANCE)
    order = sorted(
        (i for i, d in enumerate(drafts) if d.droppable and not d.dropped),
        key=lambda i: (drafts[i].priority, -i),
    )
    for i in order:
        if total <= high:
            break
        if (after := _without(drafts, i, fixed_ms)) >= low:
            drafts[i].dropped, total = True, after
    for i in order:
        if total <= high:
            break
        if not drafts[i].dropped and abs((after := _without(drafts, i, fixed_ms)) - target_ms) < abs(total - target_ms):
            drafts[i].dropped, total = True, after
    return _aim(drafts, order, total, fixed_ms, target_ms)


def _aim(drafts: list[Draft], order: list[int], total: int, fixed_ms: int, target_ms: int) -> int:
    """Drop, lowest priority first, the lines that bring a total over ``target_ms`` (+ :data:`AIM`)
    nearer to it."""
    for i in order:
        if total <= target_ms * (1 + AIM):
            break
        if not drafts[i].dropped and abs((after := _without(drafts, i, fixed_ms)) - target_ms) < total - target_ms:
            drafts[i].dropped, total = True, after
    return total


def runtime(drafts: list[Draft], fixed_ms: int) -> int:
    """Runtime of the lines kept, as written: two speeches of one speaker in a row become one turn
    (``episode.merge_turns``), said in one breath — one clip and one pause fewer."""
    kept = [d for d in drafts if not d.dropped]
    return fixed_ms + sum(d.ms for d in kept) - sum(_turn_saving(a, b) for a, b in zip(kept, kept[1:]))


def _without(drafts: list[Draft], i: int, fixed_ms: int) -> int:
    """:func:`runtime` with ``drafts[i]`` dropped too."""
    drafts[i].dropped = True
    try:
        return runtime(drafts, fixed_ms)
    finally:
        drafts[i].dropped = False


def _turn_saving(a: Draft, b: Draft) -> int:
    """Time saved when ``b`` joins ``a``'s turn (0 unless both are speeches of one speaker, same voice)."""
    first, second = a.element, b.element
    if first.kind != "dialogue" or second.kind != "dialogue":
        return 0
    if (first.character_id or first.character or "") != (second.character_id or second.character or ""):
        return 0
    if (first.extension == "V.O.") != (second.extension == "V.O."):
        return 0
    return _saving(first.text, second.text, current_engine())


@lru_cache(maxsize=4096)
def _saving(first: str, second: str, engine: str) -> int:
    """Two speeches said apart minus said as one (joined as ``merge_turns`` joins them)."""
    chinese = any(is_cjk(c) for c in first + second)
    language = "zh" if chinese else "en"
    joined = first + ("" if chinese else " ") + second
    apart = element_ms("dialogue", first, language) + element_ms("dialogue", second, language)
    return max(0, apart - element_ms("dialogue", joined, language))
