"""The stripboard: one coloured strip per scene in shooting order, a dark day-break strip after each day (HTML, XLSX)."""

from __future__ import annotations

from markupsafe import Markup
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from microdrama.formats.pages import render
from microdrama.model.shoot import Breakdown, BreakdownScene, Schedule, ShootDay
from microdrama.shoot.labels import DAY_BREAK_COLOUR, end_of_day, labels, pages, strip_colour
from microdrama.shoot.xlsx import workbook_bytes


def _rows(breakdown: Breakdown, schedule: Schedule) -> list[tuple[int, list[BreakdownScene]]]:
    by_id = {s.id: s for s in breakdown.scenes}
    return [(day.day, [by_id[t.scene] for t in day.scenes]) for day in schedule.days]


def cast_numbers(breakdown: Breakdown, scene: BreakdownScene) -> str:
    """Cast numbers of a scene, as printed on its strip: '1, 2, 5'."""
    numbers = {m.name: m.number for m in breakdown.cast}
    return ", ".join(str(n) for n in sorted(numbers[name] for name in set(scene.speaking + scene.silent)))


def _dn(language: str, scene: BreakdownScene) -> str:
    words = labels(language)
    return words["night"] if scene.night else words["dayshort"]


Conflicts = dict[int, list[tuple[str, list[str]]]]

#: key of a day note that records a broken limit (see ``plan.limit_notes``)
OVER_LIMIT = "over_limit"
#: keys of the day notes that describe the day's limits (printed at the day break)
LIMIT_KEYS = ("child", "turnaround", "moves")


def broken_limits(language: str, day: ShootDay) -> list[str]:
    """The limits a day breaks, as printed lines: 'OVER LIMIT: day 3: ...'."""
    words = labels(language)
    return [
        f"{words[OVER_LIMIT]}: {words['day']} {day.day}: {note.partition(': ')[2]}"
        for note in day.notes
        if note.partition(": ")[0] == OVER_LIMIT
    ]


def limit_info(language: str, day: ShootDay) -> str:
    """The day's limits for its day-break strip: ' · Child performer: ... · Turnaround: ...' (or '')."""
    words = labels(language)
    parts = []
    for note in day.notes:
        key, _, text = note.partition(": ")
        if key in LIMIT_KEYS:
            parts.append(f"{words[key]}: {text}")
    return "".join(f" · {part}" for part in parts)


def conflict_lines(language: str, conflicts: Conflicts) -> list[str]:
    """One sentence per availability conflict, by day."""
    words = labels(language)
    return [
        words["conflict"].format(name=name, day=day, scenes=", ".join(scenes))
        for day in sorted(conflicts)
        for name, scenes in conflicts[day]
    ]


def _strip_conflicts(conflicts: Conflicts, day: int, scene: BreakdownScene) -> list[str]:
    return [name for name, scenes in conflicts.get(day, []) if scene.id in scenes]


def stripboard_html(breakdown: Breakdown, schedule: Schedule, conflicts: Conflicts | None = None) -> str:
    """The stripboard as a standalone HTML page (``templates/stripboard.html.j2``); ``conflicts`` (day ->
    actor, scenes) are listed on top and their strips outlined in red."""
    language = schedule.language
    words = labels(language)
    conflicts = conflicts or {}
    broken = [line for day in schedule.days for line in broken_limits(language, day)]
    title = " · ".join(([words["conflicts"]] if conflicts else []) + ([words["limits"]] if broken else []))
    style = (
        "body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #9e9e9e;padding:2px 6px;font-size:13px;text-align:left}"
        f"tr.break td{{background:#{DAY_BREAK_COLOUR};color:#fff;font-weight:bold}}"
        ".legend span{display:inline-block;padding:0 6px;margin-right:4px;border:1px solid #9e9e9e}"
        + (
            "tr.conflict td{border:2px solid #d50000}.conflicts{color:#d50000;font-weight:bold}"
            if conflicts or broken
            else ""
        )
    )
    info = {day.day: limit_info(language, day) for day in schedule.days}
    days = [
        {
            "strips": [_strip(breakdown, language, scene, _strip_conflicts(conflicts, day, scene)) for scene in scenes],
            "end": end_of_day(language, day),
            "pages": pages(sum(s.eighths for s in scenes)),
            "info": info[day],
        }
        for day, scenes in _rows(breakdown, schedule)
    ]
    return render(
        "microdrama.shoot",
        "stripboard.html.j2",
        language=language,
        title=schedule.title,
        words=words,
        style=Markup(style),
        cost=schedule.cost,
        lower_bound=schedule.lower_bound,
        gap=f"{schedule.gap:.1%}",
        legend=[
            (strip_colour(s, n), f"{s} {words['night'] if n else words['dayshort']}")
            for s, n in (("INT", False), ("EXT", False), ("INT", True), ("EXT", True))
        ],
        head=[words[k] for k in ("scene", "ie", "location", "dn", "pages", "cast", "synopsis")],
        days=days,
        cast=breakdown.cast,
        conflicts=conflict_lines(language, conflicts) + broken,
        conflicts_title=title,
    )


def _strip(breakdown: Breakdown, language: str, scene: BreakdownScene, clashing: list[str]) -> dict[str, object]:
    """One strip's template values; an actor who cannot work that day is named before the synopsis."""
    synopsis = scene.synopsis
    if clashing:
        synopsis = f"{labels(language)['unavailable']}: {', '.join(clashing)} — {synopsis}"
    return {
        "colour": strip_colour(scene.setting, scene.night),
        "conflict": bool(clashing),
        "cells": [
            scene.id,
            scene.setting,
            scene.location,
            _dn(language, scene),
            pages(scene.eighths),
            cast_numbers(breakdown, scene),
            synopsis,
        ],
    }


def stripboard_xlsx(breakdown: Breakdown, schedule: Schedule, conflicts: Conflicts | None = None) -> bytes:
    """The stripboard as a workbook: one row per strip, filled with the strip colour; day breaks dark;
    a strip with an availability conflict names the actor and is printed in red."""
    language = schedule.language
    words = labels(language)
    conflicts = conflicts or {}
    book = Workbook()
    sheet = book.active
    sheet.title = words["stripboard"][:31]
    sheet.append([words[k] for k in ("scene", "ie", "location", "dn", "pages", "cast", "synopsis")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for day, scenes in _rows(breakdown, schedule):
        for scene in scenes:
            clashing = _strip_conflicts(conflicts, day, scene)
            synopsis = (
                f"{words['unavailable']}: {', '.join(clashing)} — {scene.synopsis}" if clashing else scene.synopsis
            )
            sheet.append(
                [
                    scene.id,
                    scene.setting,
                    scene.location,
                    _dn(language, scene),
                    pages(scene.eighths),
                    cast_numbers(breakdown, scene),
                    synopsis,
                ]
            )
            fill = PatternFill("solid", fgColor=strip_colour(scene.setting, scene.night))
            for cell in sheet[sheet.max_row]:
                cell.fill = fill
                if clashing:
                    cell.font = Font(bold=True, color="D50000")
        shoot_day = next(d for d in schedule.days if d.day == day)
        broken = broken_limits(language, shoot_day)
        sheet.append(
            [
                f"{end_of_day(language, day)} — {pages(sum(s.eighths for s in scenes))} {words['pages']}"
                + limit_info(language, shoot_day)
                + "".join(f" · {line}" for line in broken)
            ]
        )
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
        cell = sheet.cell(row=row, column=1)
        cell.fill = PatternFill("solid", fgColor="D50000" if broken else DAY_BREAK_COLOUR)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.alignment = Alignment(horizontal="left")
    for column, width in zip("ABCDEFG", (9, 7, 24, 6, 7, 14, 60), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return workbook_bytes(book)
