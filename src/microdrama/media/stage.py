"""The ``media`` stage: one order file per episode chosen in ``media.episodes`` (none by default).

The board, voice and cut stages fan out over these order files, so an episode not chosen costs nothing.
"""

from __future__ import annotations

import re

from microdrama.errors import SettingsError
from microdrama.model import Plan
from microdrama.model.media import MediaOrder
from microdrama.project import Outputs, StageContext, paths


def select_episodes(spec: str, numbers: list[int]) -> list[int]:
    """Episode numbers chosen by ``media.episodes``: '' none, 'all', or '1-3,7'.

    >>> select_episodes("1-2, 5", [1, 2, 3, 4, 5, 6])
    [1, 2, 5]

    Raises:
        SettingsError: the list is not understood.
    """
    spec = spec.strip().lower()
    if not spec or spec == "none":
        return []
    if spec == "all":
        return sorted(numbers)
    chosen: set[int] = set()
    for part in spec.split(","):
        found = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not found:
            raise SettingsError(
                f"media.episodes: {part!r} is not an episode number or range (examples: 'all', '1-3,7')"
            )
        low = int(found.group(1))
        high = int(found.group(2) or low)
        chosen.update(range(low, high + 1))
    return sorted(n for n in numbers if n in chosen)


def chosen_episodes(ctx: StageContext) -> list[int]:
    """The plan's episodes chosen for media."""
    plan = ctx.load(Plan, paths.plan)
    return select_episodes(ctx.settings.media.episodes, [e.number for e in plan.episodes])


def run_media(ctx: StageContext) -> Outputs:
    """One order file per episode chosen in ``media.episodes`` (the board, voice and cut stages fan out over them)."""
    return {
        paths.order(n): MediaOrder(
            episode=n, horizontal=ctx.settings.media.horizontal, provenance={"stage": "media"}
        ).to_bytes()
        for n in chosen_episodes(ctx)
    }
