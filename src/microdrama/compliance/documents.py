"""Explicit labels on documents that have no notice field of their own: a footer line on a PDF's first
page, and a first cue in an SRT file (GB 45438-2025 §5.1: text content carries a notice at the start,
the end or a suitable place in the text).

The PDF footer is drawn on a one-page overlay (fpdf2, the project's PDF writer, with the CJK font for
Chinese) merged onto the first page with pypdf, inside the bottom margin where screenplays and call
sheets print nothing. SRT has no comment syntax: the notice is cue 1, from 0 s for the label duration
(≥ 2 s), and every later cue is renumbered; it may overlap the first line of dialogue, which players
stack.
"""

from __future__ import annotations

import io
import re

from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from microdrama.compliance.errors import ComplianceError
from microdrama.compliance.explicit import MIN_VIDEO_MS, has_required_elements
from microdrama.compliance.implicit.pdf import first_page_text
from microdrama.errors import FormatError
from microdrama.formats.fonts import cjk_font
from microdrama.formats.pdf import CREATION_DATE
from microdrama.formats.srt import read_cues
from microdrama.timecode import hms

FOOTER_PT = 9
FOOTER_FROM_BOTTOM_PT = 20
_BLOCKS = re.compile(r"\n[ \t]*\n")


def label_pdf(data: bytes, notice: str, language: str) -> bytes:
    """The PDF with ``notice`` as a footer line centred on its first page (pages, links, outline kept).

    Raises:
        ComplianceError: not a readable PDF, encrypted, or without pages; the notice lacks AI and 生成/合成.
    """
    if not has_required_elements(notice):
        raise ComplianceError(f"notice {notice!r} must name AI and 生成/合成 (GB 45438-2025 §5.1)")
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        writer = None if encrypted else PdfWriter(clone_from=reader)
    except (PdfReadError, OSError, ValueError) as exc:
        raise ComplianceError(f"cannot read the PDF to label it: {exc}") from exc
    if writer is None:
        raise ComplianceError("cannot label an encrypted PDF (decrypt it first)")
    if not len(writer.pages):
        raise ComplianceError("cannot label a PDF without pages")
    page = writer.pages[0]
    if page.rotation:
        page.transfer_rotation_to_content()
    box = page.cropbox
    overlay = PdfReader(io.BytesIO(_footer(float(box.width), float(box.height), notice, language))).pages[0]
    page.merge_translated_page(overlay, float(box.left), float(box.bottom))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _footer(width: float, height: float, notice: str, language: str) -> bytes:
    """A transparent page of ``width``×``height`` pt with ``notice`` centred in its bottom margin."""
    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.c_margin = 0
    pdf.add_page()
    try:
        notice.encode("latin-1")
        pdf.set_font("Helvetica", size=FOOTER_PT)
    except UnicodeEncodeError:
        face = cjk_font(language if language.lower().startswith("zh") else "zh-Hans")
        pdf.add_font("label", "", str(face.path), collection_font_number=face.index)
        pdf.set_font("label", size=FOOTER_PT)
    pdf.set_text_color(64)
    pdf.set_xy(0, height - FOOTER_FROM_BOTTOM_PT - FOOTER_PT)
    pdf.cell(width, FOOTER_PT, notice, align="C")
    return bytes(pdf.output())


def pdf_notice(reader: PdfReader) -> str | None:
    """The first line of the first page that names AI and 生成/合成, if any."""
    for line in first_page_text(reader).splitlines():
        if has_required_elements(line):
            return line.strip()
    return None


def label_srt(data: bytes, notice: str, duration_ms: int) -> bytes:
    """The SRT with ``notice`` as cue 1 from 0 to ``duration_ms`` (≥ 2 s); later cues renumbered, an
    earlier notice cue replaced (one label per file).

    Raises:
        ComplianceError: not UTF-8, not SRT, or a notice or duration below the standard's minimums.
    """
    if not has_required_elements(notice):
        raise ComplianceError(f"notice {notice!r} must name AI and 生成/合成 (GB 45438-2025 §5.1)")
    if duration_ms < MIN_VIDEO_MS:
        raise ComplianceError(f"the SRT notice must show for at least {MIN_VIDEO_MS} ms (got {duration_ms})")
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
        read_cues(text, where="srt")
    except (UnicodeDecodeError, FormatError) as exc:
        raise ComplianceError(f"cannot label the SRT file: {exc}") from exc
    blocks = [b for b in _BLOCKS.split(text.strip("\n")) if b.strip()]
    if blocks and srt_notice(data) is not None:
        blocks = blocks[1:]
    first = f"1\n{_srt_time(0)} --> {_srt_time(duration_ms)}\n{notice}"
    out = [first]
    for number, block in enumerate(blocks, start=2):
        lines = block.split("\n")
        if lines[0].strip().isdigit():
            lines = lines[1:]
        out.append("\n".join([str(number), *lines]))
    return ("\n\n".join(out) + "\n").encode("utf-8")


def srt_notice(data: bytes) -> tuple[int, int, str] | None:
    """(start, end, text) of the SRT's first cue when it is a notice (names AI and 生成/合成), else None."""
    try:
        cues = read_cues(data.decode("utf-8-sig"), where="srt")
    except (UnicodeDecodeError, FormatError):
        return None
    if not cues:
        return None
    first = min(cues, key=lambda c: (c.start_ms, c.index))
    text = " ".join(first.lines)
    return (first.start_ms, first.end_ms, text) if has_required_elements(text) else None


def _srt_time(ms: int) -> str:
    return hms(ms).replace(".", ",")
