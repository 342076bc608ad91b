"""``story/``: what the novel contains — cast, quotations, places, dramatic events."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from microdrama.model.base import Artifact, Provenance, Record

Gender = Literal["male", "female", "unknown"]
Importance = Literal["major", "intermediate", "minor"]
AttributionType = Literal["explicit", "anaphoric", "implicit", "unknown"]
#: "narrator" marks the first-person narrator (the "I" of the book), who may also act and speak
CharacterRole = Literal["character", "narrator"]

#: speaker id used when a quotation's speaker could not be found
UNKNOWN_SPEAKER = "unknown"


class Character(Record):
    """One character, with every name the text calls them by merged into one entity."""

    id: str = Field(description="Stable id used by every other artifact, e.g. 'c001'.")
    name: str = Field(description="Canonical name (the fullest common form).")
    aliases: list[str] = Field(default_factory=list, description="Other names and forms that refer to them.")
    gender: Gender = Field(default="unknown", description="Gender where the text shows it.")
    mentions: int = Field(default=0, description="How many times any of the names occurs.")
    importance: Importance = Field(default="minor", description="major / intermediate / minor, by mentions and speech.")
    role: CharacterRole = Field(
        default="character", description="'narrator' for the first-person narrator (the book's 'I'), else 'character'."
    )


class Cast(Artifact):
    """``story/cast.json``: every character found in the novel."""

    SCHEMA_NAME = "Cast"
    SCHEMA_VERSION = 1

    characters: list[Character] = Field(description="Characters, most important first.")
    provenance: Provenance = Field(description="How this artifact was made.")

    def by_id(self) -> dict[str, Character]:
        """Characters keyed by id."""
        return {c.id: c for c in self.characters}

    def narrator(self) -> Character | None:
        """The first-person narrator, when the book has one."""
        return next((c for c in self.characters if c.role == "narrator"), None)


class Span(Record):
    """A half-open range of offsets into Source.text."""

    start: int = Field(description="First character offset.")
    end: int = Field(description="One past the last character.")


class Quote(Record):
    """One quotation: who says it, to whom, and how we know."""

    id: str = Field(description="Stable id, e.g. 'q00042'.")
    start: int = Field(description="Offset of the opening quotation mark in Source.text.")
    end: int = Field(description="Offset one past the closing quotation mark.")
    parts: list[Span] = Field(
        default_factory=list, description="Inner text spans (without marks); several when narration interrupts."
    )
    text: str = Field(description="The spoken words, parts joined, without quotation marks.")
    chapter: int | None = Field(default=None, description="Chapter.index the quote lies in.")
    speaker: str = Field(default=UNKNOWN_SPEAKER, description="Cast id of the speaker, or 'unknown'.")
    addressees: list[str] = Field(default_factory=list, description="Cast ids spoken to, where the text shows them.")
    attribution: AttributionType = Field(default="unknown", description="explicit / anaphoric / implicit / unknown.")
    confidence: float = Field(default=0.0, ge=0.0, le=1.0, description="How sure the attribution is, 0–1.")
    cue: str | None = Field(default=None, description="Speech-verb phrase that gave the speaker ('said Elizabeth').")


class Quotes(Artifact):
    """``story/quotes.json``: every quotation in text order."""

    SCHEMA_NAME = "Quotes"
    SCHEMA_VERSION = 1

    quotes: list[Quote] = Field(description="Quotations in text order.")
    provenance: Provenance = Field(description="How this artifact was made.")


class Place(Record):
    """A location named in the text."""

    id: str = Field(description="Stable id, e.g. 'p001'.")
    name: str = Field(description="Name as printed.")
    aliases: list[str] = Field(default_factory=list, description="Other names for the same place.")
    setting: Literal["INT", "EXT", "INT/EXT"] = Field(default="INT", description="Interior or exterior, best guess.")
    mentions: list[int] = Field(default_factory=list, description="Offsets of each mention in Source.text.")


class Places(Artifact):
    """``story/places.json``: locations with their mentions (for scene headings)."""

    SCHEMA_NAME = "Places"
    SCHEMA_VERSION = 1

    places: list[Place] = Field(description="Places, most mentioned first.")
    provenance: Provenance = Field(description="How this artifact was made.")


class Event(Record):
    """A dramatic unit: continuous in place, time and participants."""

    id: str = Field(description="Stable id, e.g. 'e0001'.")
    chapter: int | None = Field(default=None, description="Chapter.index the event starts in.")
    start: int = Field(description="First offset of the event in Source.text.")
    end: int = Field(description="One past its last offset.")
    participants: list[str] = Field(default_factory=list, description="Cast ids present or speaking.")
    place: str | None = Field(default=None, description="Place id, when known.")
    time_of_day: Literal["DAY", "NIGHT", "CONTINUOUS"] = Field(default="DAY", description="For the scene heading.")
    summary: str = Field(description="A sentence drawn from the text that sums the event up.")
    summary_span: Span | None = Field(default=None, description="Where the summary sentence is in the text.")
    quotes: list[str] = Field(default_factory=list, description="Ids of the quotations inside the event.")
    tension: float = Field(default=0.0, ge=0.0, le=1.0, description="Conflict/threat/revelation intensity, 0–1.")
    importance: float = Field(default=0.0, ge=0.0, le=1.0, description="Weight for the story as a whole, 0–1.")


class Events(Artifact):
    """``story/events.json``: the novel cut into dramatic units, in text order."""

    SCHEMA_NAME = "Events"
    SCHEMA_VERSION = 1

    events: list[Event] = Field(description="Events in text order.")
    provenance: Provenance = Field(description="How this artifact was made.")
