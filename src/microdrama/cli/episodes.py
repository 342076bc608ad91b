"""Episode selections on the command line: ``3,5``, ``2-4``, ``1,3-5``."""

from __future__ import annotations

import click


def parse_episodes(value: str, known: list[int]) -> list[int]:
    """The episode numbers ``value`` names, each checked against ``known``.

    >>> parse_episodes("3,5", [1, 2, 3, 4, 5]), parse_episodes("2-4", [1, 2, 3, 4])
    ([3, 5], [2, 3, 4])
    """
    chosen: list[int] = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        first, dash, last = part.partition("-")
        try:
            numbers = list(range(int(first), int(last) + 1)) if dash else [int(first)]
        except ValueError:
            raise click.BadParameter(f"{part!r} is not an episode number or range (e.g. 3,5 or 2-4)") from None
        for number in numbers:
            if number not in known:
                raise click.BadParameter(f"episode {number} is not in the plan (episodes {known[0]}–{known[-1]})")
            if number not in chosen:
                chosen.append(number)
    if not chosen:
        raise click.BadParameter("name at least one episode (e.g. 3,5)")
    return chosen
