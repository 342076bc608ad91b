"""``report/assess.pdf``: the key figures, the charts (PNG) and the per-episode table, on A4 (fpdf2).

Uses the CJK font fontconfig finds (it covers Latin too) so Chinese titles and names print; without
one, the core Helvetica font with text mapped to Latin-1. Bytes repeat: fixed creation date.
"""

from __future__ import annotations

import io
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from microdrama.assess.charts import render_charts
from microdrama.assess.summary import key_figures
from microdrama.errors import FontNotFoundError
from microdrama.formats import fonts
from microdrama.formats.pdf import CREATION_DATE

_ASCII = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "≥": ">=",
        "≤": "<=",
        "✓": "ok",
        "✗": "miss",
        "…": "...",
        "“": '"',
        "”": '"',
        "’": "'",
        "‘": "'",
        "·": "-",
    }
)
CHARTS_IN_PDF = ("runtime", "tension", "rhythm", "tropes", "screen_time", "sameness")


class _ReportPDF(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report_title = title

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.font_family, size=8)
        self.cell(0, 5, f"{self.report_title} — assessment — page {self.page_no()}", align="C")


def render(report: dict[str, Any]) -> bytes:
    """The PDF of an assess report."""
    try:
        face = fonts.cjk_font("zh-Hans")
    except FontNotFoundError:
        face = None

    def clean(text: Any) -> str:
        value = "–" if text is None else str(text)
        if face is None:
            value = value.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")
        return value

    series = report["series"]
    pdf = _ReportPDF(clean(series["title"]))
    if face is not None:
        pdf.add_font("report", "", str(face.path), collection_font_number=face.index)
        family = "report"
    else:
        family = "Helvetica"
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_producer("microdrama")
    pdf.set_creator("microdrama")
    pdf.set_title(clean(f"Assessment — {series['title']}"))
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    pdf.set_font(family, size=18)
    pdf.multi_cell(0, 9, clean(series["title"]), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=9)
    pdf.multi_cell(
        0,
        5,
        clean(
            f"{series['episodes']} episodes × {series['episode_ms'] / 1000:.0f} s · {series['language']} · "
            f"{', '.join(series['genre'])}"
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    pdf.set_font(family, size=12)
    pdf.cell(0, 7, "Key figures", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=8)
    head = FontFace(fill_color=(243, 244, 246))
    with pdf.table(col_widths=(22, 62, 60, 28, 12), headings_style=head, line_height=4.6) as table:
        table.row(["area", "figure", "value", "target", ""])
        for section, label, value, target, verdict in key_figures(report):
            row = table.row()
            for cell in (section, label, value, target):
                row.cell(clean(cell))
            colour = {"ok": (21, 128, 61), "miss": (185, 28, 28)}.get(verdict, (0, 0, 0))
            row.cell(verdict, style=FontFace(color=colour))
    charts = render_charts(report)
    for name in CHARTS_IN_PDF:
        if name not in charts:
            continue
        png = charts[name][1]
        if pdf.get_y() > 200:
            pdf.add_page()
        pdf.ln(3)
        pdf.image(io.BytesIO(png), w=170)
    episodes = report["craft"]["episodes"]
    if episodes:
        pdf.add_page()
        pdf.set_font(family, size=12)
        pdf.cell(0, 7, "Episodes", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, size=7)
        with pdf.table(
            col_widths=(8, 48, 14, 14, 12, 20, 14, 14, 14, 10, 14), headings_style=head, line_height=4
        ) as table:
            table.row(
                [
                    "ep",
                    "title",
                    "runtime s",
                    "target s",
                    "hook s",
                    "cliffhanger",
                    "strength",
                    "turns/min",
                    "dialogue",
                    "scenes",
                    "tension",
                ]
            )
            for e in episodes:
                table.row(
                    [
                        clean(v)
                        for v in (
                            e["episode"],
                            e.get("title", ""),
                            f"{e['runtime_ms'] / 1000:.1f}",
                            f"{e['target_ms'] / 1000:.0f}",
                            "–" if e["hook_ms"] is None else f"{e['hook_ms'] / 1000:.1f}",
                            e["cliffhanger"]["kind"],
                            f"{e['cliffhanger']['strength']:.2f}",
                            f"{e['turns_per_minute']:.1f}",
                            f"{e['dialogue_share']:.0%}",
                            e["scenes"],
                            "–" if e["tension"] is None else f"{e['tension']:.2f}",
                        )
                    ]
                )
    return bytes(pdf.output())
