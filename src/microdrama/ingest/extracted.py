"""What a format reader hands back: text plus what the format itself says about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from microdrama.text.chapters import HeadingHint


@dataclass
class Extracted:
    """Text taken out of one file, before language and chapter detection.

    ``hints`` are headings the format marks (docx heading styles, epub ``<h1>``, Markdown ``#``);
    ``boundaries`` are offsets where the file's own documents begin (epub spine items).
    """

    text: str
    encoding: str
    title: str | None = None
    author: str | None = None
    hints: list[HeadingHint] = field(default_factory=list)
    boundaries: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
