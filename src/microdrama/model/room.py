"""The writers' room's artifacts: series arc, beat sheets, the per-episode report, revision logs.

Each level of the hierarchical writing (arc → beat sheet → Fountain episode) is stored with its
provenance, so a reader can see what the model was asked to honour when it wrote an episode.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from microdrama.model.base import Artifact, Provenance, Record


class CharacterArc(Record):
    """What one main character wants and how they change across the series."""

    name: str = Field(description="The character's name, as in the cast.")
    want: str = Field(description="What they want.")
    change: str = Field(description="How they change by the end.")


class SeriesArc(Artifact):
    """``script/room/arc.json``: the series arc the beat sheets are written against."""

    SCHEMA_NAME = "SeriesArc"
    SCHEMA_VERSION = 1

    logline: str = Field(description="One sentence: who wants what, against what.")
    season_arc: str = Field(description="The season's shape in a few sentences.")
    characters: list[CharacterArc] = Field(default_factory=list, description="Main characters' wants and changes.")
    provenance: Provenance = Field(description="How this artifact was made.")


class BeatSheet(Artifact):
    """``script/room/epNNN.beats.json``: one episode's beat sheet, the brief of its Fountain request."""

    SCHEMA_NAME = "BeatSheet"
    SCHEMA_VERSION = 1

    episode: int = Field(description="Episode number.")
    title: str = Field(description="Title, ≤ 6 words / ≤ 8 字.")
    conflict: str = Field(description="Core conflict: A wants X, B blocks it.")
    opening_hook: str = Field(description="The first shot.")
    beats: list[str] = Field(description="3–5 beats in order.")
    emotional_curve: str = Field(description="How the feeling moves through the episode.")
    ending_hook: str = Field(description="The unresolved peak it ends on.")
    keep_lines: list[str] = Field(default_factory=list, description="Lines kept verbatim from the book.")
    minor_roles: list[str] = Field(default_factory=list, description="Unnamed speaking roles it adds.")
    provenance: Provenance = Field(description="How this artifact was made.")


EpisodeStatus = Literal["written", "repaired", "offline", "kept-edit"]


class EpisodeOutcome(Record):
    """What the room did for one episode."""

    episode: int = Field(description="Episode number.")
    status: EpisodeStatus = Field(
        description="written = accepted first time; repaired = accepted after repairs; offline = the offline "
        "draft kept; kept-edit = a hand edit kept, the model's version waits as a pending revision."
    )
    attempts: int = Field(default=0, description="Fountain requests made (1 + repairs).")
    findings: list[str] = Field(default_factory=list, description="What the checker found on the last attempt.")
    reason: str = Field(default="", description="Why the offline draft was kept, when it was.")
    revision: int | None = Field(default=None, description="Revision number the model's version was stored as.")


class RoomReport(Artifact):
    """``script/room_report.json``: per-episode outcome of the writers' room."""

    SCHEMA_NAME = "RoomReport"
    SCHEMA_VERSION = 1

    engine: str = Field(description="Text engine id, without credentials.")
    model: str | None = Field(default=None, description="Model name.")
    prompts: dict[str, str] = Field(default_factory=dict, description="Prompt template name -> sha256.")
    episodes: list[EpisodeOutcome] = Field(default_factory=list, description="One outcome per episode.")
    provenance: Provenance = Field(description="How this artifact was made.")


class SourceFigures(Record):
    """Fidelity and novelty of one episode: how much of it is the book's, how much is new."""

    lines: int = Field(description="Dialogue and action lines of the episode.")
    from_book: int = Field(description="Lines that are a quotation or a passage of the book, verbatim.")
    edited: int = Field(default=0, description="Lines cut down from a quotation (keep its id, marked new).")
    new: int = Field(description="Lines the writer made up.")
    fidelity: float = Field(description="Share of lines from the book (verbatim or edited), 0–1.")
    novelty: float = Field(description="Share of new lines, 0–1.")
    events_planned: list[str] = Field(default_factory=list, description="Event ids the plan gives the episode.")
    events_covered: list[str] = Field(
        default_factory=list, description="Planned events at least one line of the episode comes from."
    )


RevisionAuthor = Literal["model", "hand", "offline"]
RevisionState = Literal["current", "pending", "superseded", "rejected"]


class Revision(Record):
    """One stored version of an episode's Fountain file."""

    number: int = Field(description="1-based revision number.")
    file: str = Field(description="Project-relative path, e.g. 'script/revisions/ep003.r002.fountain'.")
    sha256: str = Field(description="sha256 of the file.")
    by: RevisionAuthor = Field(description="Who wrote it: the model, a person, or the offline writer.")
    when: str = Field(description="UTC time it was stored (ISO 8601).")
    note: str = Field(default="", description="The note it was written with (`microdrama rewrite --note`).")
    state: RevisionState = Field(description="current = in script/; pending = awaits `microdrama accept`.")
    diff: str = Field(default="", description="Project-relative path of the unified diff from the revision before.")


class RevisionLog(Artifact):
    """``script/revisions/epNNN.json``: an episode's revisions, and the hash of the file last written."""

    SCHEMA_NAME = "RevisionLog"
    SCHEMA_VERSION = 1

    episode: int = Field(description="Episode number.")
    written_sha256: str = Field(
        default="", description="sha256 of script/epNNN.fountain as the room last wrote it; another hash = a hand edit."
    )
    revisions: list[Revision] = Field(default_factory=list, description="Oldest first.")
    provenance: Provenance = Field(description="How this artifact was made.")


class EpisodeNote(Record):
    """A producer's note for one episode (``microdrama rewrite --note``)."""

    episode: int = Field(description="Episode number.")
    note: str = Field(default="", description="What to change; empty asks for a fresh take.")
    take: int = Field(default=1, ge=1, description="How many times this episode was sent back (new take each time).")


class RoomNotes(Artifact):
    """``script/notes.json``: the latest note per episode; an input of the write stage (edit it freely)."""

    SCHEMA_NAME = "RoomNotes"
    SCHEMA_VERSION = 1

    notes: list[EpisodeNote] = Field(default_factory=list, description="One per episode, by number.")

    def of(self, episode: int) -> EpisodeNote | None:
        """The note of ``episode``, if any."""
        return next((n for n in self.notes if n.episode == episode), None)
