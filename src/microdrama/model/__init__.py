"""Artifact models: one module per artifact family, all registered in :data:`ARTIFACTS`."""

from microdrama.model.base import ARTIFACTS, Artifact, Provenance, Record, schema_documents, upgrades
from microdrama.model.lock import Lock, StageRecord
from microdrama.model.script import Element, EpisodeScript, LineSource, Scene, ScriptSources, SourceRef
from microdrama.model.series import (
    Beat,
    Bible,
    CharacterProfile,
    Coverage,
    CoverageEntry,
    EpisodePlan,
    Plan,
    Relationship,
)
from microdrama.model.source import Chapter, Source
from microdrama.model.story import (
    UNKNOWN_SPEAKER,
    Cast,
    Character,
    Event,
    Events,
    Place,
    Places,
    Quote,
    Quotes,
    Span,
)

__all__ = [
    "ARTIFACTS",
    "UNKNOWN_SPEAKER",
    "Artifact",
    "Beat",
    "Bible",
    "Cast",
    "Chapter",
    "Character",
    "CharacterProfile",
    "Coverage",
    "CoverageEntry",
    "Element",
    "EpisodePlan",
    "EpisodeScript",
    "Event",
    "Events",
    "LineSource",
    "Lock",
    "Place",
    "Places",
    "Plan",
    "Provenance",
    "Quote",
    "Quotes",
    "Record",
    "Relationship",
    "Scene",
    "ScriptSources",
    "Source",
    "SourceRef",
    "StageRecord",
    "Span",
    "schema_documents",
    "upgrades",
]
