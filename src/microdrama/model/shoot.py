"""``shoot/``: the scene breakdown and the shooting schedule (days, call times, day-out-of-days)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from microdrama.model.base import Artifact, Provenance, Record

DoodCode = Literal["", "SW", "W", "H", "WF", "SWF"]


class BreakdownScene(Record):
    """One scene as the production office sees it: where, when, who, and what it needs."""

    id: str = Field(description="Scene id across the series: episode and scene number, e.g. '003-02'.")
    episode: int = Field(description="Episode number.")
    number: int = Field(description="Scene number within the episode.")
    heading: str = Field(description="Scene heading as printed.")
    setting: Literal["INT", "EXT", "INT/EXT"] = Field(description="Interior or exterior.")
    location: str = Field(
        description="Location, as the scheduler groups it (heading's place, upper-cased for Latin script)."
    )
    time_of_day: str = Field(description="Time of day as printed (DAY, NIGHT, 日, 夜...).")
    night: bool = Field(description="True when the scene is shot in the night block.")
    eighths: int = Field(description="Length in eighths of a page (one page is taken as one minute of screen time).")
    screen_ms: int = Field(description="Estimated screen time, in milliseconds.")
    shots: int = Field(description="Estimated camera setups: one per printed action paragraph or speech.")
    shoot_ms: int = Field(description="Estimated shooting time of the scene, location setup excluded, in milliseconds.")
    speaking: list[str] = Field(default_factory=list, description="Characters with lines, in order of first line.")
    silent: list[str] = Field(default_factory=list, description="Cast members named in the action but without lines.")
    extras: list[str] = Field(default_factory=list, description="Background performers the action calls for.")
    props: list[str] = Field(default_factory=list, description="Props found in the action lines.")
    wardrobe: list[str] = Field(default_factory=list, description="Wardrobe items found in the action lines.")
    vehicles: list[str] = Field(default_factory=list, description="Vehicles found in the action lines.")
    sfx: list[str] = Field(
        default_factory=list, description="Special effects (rain, fire, gunshot...) found in the action lines."
    )
    synopsis: str = Field(default="", description="First action line, shortened: what happens.")


class CastMember(Record):
    """A member of the cast as scheduled: paid per day from their first to their last shoot day."""

    name: str = Field(description="Character name as printed in the scripts.")
    id: str | None = Field(default=None, description="Cast id in the series bible, when the name is found there.")
    role: str = Field(default="", description="Dramatic role from the bible (protagonist...), empty when unknown.")
    number: int = Field(description="Cast number on the stripboard and call sheets (1 = most scenes).")
    scenes: int = Field(description="Scenes the character appears in.")
    daily_cost: int = Field(description="Relative cost of one paid day, used by the scheduler (leads cost more).")


class LocationInfo(Record):
    """A location the company shoots at."""

    name: str = Field(description="Location name, as in BreakdownScene.location.")
    setting: str = Field(description="INT, EXT, or INT/EXT when both occur.")
    scenes: int = Field(description="Scenes shot there.")
    setup_ms: int = Field(description="Time to move in and light the location, in milliseconds.")


class Breakdown(Artifact):
    """``shoot/breakdown.json``: every scene of the series broken down for scheduling."""

    SCHEMA_NAME = "Breakdown"
    SCHEMA_VERSION = 1

    title: str = Field(description="Series title.")
    language: str = Field(description="Language of the scripts.")
    scenes: list[BreakdownScene] = Field(default_factory=list, description="Scenes in script order.")
    cast: list[CastMember] = Field(default_factory=list, description="Cast, most scenes first.")
    locations: list[LocationInfo] = Field(default_factory=list, description="Locations, most scenes first.")
    lexicons: list[str] = Field(
        default_factory=list, description="Lexicons the elements were found with (packaged, then the project's)."
    )
    provenance: Provenance = Field(description="How this artifact was made.")


class ScheduledScene(Record):
    """A scene on a shoot day, with its planned clock times."""

    scene: str = Field(description="BreakdownScene.id.")
    start_ms: int = Field(description="Planned start, milliseconds after midnight.")
    duration_ms: int = Field(description="Planned shooting time, in milliseconds.")
    setup_before_ms: int = Field(default=0, description="Location setup (company move) before it, in milliseconds.")


class CastCall(Record):
    """When one cast member is called on a day."""

    name: str = Field(description="Character name.")
    number: int = Field(description="Cast number.")
    code: DoodCode = Field(description="Day-out-of-days code for the day: SW, W, WF, SWF or H (held, paid but idle).")
    call_ms: int | None = Field(default=None, description="Call time (milliseconds after midnight); none when held.")
    scenes: list[str] = Field(default_factory=list, description="Scenes they play that day.")


class ShootDay(Record):
    """One shoot day."""

    day: int = Field(description="1-based shoot day.")
    crew_call_ms: int = Field(description="Crew call, milliseconds after midnight.")
    wrap_ms: int = Field(description="Estimated wrap, milliseconds after midnight.")
    locations: list[str] = Field(default_factory=list, description="Locations in shooting order.")
    scenes: list[ScheduledScene] = Field(default_factory=list, description="Scenes in shooting order.")
    cast: list[CastCall] = Field(default_factory=list, description="Cast working or held that day, by cast number.")
    eighths: int = Field(default=0, description="Page eighths shot that day.")
    notes: list[str] = Field(
        default_factory=list, description="Props, wardrobe, vehicles, effects and extras the day needs."
    )


class DoodRow(Record):
    """An actor's line of the day-out-of-days report."""

    name: str = Field(description="Character name.")
    number: int = Field(description="Cast number.")
    codes: list[DoodCode] = Field(description="Code per shoot day ('' when not engaged).")
    work_days: int = Field(description="Days with scenes.")
    hold_days: int = Field(description="Paid days without scenes, between the first and the last.")
    paid_days: int = Field(description="Days paid: from the first to the last day worked.")


class Schedule(Artifact):
    """``shoot/schedule.json``: scenes on shoot days, in order, with the cost and a proven lower bound."""

    SCHEMA_NAME = "Schedule"
    SCHEMA_VERSION = 1

    title: str = Field(description="Series title.")
    language: str = Field(description="Language of the scripts.")
    day_ms: int = Field(description="Length of a shoot day, in milliseconds.")
    days: list[ShootDay] = Field(default_factory=list, description="Shoot days in order (days left empty are dropped).")
    dood: list[DoodRow] = Field(default_factory=list, description="Day-out-of-days, one row per cast member.")
    cost: int = Field(description="Cost of the schedule: paid actor-days weighted by daily cost, plus company moves.")
    talent_cost: int = Field(description="Paid actor-days weighted by daily cost.")
    moves: int = Field(description="Company moves (each location beyond the first on a day).")
    lower_bound: int = Field(description="No schedule of these scenes in this many days costs less (proven).")
    gap: float = Field(description="(cost - lower_bound) / cost; 0 means proven optimal.")
    solver: str = Field(description="What produced the plan (cp-sat, greedy, ...).")
    notes: list[str] = Field(default_factory=list, description="Warnings: scenes clamped to a day, overtime days...")
    provenance: Provenance = Field(description="How this artifact was made.")
