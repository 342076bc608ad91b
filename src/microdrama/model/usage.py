"""Model-engine bookkeeping: what each stage asked a model and what it cost, which units fell back, approvals."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from microdrama.model.base import Artifact, Provenance, Record


class UsageEntry(Record):
    """Requests and tokens spent for one unit of one stage (an episode, a chunk of quotations…)."""

    stage: str = Field(description="Stage that made the requests.")
    unit: str = Field(description="Unit of work within the stage, e.g. 'ep007' or 'series'.")
    requests: int = Field(default=0, description="HTTP requests sent to the server (retries included).")
    cached: int = Field(default=0, description="Replies served from the response cache (cost nothing).")
    prompt_tokens: int = Field(default=0, description="Prompt tokens billed.")
    completion_tokens: int = Field(default=0, description="Completion tokens billed.")
    cost: float = Field(default=0.0, description="Cost by the price table of the settings.")
    fallbacks: int = Field(default=0, description="Units that kept their offline result.")


class UsageLedger(Artifact):
    """``.microdrama/usage.json``: cumulative model usage of the project, per stage and unit."""

    SCHEMA_NAME = "UsageLedger"
    SCHEMA_VERSION = 1

    entries: list[UsageEntry] = Field(default_factory=list, description="One entry per stage and unit, sorted.")
    provenance: Provenance = Field(description="How this artifact was made.")


class UnitOutcome(Record):
    """What the model engine did for one unit."""

    unit: str = Field(description="Unit id, e.g. 'ep007', 'bible', 'quotes-003'.")
    status: Literal["refined", "fallback", "unchanged"] = Field(
        description="refined = model output used; fallback = offline result kept; unchanged = nothing to refine."
    )
    reason: str = Field(default="", description="Why a unit fell back (validation error, server failure…).")


class RefineReport(Artifact):
    """Per-stage record of a model refinement: engine, model, prompt hashes and each unit's outcome."""

    SCHEMA_NAME = "RefineReport"
    SCHEMA_VERSION = 1

    stage: str = Field(description="Stage whose outputs were refined.")
    engine: str = Field(description="Text engine id, without credentials.")
    model: str | None = Field(default=None, description="Model name.")
    prompts: dict[str, str] = Field(default_factory=dict, description="Prompt template name -> sha256.")
    units: list[UnitOutcome] = Field(default_factory=list, description="Outcome per unit, in order.")
    provenance: Provenance = Field(description="How this artifact was made.")


class Approval(Artifact):
    """``review/approval.json``: the scripts a person approved before costly stages may run."""

    SCHEMA_NAME = "Approval"
    SCHEMA_VERSION = 1

    scripts_sha256: str = Field(description="sha256 over the approved episode scripts (paths and contents).")
    files: dict[str, str] = Field(default_factory=dict, description="Approved file (project-relative) -> sha256.")
    provenance: Provenance = Field(description="How this artifact was made.")
