"""``subs/``: subtitle cues and the QC report that says which published rule each cue meets or breaks."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from microdrama.model.base import Artifact, Provenance, Record

Severity = Literal["error", "warning"]


class Cue(Record):
    """One subtitle event: what is on screen from ``start_ms`` to ``end_ms``."""

    index: int = Field(description="1-based position in the track.")
    start_ms: int = Field(description="In-time, milliseconds from the episode start.")
    end_ms: int = Field(description="Out-time, milliseconds from the episode start.")
    lines: list[str] = Field(description="Text rows as displayed, top first (at most two by the rules).")
    speakers: list[str] = Field(default_factory=list, description="Speaker names, one per speech shown.")
    line_ids: list[str] = Field(
        default_factory=list, description="Script line ids the cue shows (e.g. '001-003', scene-element)."
    )

    @property
    def duration_ms(self) -> int:
        """How long the cue is on screen."""
        return self.end_ms - self.start_ms

    @property
    def text(self) -> str:
        """The rows joined by newlines."""
        return "\n".join(self.lines)


class Violation(Record):
    """A rule a cue breaks."""

    rule: str = Field(description="Rule id, e.g. 'T-MIN-DUR' (see the report's rule table).")
    severity: Severity = Field(description="error = breaks a published limit; warning = misses a target.")
    cue: int = Field(description="1-based cue number.")
    start_ms: int = Field(description="In-time of the cue, milliseconds.")
    message: str = Field(description="What is wrong, with the measured value and the limit.")


class RuleInfo(Record):
    """One rule of the check, with its thresholds and where they come from."""

    id: str = Field(description="Stable rule id.")
    title: str = Field(description="What the rule asks, in a few words.")
    severity: Severity = Field(description="error or warning.")
    threshold: str = Field(description="The limit that applies to this language, as text (e.g. '16 characters').")
    source: str = Field(description="The published guideline the rule encodes (craft.md §4 reference).")
    autofix: str = Field(default="", description="What the auto-fix does for it; empty when it is only reported.")


class LanguageQC(Record):
    """QC of one language's track, before and after the deterministic auto-fixes."""

    language: str = Field(description="BCP 47 tag of the track, e.g. 'zh-Hant'.")
    cues: int = Field(description="Cues in the final track.")
    cues_before: int = Field(description="Cues before auto-fix.")
    passing_before: int = Field(description="Cues with no error-level violation before auto-fix.")
    passing: int = Field(description="Cues with no error-level violation after auto-fix.")
    fixes: dict[str, int] = Field(default_factory=dict, description="Auto-fix name -> how many times it applied.")
    rules: list[RuleInfo] = Field(default_factory=list, description="Every rule checked, with this language's limits.")
    violations_before: list[Violation] = Field(default_factory=list, description="Violations found before auto-fix.")
    violations: list[Violation] = Field(default_factory=list, description="Violations left after auto-fix.")


class SubtitleQC(Artifact):
    """``subs/epNNN.qc.json``: the subtitle check of one episode in every language produced."""

    SCHEMA_NAME = "SubtitleQC"
    SCHEMA_VERSION = 1

    episode: int = Field(description="Episode number.")
    timing_source: Literal["estimate", "voice"] = Field(
        description="Where line times come from: speech-rate estimate or the voice track's timing.json."
    )
    shot_changes: int = Field(default=0, description="Shot changes the timing was snapped to (0 without a shot list).")
    fps: int = Field(description="Frame rate the frame-based rules (gap, shot change) are counted at.")
    languages: list[LanguageQC] = Field(default_factory=list, description="One report per language produced.")
    pending: list[str] = Field(
        default_factory=list, description="Target languages waiting for a translation (an XLIFF to fill in and import)."
    )
    provenance: Provenance = Field(description="How this artifact was made.")


class GlossaryEntry(Record):
    """A name or phrase and how each language writes it (kept the same across the series)."""

    term: str = Field(description="The term as the script writes it.")
    kind: Literal["name", "place", "phrase"] = Field(default="name", description="What the term is.")
    translations: dict[str, str] = Field(
        default_factory=dict, description="Language tag -> rendering, e.g. {'en': 'Shen Nian'}."
    )
    origin: Literal["pinyin", "user", "cast"] = Field(
        default="cast", description="pinyin = romanised by default, user = from the user's glossary, cast = as written."
    )


class TranslationUnit(Record):
    """One line to translate, with the context a translator needs."""

    id: str = Field(description="Unit id: the script line id (e.g. '001-003', scene-element) or 'title' / 'synopsis'.")
    source: str = Field(description="Text in the source language.")
    target: str = Field(default="", description="Translation; empty until translated.")
    speaker: str = Field(default="", description="Who says it (empty for titles).")
    start_ms: int = Field(default=0, description="When the line starts in the episode, milliseconds.")
    end_ms: int = Field(default=0, description="When the line ends, milliseconds.")
    max_chars: int = Field(
        default=0, description="Most characters the translation may have (lines × characters per line); 0 = no limit."
    )
    previous: str = Field(default="", description="The line before it, for context.")
    glossary: list[GlossaryEntry] = Field(default_factory=list, description="Names in this line and their renderings.")


class TranslationDocument(Record):
    """An XLIFF 2.0 file's content: one episode's lines from one language into another."""

    source_language: str = Field(description="srcLang, e.g. 'zh-Hans'.")
    target_language: str = Field(description="trgLang, e.g. 'en'.")
    episode: int = Field(description="Episode number.")
    original: str = Field(default="", description="Project file the units come from, e.g. 'script/ep001.json'.")
    max_chars_per_line: int = Field(default=0, description="Target language's characters per line.")
    units: list[TranslationUnit] = Field(default_factory=list, description="Units in script order.")


class LocalizedText(Record):
    """Titles and synopses in one language."""

    title: str = Field(default="", description="Episode title.")
    synopsis: str = Field(default="", description="Episode synopsis.")
    series_title: str = Field(default="", description="Series title (episode 1's file carries it).")
    series_logline: str = Field(default="", description="Series logline (episode 1's file carries it).")


class EpisodeLocalization(Artifact):
    """``subs/epNNN.meta.json``: the episode's (and, in episode 1, the series') metadata in every language."""

    SCHEMA_NAME = "EpisodeLocalization"
    SCHEMA_VERSION = 1

    episode: int = Field(description="Episode number.")
    languages: dict[str, LocalizedText] = Field(
        default_factory=dict, description="Language tag -> texts; missing = not translated yet."
    )
    provenance: Provenance = Field(description="How this artifact was made.")


class LanguageTotals(Record):
    """One language's QC over the whole series."""

    language: str = Field(description="BCP 47 tag.")
    episodes: int = Field(description="Episodes with a track in this language.")
    cues_before: int = Field(description="Cues before auto-fix.")
    passing_before: int = Field(description="Cues with no error before auto-fix.")
    cues: int = Field(description="Cues after auto-fix.")
    passing: int = Field(description="Cues with no error after auto-fix.")
    errors: int = Field(description="Error-level violations left.")
    warnings: int = Field(description="Warnings left.")
    rules_left: dict[str, int] = Field(
        default_factory=dict, description="Rule id -> violations left (errors and warnings)."
    )


class SubtitleReport(Artifact):
    """``subs/qc.json``: the subtitle QC of the whole series, per language."""

    SCHEMA_NAME = "SubtitleReport"
    SCHEMA_VERSION = 1

    languages: list[LanguageTotals] = Field(default_factory=list, description="One row per language.")
    pending: dict[str, int] = Field(default_factory=dict, description="Language -> episodes waiting for a translation.")
    provenance: Provenance = Field(description="How this artifact was made.")
