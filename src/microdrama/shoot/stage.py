"""The ``shoot`` stage (``microdrama plan-shoot``): breakdown, schedule, stripboard, DOOD and call sheets."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from microdrama.model.script import EpisodeScript
from microdrama.model.series import Bible
from microdrama.model.shoot import Schedule
from microdrama.shoot.availability import AVAILABILITY_FILE, parse_availability, schedule_conflicts
from microdrama.shoot.breakdown import break_down
from microdrama.shoot.callsheet import callsheet_html, callsheet_pdf
from microdrama.shoot.constraints import CONSTRAINTS_FILE, parse_constraints
from microdrama.shoot.dood import dood_csv, dood_xlsx
from microdrama.shoot.lexicon import load_lexicon
from microdrama.shoot.plan import ISSUED_FILE, NO_LIMITS, Limits, plan_schedule, replan_schedule
from microdrama.shoot.shoot_model import ShootPlanningError
from microdrama.shoot.stripboard import stripboard_html, stripboard_xlsx

if TYPE_CHECKING:
    from microdrama.project import StageContext

USER_LEXICON = "shoot/lexicon.yaml"


def plan_shoot(
    scripts: list[EpisodeScript],
    bible: Bible,
    *,
    days: int = 0,
    hours_per_day: int = 12,
    time_limit: float = 5.0,
    user_lexicon: Path | None = None,
    availability: Path | None = None,
    parents: dict[str, str] | None = None,
    issued: Path | None = None,
    constraints: Path | None = None,
    limits: Limits = NO_LIMITS,
    replan_extra_days: int = 0,
) -> dict[str, bytes]:
    """Every shoot-planning output, as project-relative path -> bytes.

    ``availability`` (``shoot/availability.yaml``): days each actor cannot work; the plan keeps to it,
    and whatever it cannot keep is flagged on the stripboard and the call sheets. ``issued``
    (``shoot/issued.json``, written by ``plan-shoot --replan``): the schedule already sent out, which
    is then repaired (fewest scenes and days moved) instead of planned afresh. ``limits`` (settings) and
    ``constraints`` (``shoot/constraints.yaml``: child performers, closed locations) are kept by the
    plan and printed on the call sheets and the stripboard; one that cannot be kept is shown in red.
    """
    lexicon, sources = load_lexicon(bible.language, user_lexicon)
    breakdown = break_down(scripts, bible, lexicon, lexicons=sources, parents=dict(parents or {}))
    unavailable: dict[str, frozenset[int]] = {}
    if availability is not None:
        try:
            text = availability.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ShootPlanningError(f"{AVAILABILITY_FILE}: cannot read ({exc})") from exc
        unavailable = parse_availability(text, breakdown)
    if constraints is not None:
        try:
            text = constraints.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ShootPlanningError(f"{CONSTRAINTS_FILE}: cannot read ({exc})") from exc
        limits = replace(limits, constraints=parse_constraints(text, breakdown))
    if issued is not None:
        schedule = replan_schedule(
            breakdown,
            Schedule.load(issued),
            hours_per_day=hours_per_day,
            parents=dict(parents or {}),
            unavailable=unavailable,
            limits=limits,
            extra_days=replan_extra_days,
            booked_days=days,
        )
    else:
        schedule = plan_schedule(
            breakdown,
            days=days,
            hours_per_day=hours_per_day,
            time_limit=time_limit,
            parents=dict(parents or {}),
            unavailable=unavailable,
            limits=limits,
        )
    conflicts = schedule_conflicts(schedule, unavailable)
    outputs = {
        "shoot/breakdown.json": breakdown.to_bytes(),
        "shoot/schedule.json": schedule.to_bytes(),
        "shoot/stripboard.html": stripboard_html(breakdown, schedule, conflicts).encode("utf-8"),
        "shoot/stripboard.xlsx": stripboard_xlsx(breakdown, schedule, conflicts),
        "shoot/dood.csv": dood_csv(schedule).encode("utf-8"),
        "shoot/dood.xlsx": dood_xlsx(schedule),
    }
    for day in schedule.days:
        clashes = conflicts.get(day.day)
        outputs[f"shoot/callsheets/day{day.day:02d}.html"] = callsheet_html(breakdown, schedule, day, clashes).encode(
            "utf-8"
        )
        outputs[f"shoot/callsheets/day{day.day:02d}.pdf"] = callsheet_pdf(breakdown, schedule, day, clashes)
    return outputs


def run_plan_shoot(ctx: StageContext) -> dict[str, bytes]:
    """Stage function: read the parsed episodes and the bible, return every shoot output."""
    bible = ctx.load(Bible, "series/bible.json")
    scripts = [ctx.load(EpisodeScript, rel) for rel in sorted(ctx.inputs) if rel.startswith("script/ep")]
    settings = ctx.settings.shoot
    return plan_shoot(
        scripts,
        bible,
        days=settings.days,
        hours_per_day=settings.hours_per_day,
        time_limit=settings.time_limit,
        user_lexicon=ctx.path(USER_LEXICON) if USER_LEXICON in ctx.inputs else None,
        availability=ctx.path(AVAILABILITY_FILE) if AVAILABILITY_FILE in ctx.inputs else None,
        parents=ctx.parents("script/", "series/"),
        issued=ctx.path(ISSUED_FILE) if ISSUED_FILE in ctx.inputs else None,
        constraints=ctx.path(CONSTRAINTS_FILE) if CONSTRAINTS_FILE in ctx.inputs else None,
        limits=Limits(
            turnaround_hours=settings.turnaround_hours,
            child_hours=settings.child_hours,
            max_locations_per_day=settings.max_locations_per_day,
        ),
        replan_extra_days=settings.replan_extra_days,
    )
