"""``plan-shoot --replan``: keep the schedule that went out and repair it when availability changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from microdrama.model.shoot import Schedule
from microdrama.project import atomic_write
from microdrama.shoot.plan import ISSUED_FILE

F = TypeVar("F", bound=Callable[..., object])

SCHEDULE_FILE = "shoot/schedule.json"


def replan_option(fn: F) -> F:
    """``--replan``: repair the current schedule instead of planning afresh."""
    return click.option(
        "--replan",
        is_flag=True,
        help=f"Keep the current schedule (copied to {ISSUED_FILE}) and only move the scenes whose cast can no "
        "longer work their day or whose location is now closed (after editing shoot/availability.yaml or "
        "shoot/constraints.yaml): as few days change as possible (setting shoot.replan_extra_days lets that many "
        "more change when each lowers the cost); other limits it breaks are flagged in red. "
        f"Later runs keep repairing it until {ISSUED_FILE} is deleted.",
    )(fn)


def issue_schedule(project: Path) -> Schedule:
    """Copy shoot/schedule.json to the issued schedule (what the re-plan must disturb least); return it."""
    source = project / SCHEDULE_FILE
    if not source.is_file():
        raise click.ClickException(f"{source}: no schedule to re-plan yet; run `microdrama plan-shoot` first")
    issued = Schedule.load(source)
    atomic_write(project / ISSUED_FILE, source.read_bytes())
    return issued


def replan_report(issued: Schedule, now: Schedule) -> str:
    """What the re-plan changed against the issued schedule: scenes moved, days changed, cost."""
    before = {t.scene: day.day for day in issued.days for t in day.scenes}
    after = {t.scene: day.day for day in now.days for t in day.scenes}
    moved = sorted(scene for scene, day in after.items() if before.get(scene) != day)
    old_days = {day.day: [t.scene for t in day.scenes] for day in issued.days}
    changed = [day.day for day in now.days if [t.scene for t in day.scenes] != old_days.get(day.day)]
    lines = [
        f"re-planned: {len(moved)} scene{'s' if len(moved) != 1 else ''} moved, {len(changed)} of {len(now.days)} "
        f"days changed{' (days ' + ', '.join(map(str, changed)) + ')' if changed else ''}; "
        f"cost {issued.cost} -> {now.cost}"
    ]
    if moved:
        lines.append("moved: " + ", ".join(f"{scene} day {before.get(scene, '?')}->{after[scene]}" for scene in moved))
    if changed:
        lines.append("re-issue the call sheets of days " + ", ".join(map(str, changed)))
    return "\n".join(lines)
