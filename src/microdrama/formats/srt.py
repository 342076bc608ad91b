"""SubRip (.srt) subtitles, the sidecar every platform accepts (read and written through pysubs2)."""

from __future__ import annotations

from collections.abc import Iterable

from microdrama.formats._subs import from_ssa, parse, to_ssa
from microdrama.model.subtitles import Cue


def write_cues(cues: Iterable[Cue], language: str = "") -> str:
    """SRT text of ``cues`` (``language`` is accepted for a uniform signature; SRT cannot hold it)."""
    return to_ssa(cues).to_string("srt")


def read_cues(text: str, *, where: str = "<srt>") -> list[Cue]:
    """Cues of an SRT file."""
    return from_ssa(parse(text, "srt", where))
