"""``script/``: episode screenplays as structure (the Fountain files are their editable form)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from microdrama.model.base import Artifact, Provenance, Record
from microdrama.model.room import SourceFigures

ElementKind = Literal["action", "dialogue", "transition", "note"]


class SourceRef(Record):
    """Where a line of the script comes from in the book."""

    quote: str | None = Field(default=None, description="Quote id for dialogue taken from a quotation.")
    start: int = Field(description="First offset in Source.text.")
    end: int = Field(description="One past the last offset.")


class Element(Record):
    """One block of a scene: an action paragraph, a speech, a transition or a note."""

    kind: ElementKind = Field(description="action / dialogue / transition / note.")
    text: str = Field(description="The words (for dialogue: what is said, without the cue).")
    character: str | None = Field(default=None, description="Dialogue: the character cue as printed.")
    character_id: str | None = Field(default=None, description="Dialogue: cast id of the speaker, when known.")
    parenthetical: str | None = Field(default=None, description="Dialogue: tone or action, without parentheses.")
    extension: str | None = Field(default=None, description="Dialogue: cue extension such as V.O. or O.S.")
    source: SourceRef | None = Field(default=None, description="Where in the book it comes from.")
    new: bool = Field(default=False, description="True when the line is not in the book (written or edited).")
    duration_ms: int = Field(default=0, description="Estimated screen time of the block, in milliseconds.")


class Scene(Record):
    """A scene: one place, one time, continuous action."""

    number: int = Field(description="1-based scene number within the episode.")
    heading: str = Field(description="Scene heading as printed, e.g. 'INT. LONGBOURN - DAY'.")
    setting: Literal["INT", "EXT", "INT/EXT"] = Field(default="INT", description="Interior/exterior.")
    location: str = Field(description="Location part of the heading.")
    time_of_day: str = Field(default="DAY", description="Time part of the heading (DAY, NIGHT, 日, 夜…).")
    synopsis: str | None = Field(default=None, description="Fountain '=' synopsis line, if any.")
    elements: list[Element] = Field(default_factory=list, description="Blocks in order.")
    duration_ms: int = Field(default=0, description="Estimated screen time of the scene, in milliseconds.")


class EpisodeScript(Artifact):
    """``script/epNNN.json``: one episode, parsed from its Fountain file."""

    SCHEMA_NAME = "EpisodeScript"
    SCHEMA_VERSION = 1

    episode: int = Field(description="Episode number.")
    title: str = Field(default="", description="Episode title.")
    language: str = Field(description="Script language: 'en', 'zh-Hans', 'zh-Hant'.")
    synopsis: str | None = Field(default=None, description="Episode synopsis ('=' line under the section).")
    scenes: list[Scene] = Field(default_factory=list, description="Scenes in order.")
    duration_ms: int = Field(default=0, description="Estimated runtime of the episode, in milliseconds.")
    provenance: Provenance = Field(description="How this artifact was made.")


class LineSource(Record):
    """A line the write stage took from the book, kept so hand edits can be told from book lines."""

    text: str = Field(description="The line as written in the Fountain file.")
    quote: str | None = Field(default=None, description="Quote id it comes from.")
    start: int = Field(description="First offset in Source.text.")
    end: int = Field(description="One past the last offset.")
    new: bool = Field(default=False, description="True when the writer made the line up (condensed or bridging).")


class ScriptSources(Artifact):
    """``script/epNNN.sources.json``: where each written line came from in the book."""

    SCHEMA_NAME = "ScriptSources"
    SCHEMA_VERSION = 1

    episode: int = Field(description="Episode number.")
    lines: list[LineSource] = Field(default_factory=list, description="Lines in script order.")
    provenance: Provenance = Field(description="How this artifact was made.")
    figures: SourceFigures | None = Field(
        default=None, description="Fidelity and novelty of the episode (written by the writers' room)."
    )

    #: files without figures stay byte-identical to those written before figures existed
    OMIT_IF_NONE: ClassVar[frozenset[str]] = frozenset({"figures"})
