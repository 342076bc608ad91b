"""Cast availability (``shoot/availability.yaml``): the shoot days each actor cannot work, and the conflicts.

The file maps a character name (as on the breakdown) to the 1-based shoot days that actor is not
available::

    LIN XIA: [3, 4]        # away for days 3 and 4
    CEO ZHAO: [1]

The planner keeps every scene off its cast's unavailable days. A scene whose cast shares no free day
cannot be placed that way: it is planned anyway, and the stripboard and that day's call sheet flag
the **conflict** (actor, day, scene) so the line producer can renegotiate or recast.
"""

from __future__ import annotations

from collections.abc import Iterable

import yaml

from microdrama.model.shoot import Breakdown, Schedule
from microdrama.shoot.shoot_model import ShootPlanningError

#: project file the stage reads, when present
AVAILABILITY_FILE = "shoot/availability.yaml"


def parse_availability(text: str, breakdown: Breakdown, *, where: str = AVAILABILITY_FILE) -> dict[str, frozenset[int]]:
    """Name -> unavailable 1-based days; unknown names, non-integer or non-positive days are errors."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ShootPlanningError(f"{where}: not valid YAML ({exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ShootPlanningError(
            f"{where}: expected a mapping of character name to unavailable days, e.g. 'LIN XIA: [3, 4]'"
        )
    known = {member.name for member in breakdown.cast}
    result: dict[str, frozenset[int]] = {}
    for name, days in data.items():
        name = str(name)
        if name not in known:
            raise ShootPlanningError(
                f"{where}: {name!r} is not in the cast of the breakdown ({', '.join(sorted(known)) or 'no cast'})"
            )
        values = days if isinstance(days, list) else [days]
        if not all(isinstance(d, int) and not isinstance(d, bool) and d >= 1 for d in values):
            raise ShootPlanningError(f"{where}: {name}: days must be shoot day numbers from 1, found {days!r}")
        result[name] = frozenset(values)
    return result


def allowed_days(unavailable: dict[str, frozenset[int]], days: int) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The scheduler's form: actor -> 0-based day indices they can work, for a shoot of ``days`` days."""
    return tuple(
        (name, tuple(d for d in range(days) if d + 1 not in off)) for name, off in sorted(unavailable.items()) if off
    )


def impossible_actors(casts: Iterable[tuple[str, ...]], unavailable: dict[str, frozenset[int]], days: int) -> set[str]:
    """Actors of scenes whose whole cast shares no free day: their limits cannot all be kept."""
    stuck: set[str] = set()
    for cast in casts:
        free = set(range(1, days + 1))
        for name in cast:
            free -= unavailable.get(name, frozenset())
        if not free:
            stuck |= {name for name in cast if unavailable.get(name)}
    return stuck


def schedule_conflicts(
    schedule: Schedule, unavailable: dict[str, frozenset[int]]
) -> dict[int, list[tuple[str, list[str]]]]:
    """Day -> [(actor, scenes they are booked for)] for every actor working on a day they said they cannot."""
    found: dict[int, list[tuple[str, list[str]]]] = {}
    for day in schedule.days:
        for call in day.cast:
            if day.day in unavailable.get(call.name, frozenset()) and call.scenes:
                found.setdefault(day.day, []).append((call.name, list(call.scenes)))
    return found
