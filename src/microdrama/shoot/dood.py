"""The day-out-of-days report: SW/W/H/WF codes per actor per shoot day, as CSV and XLSX."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from microdrama.model.shoot import Schedule
from microdrama.shoot.labels import day_title, labels
from microdrama.shoot.xlsx import workbook_bytes

#: cell colours of the codes in the workbook
CODE_COLOURS = {"SW": "C8E6C9", "SWF": "C8E6C9", "W": "E8F5E9", "WF": "FFCCBC", "H": "FFF9C4"}


def _table(schedule: Schedule) -> list[list[str | int]]:
    words = labels(schedule.language)
    header: list[str | int] = [words["number"], words["character"]]
    header += [day_title(schedule.language, day.day) for day in schedule.days]
    header += [words["work"], words["hold"], words["paid"]]
    rows: list[list[str | int]] = [header]
    for row in schedule.dood:
        rows.append([row.number, row.name, *row.codes, row.work_days, row.hold_days, row.paid_days])
    return rows


def dood_csv(schedule: Schedule) -> str:
    """The report as CSV (UTF-8, '\\n' line ends), one row per cast member."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(_table(schedule))
    return buffer.getvalue()


def dood_xlsx(schedule: Schedule) -> bytes:
    """The report as a workbook, codes coloured, the legend under the table."""
    words = labels(schedule.language)
    book = Workbook()
    sheet = book.active
    sheet.title = words["dood"][:31]
    for row in _table(schedule):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=2 + len(schedule.days)):
        for cell in row:
            colour = CODE_COLOURS.get(str(cell.value or ""))
            cell.alignment = Alignment(horizontal="center")
            if colour:
                cell.fill = PatternFill("solid", fgColor=colour)
    sheet.append([])
    sheet.append([words["legend"]])
    sheet.column_dimensions["B"].width = 22
    sheet.freeze_panes = "C2"
    return workbook_bytes(book)
