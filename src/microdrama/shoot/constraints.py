"""The line producer's limits beyond cast availability (``shoot/constraints.yaml``, optional)::

    children: [LILY]             # child performers: at most shoot.child_hours of scenes a day
    locations:                   # shoot days (1-based) a location cannot be used
      OLD HOUSE - ATTIC: [3, 4]

Unknown names, unknown keys and bad day numbers are errors that name the file. The hour limits
themselves are settings (``shoot.child_hours``, ``shoot.turnaround_hours``,
``shoot.max_locations_per_day``), so the same file serves any jurisdiction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from microdrama.model.shoot import Breakdown
from microdrama.shoot.shoot_model import ShootPlanningError

#: project file the stage reads, when present
CONSTRAINTS_FILE = "shoot/constraints.yaml"


@dataclass(frozen=True)
class Constraints:
    """Child performers, and the 1-based days each location is closed."""

    children: frozenset[str] = frozenset()
    closed: dict[str, frozenset[int]] = field(default_factory=dict)


def parse_constraints(text: str, breakdown: Breakdown, *, where: str = CONSTRAINTS_FILE) -> Constraints:
    """Read and check the file against the breakdown's cast and locations."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ShootPlanningError(f"{where}: not valid YAML ({exc})") from exc
    if data is None:
        return Constraints()
    if not isinstance(data, dict):
        raise ShootPlanningError(f"{where}: expected a mapping with 'children' and/or 'locations'")
    unknown = sorted(str(k) for k in data if k not in ("children", "locations"))
    if unknown:
        raise ShootPlanningError(f"{where}: unknown key(s) {', '.join(unknown)}; expected 'children', 'locations'")
    cast = {member.name for member in breakdown.cast}
    children = data.get("children") or []
    if not isinstance(children, list):
        raise ShootPlanningError(f"{where}: children: expected a list of character names, e.g. [LILY]")
    for name in children:
        if str(name) not in cast:
            raise ShootPlanningError(
                f"{where}: children: {name!r} is not in the cast of the breakdown ({', '.join(sorted(cast))})"
            )
    places = {location.name for location in breakdown.locations}
    locations = data.get("locations") or {}
    if not isinstance(locations, dict):
        raise ShootPlanningError(f"{where}: locations: expected a mapping of location to closed days")
    closed: dict[str, frozenset[int]] = {}
    for name, days in locations.items():
        name = str(name)
        if name not in places:
            raise ShootPlanningError(
                f"{where}: locations: {name!r} is not a location of the breakdown ({', '.join(sorted(places))})"
            )
        values = days if isinstance(days, list) else [days]
        if not all(isinstance(d, int) and not isinstance(d, bool) and d >= 1 for d in values):
            raise ShootPlanningError(f"{where}: {name}: days must be shoot day numbers from 1, found {days!r}")
        closed[name] = frozenset(values)
    return Constraints(children=frozenset(str(n) for n in children), closed=closed)
