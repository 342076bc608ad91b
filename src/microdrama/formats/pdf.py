"""Screenplay-formatted PDF of the series (fpdf2): US-letter margins and indents, title page, page numbers.

Layout (inches from the left edge of an 8.5 × 11 page; 12 pt type, six lines an inch):
scene headings and action 1.5–7.5, character cues from 3.7, parentheticals 3.1–5.5, dialogue
2.5–6.0, transitions flush right at 7.5; page numbers top right. Each episode starts a new page.
English uses the PDF core font Courier (typographic quotes and dashes mapped to ASCII); Chinese,
or English with characters Courier lacks, embeds a font found by :mod:`microdrama.formats.fonts`.
The bytes are repeatable: fixed creation date, producer and document id.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import cast

from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos

from microdrama.formats import fonts
from microdrama.formats._common import (
    bare_parenthetical,
    cue_text,
    episode_heading,
    in_episode_order,
    is_chinese,
    is_printed,
    one_line,
    text_lines,
    title_page,
)
from microdrama.model.script import Element, EpisodeScript
from microdrama.model.series import Bible

INCH = 72.0
FONT_SIZE = 12.0
LINE = FONT_SIZE  # 12 pt leading: six lines to the inch
PAGE_WIDTH = 8.5 * INCH
LEFT, RIGHT, TOP, BOTTOM = 1.5 * INCH, 1.0 * INCH, 1.0 * INCH, 1.0 * INCH
BODY_WIDTH = PAGE_WIDTH - LEFT - RIGHT
CUE_X = 3.7 * INCH
PARENTHETICAL_X, PARENTHETICAL_WIDTH = 3.1 * INCH, 2.4 * INCH
DIALOGUE_X, DIALOGUE_WIDTH = 2.5 * INCH, 3.5 * INCH

#: the fixed creation date written into every PDF (no clock reading: outputs must repeat)
CREATION_DATE = datetime(2000, 1, 1, tzinfo=UTC)

_TO_ASCII = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "–": "-", "—": "--", "―": "--", "‐": "-", "‑": "-", "−": "-",
        "…": "...", "•": "*", "\u00a0": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ",
        "\u200b": "", "\ufeff": "",
    }
)  # fmt: skip
# Kinsoku: characters that may not start a row / end a row in Chinese typesetting.
_NO_ROW_START = frozenset("，。、；：？！）」』】〕》〉”’…—·,.;:?!)]}%")
_NO_ROW_END = frozenset("（「『【〔《〈“‘([{")
# A Latin word (kept whole), a run of spaces, or any single other character.
_CJK_TOKEN = re.compile(r"[A-Za-z0-9'.\-]+|\s+|.", re.DOTALL)
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


class _ScreenplayPDF(FPDF):
    """FPDF with screenplay page numbers (title page unnumbered, script pages numbered from 1)."""

    def __init__(self, family: str) -> None:
        super().__init__(orientation="portrait", unit="pt", format="letter")
        self.family = family

    def header(self) -> None:
        """Page number, top right, half an inch from the top edge (not on the title page)."""
        if self.page_no() <= 1:
            return
        self.set_font(self.family, size=FONT_SIZE)
        self.set_xy(LEFT, 0.5 * INCH)
        self.cell(BODY_WIDTH, LINE, f"{self.page_no() - 1}.", align=Align.R)
        self.set_xy(LEFT, TOP)


def write_series(
    scripts: list[EpisodeScript], bible: Bible, *, author: str | None = None, source: str | None = None
) -> bytes:
    """The series as a screenplay PDF (``script/series.pdf``): title page, then one episode per page run.

    Raises:
        FontNotFoundError: the text needs a font (CJK, or Unicode monospaced) that is not installed.
    """
    episodes = in_episode_order(scripts)
    fields = title_page(bible, author=author, source=source)
    language = bible.language
    strings = [value for _, value in fields] + [text for script in episodes for text in _strings(script)]
    pdf, ascii_only = _new_document(language, strings)

    def clean(text: str) -> str:
        return text.translate(_TO_ASCII) if ascii_only else text

    pdf.set_title(clean(one_line(bible.title)))
    pdf.set_lang(language)
    _write_title_page(pdf, [(key, clean(value)) for key, value in fields])
    wrap = WrapMode.CHAR if is_chinese(language) else WrapMode.WORD
    for script in episodes:
        pdf.add_page()
        heading = clean(episode_heading(script))
        pdf.start_section(heading)
        _block(pdf, [heading], LEFT, BODY_WIDTH, wrap, align=Align.C, style="U")
        for scene in script.scenes:
            if one_line(scene.heading):
                _gap(pdf)
                _keep_room(pdf, 3 * LINE)
                _block(pdf, [clean(one_line(scene.heading))], LEFT, BODY_WIDTH, wrap)
            for element in scene.elements:
                if is_printed(element):
                    _gap(pdf)
                    _element(pdf, element, clean, wrap)
    return bytes(pdf.output())


def _strings(script: EpisodeScript) -> list[str]:
    out = [episode_heading(script)]
    for scene in script.scenes:
        out.append(scene.heading)
        for element in scene.elements:
            out += [element.text, element.character or "", element.parenthetical or "", element.extension or ""]
    return out


def _new_document(language: str, strings: list[str]) -> tuple[_ScreenplayPDF, bool]:
    """A blank document with its font chosen; the flag says whether text must be mapped to ASCII first."""
    if is_chinese(language) or any(_CJK.search(text) for text in strings):
        face: fonts.FontFace | None = fonts.cjk_font(language if is_chinese(language) else "zh-Hans")
    elif all(_fits_latin1(text.translate(_TO_ASCII)) for text in strings):
        face = None
    else:
        face = fonts.monospace_font()
    pdf = _ScreenplayPDF("screenplay" if face else "Courier")
    if face:
        pdf.add_font("screenplay", "", str(face.path), collection_font_number=face.index)
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_producer("microdrama")
    pdf.set_creator("microdrama")
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.c_margin = 0
    return pdf, face is None


def _fits_latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _write_title_page(pdf: _ScreenplayPDF, fields: list[tuple[str, str]]) -> None:
    pdf.add_page()
    pdf.set_font(pdf.family, size=FONT_SIZE)
    pdf.set_y(3.5 * INCH)
    for key, value in fields:
        if key in ("Author", "Source"):
            pdf.ln(LINE)
        text = value.upper() if key == "Title" else value
        _block(pdf, [text], LEFT, BODY_WIDTH, WrapMode.WORD, align=Align.C, style="U" if key == "Title" else "")
        if key == "Title":
            pdf.ln(2 * LINE)


def _element(pdf: _ScreenplayPDF, element: Element, clean: Callable[[str], str], wrap: WrapMode) -> None:
    lines = [clean(line) for line in text_lines(element.text)]
    if element.kind == "action":
        _block(pdf, lines, LEFT, BODY_WIDTH, wrap)
    elif element.kind == "transition":
        _keep_room(pdf, LINE)
        _block(pdf, [clean(one_line(element.text))], LEFT, BODY_WIDTH, wrap, align=Align.R)
    elif element.kind == "dialogue":
        cue = clean(cue_text(element))
        parenthetical = bare_parenthetical(element.parenthetical)
        height = _height(pdf, [cue], PAGE_WIDTH - RIGHT - CUE_X, wrap) + _height(pdf, lines, DIALOGUE_WIDTH, wrap)
        if parenthetical:
            height += _height(pdf, [f"({clean(parenthetical)})"], PARENTHETICAL_WIDTH, wrap)
        # Keep a speech on one page when it fits on one; a cue is never left alone at a page foot.
        _keep_room(pdf, height if height <= pdf.eph else 3 * LINE)
        _block(pdf, [cue], CUE_X, PAGE_WIDTH - RIGHT - CUE_X, wrap)
        if parenthetical:
            _block(pdf, [f"({clean(parenthetical)})"], PARENTHETICAL_X, PARENTHETICAL_WIDTH, wrap)
        _speech(pdf, cue, [row for line in lines for row in _wrap(pdf, line, DIALOGUE_WIDTH, wrap)], wrap)


def _speech(pdf: _ScreenplayPDF, cue: str, rows: list[str], wrap: WrapMode) -> None:
    """Dialogue rows; a speech running over a page ends in (MORE) and resumes under "CUE (CONT'D)"."""
    more, continued = ("(未完)", "(续)") if wrap is WrapMode.CHAR else ("(MORE)", "(CONT'D)")
    for index, row in enumerate(rows):
        last = index == len(rows) - 1
        if index and pdf.will_page_break(LINE if last else 2 * LINE):
            _block(pdf, [more], CUE_X, PAGE_WIDTH - RIGHT - CUE_X, wrap)
            pdf.add_page()
            _block(pdf, [f"{cue} {continued}"], CUE_X, PAGE_WIDTH - RIGHT - CUE_X, wrap)
        pdf.set_x(DIALOGUE_X)
        pdf.cell(DIALOGUE_WIDTH, LINE, row, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _block(
    pdf: _ScreenplayPDF,
    lines: list[str],
    x: float,
    width: float,
    wrap: WrapMode,
    *,
    align: Align = Align.L,
    style: str = "",
) -> None:
    """Lines of one block at column ``x``, each wrapped to ``width`` (page breaks keep the column)."""
    pdf.set_font(pdf.family, style=style, size=FONT_SIZE)
    for line in lines:
        for row in _wrap(pdf, line, width, wrap):
            pdf.set_x(x)
            pdf.cell(width, LINE, row, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if style:
        pdf.set_font(pdf.family, size=FONT_SIZE)


def _height(pdf: _ScreenplayPDF, lines: list[str], width: float, wrap: WrapMode) -> float:
    return sum(len(_wrap(pdf, line, width, wrap)) for line in lines) * LINE


def _wrap(pdf: _ScreenplayPDF, text: str, width: float, wrap: WrapMode) -> list[str]:
    """Rows of ``text`` that fit ``width``: fpdf2's word wrap for English, :func:`_wrap_cjk` for Chinese."""
    if wrap is WrapMode.CHAR:
        return _wrap_cjk(text, width, pdf.get_string_width)
    rows = cast(list[str], pdf.multi_cell(width, LINE, text, wrapmode=wrap, dry_run=True, output="LINES"))
    return list(rows) or [""]


def _wrap_cjk(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Break Chinese text anywhere between characters, keeping Latin words whole, with kinsoku rules.

    Closing punctuation never starts a row (it hangs past the margin instead) and opening
    punctuation never ends one.

    >>> _wrap_cjk("我就知道，别人不给我。", 4.0, len)
    ['我就知道，', '别人不给', '我。']
    >>> _wrap_cjk("他说：「好」", 3.0, len)
    ['他说：', '「好」']
    """
    rows: list[str] = []
    row = ""
    for token in _CJK_TOKEN.findall(text):
        if not row or measure(row + token) <= width + 0.01:
            row += token
        elif token[0] in _NO_ROW_START:
            row += token  # hanging punctuation
        elif len(token) > 1 and not token.isspace() and measure(token) > width:
            for char in token:  # a Latin word longer than the row: break it
                if row and measure(row + char) > width + 0.01:
                    rows.append(row)
                    row = ""
                row += char
        else:
            carried = ""
            while row and row[-1] in _NO_ROW_END:
                carried, row = row[-1] + carried, row[:-1]
            if row:
                rows.append(row.rstrip())
            row = (carried + token).lstrip()
    if row or not rows:
        rows.append(row.rstrip())
    return rows


def _gap(pdf: _ScreenplayPDF) -> None:
    """One blank line between blocks, except at the top of a page."""
    if pdf.get_y() > TOP + 0.5:
        pdf.ln(LINE)


def _keep_room(pdf: _ScreenplayPDF, height: float) -> None:
    """Start a new page unless ``height`` points still fit on this one."""
    if pdf.will_page_break(height):
        pdf.add_page()
