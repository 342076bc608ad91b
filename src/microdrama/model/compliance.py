"""The compliance artifacts: the per-episode label ledger (provenance and labels) and the series report."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from microdrama.model.base import Artifact, Provenance, Record


class LedgerEntry(Record):
    """One output: who made it, how it was labelled, where the labelled copy is."""

    path: str = Field(description="Project path of the original output.")
    labelled: str | None = Field(default=None, description="Project path of the labelled copy; None when not labelled.")
    stage: str = Field(description="Stage that made the original.")
    origin: str = Field(description="generated / assisted / synthesised / none.")
    reason: str = Field(description="Why that origin (stage and engines).")
    explicit: str = Field(default="none", description="The visible or audible label.")
    implicit: list[str] = Field(
        default_factory=list, description="Metadata labels written (GB 45438 AIGC, IPTC, C2PA)."
    )
    placement: dict[str, Any] | None = Field(default=None, description="Where a drawn label sits, and its text height.")
    sha256: str = Field(default="", description="Hash of the labelled copy.")


class LabelLedger(Artifact):
    """``compliance/epNNN.labels.json``: the provenance ledger and labels of one episode's outputs."""

    SCHEMA_NAME = "LabelLedger"
    SCHEMA_VERSION = 1

    episode: int = Field(description="Episode number.")
    language: str = Field(description="Language of the labels.")
    entries: list[LedgerEntry] = Field(default_factory=list, description="One per output, in path order.")
    provenance: Provenance = Field(description="How this artifact was made.")


class ComplianceReport(Artifact):
    """``compliance/report.json``: labels, review tier, filing number and content findings of the series."""

    SCHEMA_NAME = "ComplianceReport"
    SCHEMA_VERSION = 1

    title: str = Field(description="Series title.")
    language: str = Field(description="Script language.")
    ready: bool = Field(description="True when nothing blocks release (no unwaived blocker).")
    tier: dict[str, Any] = Field(description="Review tier, why, its review path and source.")
    filing_number: str = Field(default="", description="The filing/licence number set, if any.")
    classic: bool = Field(default=False, description="The source is a protected classic (fidelity checked).")
    labels: dict[str, int] = Field(default_factory=dict, description="Outputs by origin, and how many were labelled.")
    unlabelled: list[str] = Field(default_factory=list, description="Outputs with no label, and why.")
    findings: list[dict[str, Any]] = Field(default_factory=list, description="Content-review findings, episode order.")
    counts: dict[str, int] = Field(default_factory=dict, description="Findings by severity (unwaived), and waived.")
    stale_waivers: list[dict[str, Any]] = Field(default_factory=list, description="Waivers that matched no finding.")
    provenance: Provenance = Field(description="How this artifact was made.")


class AigcSidecar(Artifact):
    """``<file>.aigc.json``: the implicit label of a file with no metadata syntax (SRT), beside it.

    ``AIGC`` is the GB 45438 Annex E object as the standard spells it; ``sha256`` binds the sidecar to
    the one version of the file it labels.
    """

    SCHEMA_NAME = "AigcSidecar"

    aigc: dict[str, str] = Field(alias="AIGC", description="The GB 45438-2025 Annex E implicit label object.")
    digital_source_type: str | None = Field(
        default=None, alias="DigitalSourceType", description="IPTC DigitalSourceType URI (what Meta/YouTube read)."
    )
    notice: str = Field(default="", alias="Notice", description="The visible notice the file shows.")
    sha256: str = Field(description="sha256 (hex) of the labelled file this sidecar belongs to.")
