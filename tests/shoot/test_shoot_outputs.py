"""Every shoot output: stripboard HTML/XLSX, DOOD CSV/XLSX, call sheets HTML/PDF (Chinese included), repeatable bytes."""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib

import pytest
from formats.sample_scripts import require_cjk_font
from openpyxl import load_workbook
from shoot.shoot_samples import en_bible, en_scripts, zh_bible, zh_scripts

from microdrama.model import Breakdown, Schedule
from microdrama.shoot.labels import strip_colour
from microdrama.shoot.stage import plan_shoot


def outputs(language: str) -> dict[str, bytes]:
    if language == "en":
        return plan_shoot(en_scripts(), en_bible(), days=2, time_limit=2.0)
    require_cjk_font()
    return plan_shoot(zh_scripts(), zh_bible(), days=2, time_limit=2.0)


@pytest.fixture(scope="module", params=["en", "zh"])
def made(request: pytest.FixtureRequest) -> tuple[str, dict[str, bytes]]:
    return request.param, outputs(request.param)


def test_outputs_repeat_byte_for_byte(made: tuple[str, dict[str, bytes]]) -> None:
    language, first = made
    assert outputs(language) == first
    for name in ("shoot/stripboard.xlsx", "shoot/dood.xlsx"):
        with zipfile.ZipFile(io.BytesIO(first[name])) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert b"2000-01-01T00:00:00Z" in archive.read("docProps/core.xml")


def test_stripboard_workbook_has_coloured_strips_and_day_breaks(made: tuple[str, dict[str, bytes]]) -> None:
    _, files = made
    breakdown = Breakdown.from_json(files["shoot/breakdown.json"])
    schedule = Schedule.from_json(files["shoot/schedule.json"])
    sheet = load_workbook(io.BytesIO(files["shoot/stripboard.xlsx"])).active
    rows = list(sheet.iter_rows(min_row=2))
    by_id = {s.id: s for s in breakdown.scenes}
    strips = [r for r in rows if r[0].value in by_id]
    breaks = [r for r in rows if r[0].value not in by_id]
    assert [r[0].value for r in strips] == [t.scene for day in schedule.days for t in day.scenes]
    assert len(breaks) == len(schedule.days)
    for row in strips:
        scene = by_id[row[0].value]
        assert row[0].fill.fgColor.rgb.endswith(strip_colour(scene.setting, scene.night))
        assert row[2].value == scene.location
    assert all(r[0].fill.fgColor.rgb.endswith("212121") for r in breaks)
    html = files["shoot/stripboard.html"].decode("utf-8")
    assert html.count('class="strip"') == len(strips) and html.count('class="break"') == len(schedule.days)


def test_dood_csv_and_workbook_agree(made: tuple[str, dict[str, bytes]]) -> None:
    _, files = made
    schedule = Schedule.from_json(files["shoot/schedule.json"])
    table = list(csv.reader(io.StringIO(files["shoot/dood.csv"].decode("utf-8"))))
    sheet = load_workbook(io.BytesIO(files["shoot/dood.xlsx"])).active
    for index, row in enumerate(schedule.dood, start=2):
        codes = [c or "" for c in row.codes]
        assert table[index - 1][2 : 2 + len(codes)] == codes
        assert [c.value or "" for c in sheet[index][2 : 2 + len(codes)]] == codes
        assert sheet.cell(row=index, column=2).value == row.name
    assert set(c for row in schedule.dood for c in row.codes) <= {"", "SW", "W", "H", "WF", "SWF"}


def pdf_text_hex(document: bytes) -> str:
    """Inflated streams of a PDF (ToUnicode maps included), for looking up glyph code points."""
    out = []
    for match in re.finditer(rb"stream\r?\n", document):
        try:
            out.append(zlib.decompressobj().decompress(document[match.end() :]).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(out) + document.decode("latin-1")


def test_call_sheets_one_per_day_with_text(made: tuple[str, dict[str, bytes]]) -> None:
    language, files = made
    schedule = Schedule.from_json(files["shoot/schedule.json"])
    for day in schedule.days:
        html = files[f"shoot/callsheets/day{day.day:02d}.html"].decode("utf-8")
        document = files[f"shoot/callsheets/day{day.day:02d}.pdf"]
        assert document.startswith(b"%PDF-") and document.rstrip().endswith(b"%%EOF")
        streams = pdf_text_hex(document)
        for call in day.cast:
            assert call.name in html
        if language == "zh":
            assert b"FontFile" in document and f"第{day.day}天" in html
            name = day.cast[0].name
            # every character of a cast name is mapped in the embedded font's ToUnicode table
            for char in name:
                assert f"<{ord(char):04X}>" in streams, char
        else:
            assert b"/BaseFont /Helvetica" in document
            assert f"({day.cast[0].name})" in streams
