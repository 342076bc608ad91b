"""One call sheet per shoot day (HTML and PDF): scenes with times, cast with call times, locations, notes.

The PDF embeds a CJK font (found through fontconfig) for Chinese; English uses the core Helvetica
font when the text fits Latin-1 after mapping typographic quotes and dashes, an embedded Unicode
font otherwise. Bytes repeat: fixed creation date, producer and creator.
"""

from __future__ import annotations

from collections.abc import Callable

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from markupsafe import Markup

from microdrama.formats import fonts
from microdrama.formats._common import is_chinese
from microdrama.formats.pages import render
from microdrama.formats.pdf import CREATION_DATE
from microdrama.model.shoot import Breakdown, BreakdownScene, Schedule, ShootDay
from microdrama.shoot.labels import clock, day_title, labels, pages
from microdrama.shoot.stripboard import OVER_LIMIT, broken_limits, cast_numbers, conflict_lines

_TO_ASCII = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "--", "…": "...", "\u00a0": " ", "·": "-"}
)


def _scene_rows(breakdown: Breakdown, day: ShootDay) -> list[tuple[str, BreakdownScene, str]]:
    by_id = {s.id: s for s in breakdown.scenes}
    return [(clock(t.start_ms), by_id[t.scene], cast_numbers(breakdown, by_id[t.scene])) for t in day.scenes]


def _header(schedule: Schedule, day: ShootDay) -> list[tuple[str, str]]:
    words = labels(schedule.language)
    return [
        (words["crew_call"], clock(day.crew_call_ms)),
        (words["wrap"], clock(day.wrap_ms)),
        (words["locations"], ", ".join(day.locations)),
        (words["pages"], pages(day.eighths)),
    ]


def _note_lines(language: str, day: ShootDay) -> list[str]:
    words = labels(language)
    out = []
    for note in day.notes:
        key, _, items = note.partition(": ")
        if key != OVER_LIMIT:  # those go on top, in red
            out.append(f"{words.get(key, key)}: {items}")
    return out


def _day_heading(schedule: Schedule, day: ShootDay) -> str:
    words = labels(schedule.language)
    return f"{schedule.title} — {words['call_sheet']} — {day_title(schedule.language, day.day)} {words['of']} {len(schedule.days)}"


def _conflict_lines(language: str, day: ShootDay, conflicts: list[tuple[str, list[str]]] | None) -> list[str]:
    """Availability conflicts, then the limits the day breaks (child hours, turnaround, moves, closed location)."""
    lines = conflict_lines(language, {day.day: conflicts}) if conflicts else []
    return lines + broken_limits(language, day)


def _conflicts_title(language: str, day: ShootDay, conflicts: list[tuple[str, list[str]]] | None) -> str:
    words = labels(language)
    parts = [words["conflicts"]] if conflicts else []
    return " · ".join(parts + ([words["limits"]] if broken_limits(language, day) else []))


def callsheet_html(
    breakdown: Breakdown, schedule: Schedule, day: ShootDay, conflicts: list[tuple[str, list[str]]] | None = None
) -> str:
    """The call sheet of ``day`` as a standalone HTML page (``templates/callsheet.html.j2``); availability
    ``conflicts`` (actor, scenes) on top, and the actor marked in the cast list."""
    language = schedule.language
    words = labels(language)
    clashing = {name for name, _ in conflicts or []}
    scenes = [
        [
            start,
            scene.id,
            scene.setting,
            scene.location,
            words["night"] if scene.night else words["dayshort"],
            pages(scene.eighths),
            cast,
            scene.synopsis,
        ]
        for start, scene, cast in _scene_rows(breakdown, day)
    ]
    cast = [
        [
            str(call.number),
            f"{call.name} ({words['unavailable']})" if call.name in clashing else call.name,
            clock(call.call_ms) if call.call_ms is not None else words["held"],
            ", ".join(call.scenes),
            call.code,
        ]
        for call in day.cast
    ]
    return render(
        "microdrama.shoot",
        "callsheet.html.j2",
        language=language,
        heading=_day_heading(schedule, day),
        style=Markup(
            "body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;margin-bottom:1em}"
            "td,th{border:1px solid #9e9e9e;padding:2px 6px;font-size:13px;text-align:left}"
        ),
        words=words,
        header=_header(schedule, day),
        scene_head=[words[k] for k in ("time", "scene", "ie", "location", "dn", "pages", "cast", "synopsis")],
        scenes=scenes,
        cast_head=[words[k] for k in ("number", "character", "call", "scene")],
        cast=cast,
        notes=_note_lines(language, day),
        conflicts=_conflict_lines(language, day, conflicts),
        conflicts_title=_conflicts_title(language, day, conflicts),
    )


def callsheet_pdf(
    breakdown: Breakdown, schedule: Schedule, day: ShootDay, conflicts: list[tuple[str, list[str]]] | None = None
) -> bytes:
    """The call sheet of ``day`` as a one-or-more-page A4 landscape PDF.

    Raises:
        FontNotFoundError: Chinese (or non-Latin-1) text and no font installed for it.
    """
    language = schedule.language
    words = labels(language)
    heading = _day_heading(schedule, day)
    scene_rows = [
        [
            start,
            s.id,
            s.setting,
            s.location,
            words["night"] if s.night else words["dayshort"],
            pages(s.eighths),
            cast,
            s.synopsis,
        ]
        for start, s, cast in _scene_rows(breakdown, day)
    ]
    clashes = _conflict_lines(language, day, conflicts)
    clashing = {name for name, _ in conflicts or []}
    cast_rows = [
        [
            str(c.number),
            f"{c.name} ({words['unavailable']})" if c.name in clashing else c.name,
            clock(c.call_ms) if c.call_ms is not None else words["held"],
            ", ".join(c.scenes),
            c.code,
        ]
        for c in day.cast
    ]
    notes = _note_lines(language, day)
    strings = [
        heading,
        *clashes,
        _conflicts_title(language, day, conflicts),
        *(v for _, v in _header(schedule, day)),
        *(c for r in scene_rows + cast_rows for c in r),
        *notes,
    ]
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_producer("microdrama")
    pdf.set_creator("microdrama")
    pdf.set_auto_page_break(True, margin=12)
    family, clean = _font(pdf, language, strings)
    wrap = WrapMode.CHAR if is_chinese(language) else WrapMode.WORD
    pdf.set_title(clean(heading))
    pdf.add_page()
    pdf.set_font(family, size=14)
    pdf.multi_cell(0, 8, clean(heading), wrapmode=wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(family, size=10)
    for key, value in _header(schedule, day):
        pdf.multi_cell(0, 5, clean(f"{key}: {value}"), wrapmode=wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if clashes:
        pdf.ln(2)
        pdf.set_text_color(213, 0, 0)
        pdf.set_font(family, size=11)
        pdf.cell(0, 6, clean(_conflicts_title(language, day, conflicts)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(family, size=10)
        for line in clashes:
            pdf.multi_cell(0, 5, clean(line), wrapmode=wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
    pdf.ln(3)
    scene_head = [words[k] for k in ("time", "scene", "ie", "location", "dn", "pages", "cast", "synopsis")]
    _table(pdf, [scene_head, *scene_rows], (14, 16, 12, 38, 12, 14, 30, 141), clean, wrap)
    pdf.ln(3)
    cast_head = [words["number"], words["character"], words["call"], words["scene"], "DOOD"]
    _table(pdf, [cast_head, *cast_rows], (10, 50, 18, 180, 19), clean, wrap)
    if notes:
        pdf.ln(3)
        pdf.set_font(family, size=11)
        pdf.cell(0, 6, clean(words["notes"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font(family, size=10)
        for note in notes:
            pdf.multi_cell(0, 5, clean(note), wrapmode=wrap, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _table(
    pdf: FPDF, rows: list[list[str]], widths: tuple[int, ...], clean: Callable[[str], str], wrap: WrapMode
) -> None:
    with pdf.table(
        col_widths=widths, text_align="LEFT", line_height=5, wrapmode=wrap, first_row_as_headings=True
    ) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(clean(value))


def _font(pdf: FPDF, language: str, strings: list[str]) -> tuple[str, Callable[[str], str]]:
    """Choose and register the font; return its family and the text cleaner to apply."""
    if is_chinese(language) or any(not _latin1(s.translate(_TO_ASCII)) for s in strings):
        if is_chinese(language) or any(ch >= "\u2e80" for s in strings for ch in s):
            face = fonts.cjk_font(language if is_chinese(language) else "zh-Hans")
        else:
            face = fonts.monospace_font()
        pdf.add_font("callsheet", "", str(face.path), collection_font_number=face.index)
        pdf.add_font("callsheet", "B", str(face.path), collection_font_number=face.index)
        return "callsheet", lambda text: text
    return "Helvetica", lambda text: text.translate(_TO_ASCII)


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True
