"""``source/source.json``: the decoded novel with its chapters, encoding and language."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from microdrama.model.base import Artifact, Provenance, Record

SectionKind = Literal["chapter", "front_matter", "back_matter"]


class Chapter(Record):
    """One section of the text: a chapter, or front/back matter tagged rather than dropped."""

    index: int = Field(description="1-based position among all sections, in text order.")
    kind: SectionKind = Field(description="chapter, front_matter (preface, contents…) or back_matter (notes…).")
    label: str = Field(
        description="What the section is: 'chapter', 'preface', 'contents', 'illustrations', "
        "'transcriber_note', 'introduction', 'dedication', 'footnotes', 'other'…"
    )
    title: str = Field(description="Heading text as printed (may be empty for an untitled opening section).")
    number: int | None = Field(default=None, description="Chapter number parsed from the heading (第十二回 → 12).")
    start: int = Field(description="Offset of the heading's first character in Source.text.")
    body_start: int = Field(description="Offset where the body begins (after the heading line).")
    end: int = Field(description="Offset one past the section's last character.")


class Source(Artifact):
    """The novel as decoded text; every offset in later artifacts indexes ``text``."""

    SCHEMA_NAME = "Source"
    SCHEMA_VERSION = 1

    file_name: str = Field(description="Base name of the file that was read (no directories).")
    file_format: Literal["txt", "md", "epub", "docx"] = Field(description="Reader that decoded the file.")
    sha256: str = Field(description="sha256 of the file's bytes.")
    size_bytes: int = Field(description="Size of the file in bytes.")
    encoding: str = Field(description="Encoding found: utf-8, utf-8-sig, utf-16-le, utf-16-be, gb18030, big5…")
    language: Literal["zh", "en", "und"] = Field(description="Main language of the text.")
    script: Literal["Hans", "Hant"] | None = Field(
        default=None, description="For Chinese: Simplified (Hans) or Traditional (Hant) characters."
    )
    title: str | None = Field(default=None, description="Title from the file's metadata, when it has one.")
    author: str | None = Field(default=None, description="Author from the file's metadata, when it has one.")
    text: str = Field(description="The decoded text, unchanged apart from decoding (offsets index this).")
    chapters: list[Chapter] = Field(description="Sections in text order, covering the whole text.")
    warnings: list[str] = Field(default_factory=list, description="Things noticed while reading, for the user.")
    provenance: Provenance = Field(description="How this artifact was made.")

    def body_chapters(self) -> list[Chapter]:
        """The sections that are story (chapters), without front and back matter."""
        return [c for c in self.chapters if c.kind == "chapter"]
