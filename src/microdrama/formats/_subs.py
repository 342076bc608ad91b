"""What the subtitle formats share: cues to and from pysubs2 documents, language-aware fonts."""

from __future__ import annotations

from collections.abc import Iterable

import pysubs2

from microdrama.errors import FormatError
from microdrama.model.subtitles import Cue


def to_ssa(cues: Iterable[Cue]) -> pysubs2.SSAFile:
    """A pysubs2 document holding ``cues`` (rows joined with ``\\N``; braces kept literal)."""
    doc = pysubs2.SSAFile()
    for cue in cues:
        rows = [row.replace("{", "｛").replace("}", "｝") for row in cue.lines]
        doc.append(pysubs2.SSAEvent(start=cue.start_ms, end=cue.end_ms, text="\\N".join(rows)))
    return doc


def from_ssa(doc: pysubs2.SSAFile) -> list[Cue]:
    """Cues of a pysubs2 document, numbered from 1, comments and empty events left out."""
    cues: list[Cue] = []
    for event in doc:
        if event.is_comment:
            continue
        rows = [row.strip() for row in event.plaintext.split("\n")]
        rows = [row for row in rows if row]
        if not rows:
            continue
        cues.append(Cue(index=len(cues) + 1, start_ms=int(event.start), end_ms=int(event.end), lines=rows))
    return cues


def parse(text: str, format_id: str, where: str) -> pysubs2.SSAFile:
    """Parse ``text`` with pysubs2, turning its errors into a :class:`FormatError` naming ``where``."""
    try:
        return pysubs2.SSAFile.from_string(text, format_=format_id)
    except (pysubs2.Pysubs2Error, ValueError, KeyError, IndexError) as exc:
        raise FormatError(f"{where}: not a valid {format_id.upper()} file ({exc})") from exc


def cjk_font(language: str) -> str:
    """Noto font family for the script of ``language`` (Simplified, Traditional, or Latin)."""
    lowered = language.lower()
    if lowered.startswith("zh"):
        if "hk" in lowered or "mo" in lowered:
            return "Noto Sans CJK HK"
        if "hant" in lowered or "tw" in lowered:
            return "Noto Sans CJK TC"
        return "Noto Sans CJK SC"
    return "Noto Sans"
