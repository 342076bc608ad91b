"""``.microdrama/lock.json``: what each stage last ran with, and what it wrote."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from microdrama.model.base import Artifact, Record


class StageRecord(Record):
    """The last successful run of one stage (or one unit of a fanned-out stage)."""

    key: str = Field(description="sha256 over stage version, settings read, engines and input hashes.")
    version: int = Field(description="Stage version the key was made with.")
    params: dict[str, Any] = Field(default_factory=dict, description="Settings values the stage read.")
    engines: dict[str, str] = Field(default_factory=dict, description="Engine ids the stage used.")
    inputs: dict[str, str] = Field(default_factory=dict, description="Input path -> sha256.")
    outputs: dict[str, str] = Field(default_factory=dict, description="Output path -> sha256 as written.")
    pending: dict[str, str] = Field(
        default_factory=dict, description="Outputs being written when the record was saved (crash recovery)."
    )


class Lock(Artifact):
    """State of the pipeline in one project; reviewable text, rewritten atomically after every stage."""

    SCHEMA_NAME = "Lock"
    SCHEMA_VERSION = 1

    stages: dict[str, StageRecord] = Field(default_factory=dict, description="By stage name ('parse/003' for units).")
