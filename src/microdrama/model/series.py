"""``series/``: the series bible, the episode plan and what of the book each episode uses."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from microdrama.model.base import Artifact, Provenance, Record

BeatKind = Literal["hook", "setup", "escalation", "reversal", "payoff", "cliffhanger"]
Role = Literal["protagonist", "antagonist", "love_interest", "mentor", "ally", "rival", "family", "supporting"]


class Relationship(Record):
    """A tie between two characters."""

    other: str = Field(description="Cast id of the other character.")
    kind: str = Field(description="Nature of the tie: 'spouse', 'rival', 'sibling', 'employer', 'confidant'…")
    weight: int = Field(default=0, description="How often the two share a scene or speak to each other.")


class CharacterProfile(Record):
    """A character as the series presents them."""

    id: str = Field(description="Cast id.")
    name: str = Field(description="Name used in scripts (character cue).")
    role: Role = Field(default="supporting", description="Dramatic function in the series.")
    description: str = Field(default="", description="Who they are, drawn from the text.")
    want: str = Field(default="", description="What they are after in the story ('to find the killer', '想要造反').")
    relationships: list[Relationship] = Field(default_factory=list, description="Strongest ties first.")
    arc: str = Field(default="", description="How they change across the series.")


class Bible(Artifact):
    """``series/bible.json``: what every writer, director and tool downstream agrees on."""

    SCHEMA_NAME = "Bible"
    SCHEMA_VERSION = 1

    title: str = Field(description="Series title.")
    language: str = Field(description="Language of the scripts, e.g. 'en', 'zh-Hans'.")
    logline: str = Field(default="", description="One sentence: who wants what, against what.")
    synopsis: str = Field(default="", description="A paragraph on the whole series.")
    protagonist: str = Field(default="", description="Cast id of the character the story follows.")
    want: str = Field(default="", description="What the protagonist is after (the logline's want).")
    obstacle: str = Field(default="", description="Who or what stands in their way (the logline's obstacle).")
    stakes: str = Field(default="", description="What is lost if they fail (the logline's stakes).")
    genre: list[str] = Field(default_factory=list, description="Genre and trope tags.")
    characters: list[CharacterProfile] = Field(default_factory=list, description="Main characters first.")
    provenance: Provenance = Field(description="How this artifact was made.")


class Beat(Record):
    """One beat of an episode's beat sheet."""

    kind: BeatKind = Field(description="hook / setup / escalation / reversal / payoff / cliffhanger.")
    text: str = Field(description="What happens, in a sentence.")
    events: list[str] = Field(default_factory=list, description="Source event ids behind the beat.")


class EpisodePlan(Record):
    """One planned episode."""

    number: int = Field(description="1-based episode number.")
    title: str = Field(description="Episode title.")
    events: list[str] = Field(default_factory=list, description="Source event ids, in play order.")
    chapters: list[int] = Field(default_factory=list, description="Chapter.index values it draws on.")
    source_start: int = Field(description="First source offset the episode covers.")
    source_end: int = Field(description="One past the last source offset it covers.")
    target_ms: int = Field(description="Runtime the episode is planned for, in milliseconds.")
    beats: list[Beat] = Field(default_factory=list, description="Hook → … → cliffhanger.")
    cliffhanger: str = Field(default="", description="The unresolved moment it ends on.")
    cliffhanger_at: int | None = Field(
        default=None,
        description="Source offset inside the cliffhanger line (a speech or a sentence of the book); past the "
        "episode's own events when the ending is a teaser from the next episode.",
    )
    paywall: bool = Field(default=False, description="True for the episode after which viewers must pay.")
    cold_open: str | None = Field(default=None, description="Event id flashed forward at the top, if any.")


class Plan(Artifact):
    """``series/plan.json``: the episodes, their beats, the paywall."""

    SCHEMA_NAME = "Plan"
    SCHEMA_VERSION = 1

    episode_ms: int = Field(description="Target runtime per episode, in milliseconds.")
    requested_episodes: int = Field(description="Episodes asked for in the settings.")
    paywall_episode: int | None = Field(default=None, description="Episode number carrying the paywall.")
    episodes: list[EpisodePlan] = Field(description="Episodes in order.")
    notes: list[str] = Field(default_factory=list, description="Decisions the planner made that a user should see.")
    provenance: Provenance = Field(description="How this artifact was made.")


class CoverageEntry(Record):
    """What happened to one source event."""

    event: str = Field(description="Source event id.")
    episode: int | None = Field(default=None, description="Episode using it, or null when cut.")
    status: Literal["used", "cut", "cold_open"] = Field(description="Used in order, cut, or used as a cold open.")


class Coverage(Artifact):
    """``series/coverage.json``: every source event mapped to its episode or marked cut."""

    SCHEMA_NAME = "Coverage"
    SCHEMA_VERSION = 1

    entries: list[CoverageEntry] = Field(description="One entry per source event, in text order.")
    provenance: Provenance = Field(description="How this artifact was made.")
