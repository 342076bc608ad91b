"""Re-planning after a change of availability: move as few scenes, and touch as few days, as possible.

When an actor drops a day after the schedule went out, a line producer does not want a new schedule:
every day that changes means new call sheets, re-booked locations and crew. ``replan`` keeps every
scene where it is unless its cast can no longer work that day; each such scene goes to the day that
(1) is already being changed, (2) fits its minutes (location set-up and night cap included) and
(3) adds the least cost. When no day has room, a swap with a scene of another day is tried (two days
change). Last, scenes are moved or swapped among the changed days while that lowers the cost, so
the repair costs less without touching another day, and the changed days' scenes are re-placed among
those days exactly (CP-SAT, the other days fixed). A line producer may allow ``extra_days`` more days
to change when that buys a cheaper plan: each is the day whose opening lowers the cost most, and none
is touched for nothing. The answer says how many scenes and days moved, so the cost of the change
is visible.
"""

from __future__ import annotations

from dataclasses import dataclass

from microdrama.shoot.scheduler import resolve_days
from microdrama.shoot.shoot_model import (
    ShootPlanningError,
    ShootProblem,
    day_fits,
    evaluate,
    short_turnarounds,
)

#: deterministic seconds of CP-SAT for re-placing the scenes of the days a re-plan opens
RESOLVE_TIME = 1.0


@dataclass(frozen=True)
class Replan:
    """The repaired plan and what it changed against the old one."""

    days: tuple[tuple[int, ...], ...]
    cost: int
    old_cost: int
    moved_scenes: tuple[int, ...]
    changed_days: tuple[int, ...]


def conflicts(problem: ShootProblem, days: list[list[int]] | tuple[tuple[int, ...], ...]) -> list[tuple[int, int, str]]:
    """(day, scene, who or where) for every actor booked on a day they cannot work, and every scene at a
    location on a day it is closed."""
    windows = {actor: set(allowed) for actor, allowed in problem.availability}
    open_days = {location: set(allowed) for location, allowed in problem.location_days}
    found: list[tuple[int, int, str]] = []
    for d, members in enumerate(days):
        for i in members:
            for actor in problem.scenes[i].cast:
                if actor in windows and d not in windows[actor]:
                    found.append((d, i, actor))
            location = problem.scenes[i].location
            if location in open_days and d not in open_days[location]:
                found.append((d, i, location))
    return found


def _fits(problem: ShootProblem, members: list[int]) -> bool:
    return day_fits(problem, members)


def _rests_kept(problem: ShootProblem, trial: list[list[int]], before: list[list[int]]) -> bool:
    """No night-to-day turnaround is cut short that was not already."""
    return set(short_turnarounds(problem, trial)) <= set(short_turnarounds(problem, before))


def replan(
    problem: ShootProblem, old_days: list[list[int]] | tuple[tuple[int, ...], ...], *, extra_days: int = 0
) -> Replan:
    """Repair ``old_days`` so that it respects ``problem``'s availability, changing as little as possible;
    up to ``extra_days`` further days may change when each lowers the cost."""
    if len(old_days) != problem.days:
        raise ShootPlanningError(f"the old plan has {len(old_days)} days, the problem {problem.days}")
    days = [list(members) for members in old_days]
    old_cost = evaluate(problem, days)[0]
    changed: set[int] = set()
    moved: list[int] = []
    stuck = sorted({i for _, i, _ in conflicts(problem, days)}, key=lambda i: (-problem.scenes[i].minutes, i))
    for i in stuck:
        scene = problem.scenes[i]
        home = next(d for d, members in enumerate(days) if i in members)
        allowed = [d for d in problem.allowed_days(scene) if d != home]
        if not allowed:
            raise ShootPlanningError(
                f"scene {scene.key}: no day left on which its whole cast ({', '.join(scene.cast)}) can work "
                f"and {scene.location} is open"
            )
        days[home].remove(i)
        best: tuple[tuple[int, int, int], list[list[int]], list[int], set[int]] | None = None
        for d in allowed:  # straight move
            if _fits(problem, days[d] + [i]):
                trial = [list(m) for m in days]
                trial[d].append(i)
                score = (len(changed | {home, d}), evaluate(problem, trial)[0], d)
                if (best is None or score < best[0]) and _rests_kept(problem, trial, days):
                    best = (score, trial, [i], {home, d})
        if best is None:  # swap with a scene that can take the freed slot
            for d in allowed:
                for t in days[d]:
                    if t in moved or home not in problem.allowed_days(problem.scenes[t]):
                        continue
                    there = [x for x in days[d] if x != t] + [i]
                    back = days[home] + [t]
                    if _fits(problem, there) and _fits(problem, back):
                        trial = [list(m) for m in days]
                        trial[d], trial[home] = there, back
                        score = (len(changed | {home, d}), evaluate(problem, trial)[0], d * 10_000 + t)
                        if (best is None or score < best[0]) and _rests_kept(problem, trial, days):
                            best = (score, trial, [i, t], {home, d})
        if best is None:
            raise ShootPlanningError(
                f"scene {scene.key} ({scene.minutes} min) fits on none of the days its cast can work, even by a "
                "swap; add a day or re-plan the whole shoot"
            )
        _, days, newly_moved, touched = best
        moved.extend(newly_moved)
        changed |= touched
    days = _polish(problem, days, sorted(changed))
    # a day a swap touched and the polish put back is not changed: it is not opened either
    changed = {d for d in range(problem.days) if set(days[d]) != set(old_days[d])}
    days = _resolve(problem, days, changed)
    days = _open_more_days(problem, days, changed, extra_days)
    final = tuple(tuple(members) for members in days)
    really_changed = tuple(d for d in range(problem.days) if set(final[d]) != set(old_days[d]))
    old_day = {i: d for d, members in enumerate(old_days) for i in members}
    moved = [i for d, members in enumerate(final) for i in members if old_day[i] != d]
    return Replan(
        days=final,
        cost=evaluate(problem, final)[0],
        old_cost=old_cost,
        moved_scenes=tuple(sorted(moved)),
        changed_days=really_changed,
    )


def _resolve(problem: ShootProblem, days: list[list[int]], open_days: set[int]) -> list[list[int]]:
    """``days`` with the scenes of ``open_days`` re-placed among those days, when that is cheaper and keeps
    every limit the plan kept."""
    if not open_days:
        return days
    found = resolve_days(problem, days, frozenset(open_days), RESOLVE_TIME)
    if found is None or evaluate(problem, found)[0] >= evaluate(problem, days)[0]:
        return days
    allowed = all(d in problem.allowed_days(problem.scenes[i]) for d, members in enumerate(found) for i in members)
    if allowed and all(_fits(problem, found[d]) for d in open_days) and _rests_kept(problem, found, days):
        return [list(members) for members in found]
    return days


def _open_more_days(problem: ShootProblem, days: list[list[int]], changed: set[int], extra: int) -> list[list[int]]:
    """Let up to ``extra`` more days change, one at a time, each the one whose opening lowers the cost most."""
    if not changed:  # nothing had to move: the issued plan stands
        return days
    cost = evaluate(problem, days)[0]
    for _ in range(extra):
        best: tuple[int, int, list[list[int]]] | None = None
        for candidate in range(problem.days):
            if candidate in changed:
                continue
            trial = _resolve(problem, days, changed | {candidate})
            trial_cost = evaluate(problem, trial)[0]
            if trial_cost < cost and (best is None or trial_cost < best[0]):
                best = (trial_cost, candidate, trial)
        if best is None:  # no further day pays for its new call sheet
            break
        cost, candidate, days = best
        changed.add(candidate)
    return days


def _polish(problem: ShootProblem, days: list[list[int]], changed: list[int]) -> list[list[int]]:
    """Lower the cost by moving or swapping scenes among the days already changed (no new day is touched)."""
    best = evaluate(problem, days)[0]
    allowed = {i: set(problem.allowed_days(problem.scenes[i])) for d in changed for i in days[d]}
    improved = True
    while improved:
        improved = False
        for a in changed:
            for i in list(days[a]):
                if i not in days[a]:  # moved away by an earlier improvement of this pass
                    continue
                for b in changed:
                    if b == a or b not in allowed[i]:
                        continue
                    options = [(None, days[b] + [i])] + [
                        (t, [x for x in days[b] if x != t] + [i]) for t in days[b] if a in allowed[t]
                    ]
                    for t, there in options:
                        here = [x for x in days[a] if x != i] + ([] if t is None else [t])
                        if not (_fits(problem, here) and _fits(problem, there)):
                            continue
                        trial = [list(m) for m in days]
                        trial[a], trial[b] = here, there
                        cost = evaluate(problem, trial)[0]
                        if cost < best and _rests_kept(problem, trial, days):
                            best, days, improved = cost, trial, True
                            break
                    if improved or i not in days[a]:
                        break
    return days


def drop_day(problem: ShootProblem, actor: str, day: int) -> ShootProblem:
    """The same problem with ``actor`` unavailable on ``day`` (on top of any earlier limits)."""
    windows = dict(problem.availability)
    allowed = tuple(d for d in windows.get(actor, tuple(range(problem.days))) if d != day)
    windows[actor] = allowed
    return ShootProblem(
        scenes=problem.scenes,
        days=problem.days,
        minutes_per_day=problem.minutes_per_day,
        actor_costs=problem.actor_costs,
        move_cost=problem.move_cost,
        availability=tuple(sorted(windows.items())),
        night_minutes_per_day=problem.night_minutes_per_day,
        setup_minutes=problem.setup_minutes,
    )
