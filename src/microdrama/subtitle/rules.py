"""The published subtitle rules as data: an id, the limit per language and profile, and its source.

Numbers come from ``../shared/reference/craft.md`` §4 (Netflix timed-text style guides, SubtitleEdit's
Netflix quality check, Pixelogic, Limecraft). A checker, a fixer and the QC report all read this one
table, so a limit is changed in one place and the report always shows the value that was applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from microdrama.model.subtitles import RuleInfo, Severity
from microdrama.text.tags import is_chinese

Profile = Literal["vertical", "netflix"]

NETFLIX_GENERAL = "Netflix Timed Text Style Guide: General Requirements (partnerhelp.netflixstudios.com/hc/en-us/articles/215758617) [V]"
NETFLIX_TIMING = "Netflix Timed Text Style Guide: Subtitle Timing Guidelines (partnerhelp.netflixstudios.com/hc/en-us/articles/360051554394) [V]"
NETFLIX_ZH = "Netflix Chinese (Simplified) Timed Text Style Guide (partnerhelp.netflixstudios.com/hc/en-us/articles/215986007) [V]"
NETFLIX_EN = (
    "Netflix English (USA) Timed Text Style Guide (partnerhelp.netflixstudios.com/hc/en-us/articles/217350977) [V]"
)
SUBTITLE_EDIT = (
    "SubtitleEdit NetflixQualityController.cs / NetflixCheckShotChange.cs (github.com/SubtitleEdit/subtitleedit) [V]"
)
PIXELOGIC = "Pixelogic subtitle guidelines, bottom-heavy two-line subtitles (support.pixelogicmedia.com/hc/en-us/articles/115003224091) [S]"
VERTICAL = "craft.md §4.4 vertical 9:16 defaults, derived from Netflix and Limecraft (support.limecraft.com) [derived]"


@dataclass(frozen=True)
class Limits:
    """Every number the rules use for one language and profile."""

    language: str
    chinese: bool
    max_chars: int  # hard characters per line (error)
    target_chars: int  # characters per line the breaker aims for (warning above it)
    max_lines: int
    max_cps: float  # reading speed limit, characters per second (error)
    target_cps: float  # reading speed target (warning above it)
    min_duration_ms: int
    max_duration_ms: int
    fps: int

    @property
    def frame_ms(self) -> float:
        """One frame, in milliseconds."""
        return 1000 / self.fps

    @property
    def min_gap_ms(self) -> int:
        """Two frames, rounded up to whole milliseconds."""
        return -(-2000 // self.fps)

    @property
    def close_gap_ms(self) -> int:
        """Half a second in whole frames: gaps shorter than this are closed to the minimum gap."""
        return round(round(self.fps / 2) * 1000 / self.fps)


def limits_for(language: str, *, profile: Profile = "vertical", fps: int = 30) -> Limits:
    """The limits for ``language``: Netflix hard limits, plus the vertical targets when ``profile`` says so.

    >>> limits_for("zh-Hans").max_chars, limits_for("zh-Hans").target_chars, limits_for("en").max_chars
    (16, 14, 42)
    """
    if is_chinese(language):
        # Netflix zh-Hans: 16 characters, 9 cps adult (SubtitleEdit: zh 9); zh-HK (Pixelogic) also 9 cps.
        target = 14 if profile == "vertical" else 16
        return Limits(language, True, 16, target, 2, 9.0, 9.0, 833, 7000, fps)
    # Netflix en-US: 42 characters, 20 cps adult; vertical target 32 characters and 17 cps (craft §4.4).
    target = 32 if profile == "vertical" else 42
    return Limits(language, False, 42, target, 2, 20.0, 17.0, 833, 7000, fps)


@dataclass(frozen=True)
class Rule:
    """One rule: id, title, severity, how its threshold reads for given limits, source, fix."""

    id: str
    title: str
    severity: Severity
    source: str
    autofix: str = ""

    def info(self, limits: Limits) -> RuleInfo:
        """This rule as a row of the QC report, with the threshold for ``limits``."""
        return RuleInfo(
            id=self.id,
            title=self.title,
            severity=self.severity,
            threshold=threshold(self.id, limits),
            source=self.source,
            autofix=self.autofix,
        )


RULES: tuple[Rule, ...] = (
    Rule(
        "L-CHARS",
        "characters per line within the hard limit",
        "error",
        f"{NETFLIX_ZH}; {NETFLIX_EN}; {SUBTITLE_EDIT}",
        "re-break, else split the cue",
    ),
    Rule("L-CHARS-TARGET", "characters per line within the vertical 9:16 target", "warning", VERTICAL, "re-break"),
    Rule("L-LINES", "at most two lines", "error", NETFLIX_GENERAL, "split the cue"),
    Rule("L-ONE-LINE", "one line when the text fits on one", "warning", NETFLIX_GENERAL, "re-break"),
    Rule("L-BOTTOM-HEAVY", "top line not longer than the bottom line", "warning", PIXELOGIC, "re-break"),
    Rule("L-NAME", "no line break inside a name or protected phrase", "error", NETFLIX_GENERAL, "re-break"),
    Rule(
        "L-DASH",
        "two speakers: one per line, each opened by the language's dash",
        "error",
        f"{NETFLIX_EN} (SDH); {NETFLIX_ZH}",
        "re-break",
    ),
    Rule(
        "P-ELLIPSIS", "single-character ellipsis of the language", "warning", f"{NETFLIX_EN}; {NETFLIX_ZH}", "replace"
    ),
    Rule(
        "T-MIN-DUR",
        "cue lasts at least 5/6 s",
        "error",
        NETFLIX_TIMING,
        "extend into the gap, else merge with a neighbour",
    ),
    Rule("T-MAX-DUR", "cue lasts at most 7 s", "error", NETFLIX_TIMING, "split at punctuation, else shorten"),
    Rule(
        "T-GAP",
        "at least 2 frames between cues, no overlap",
        "error",
        NETFLIX_TIMING,
        "end the earlier cue 2 frames before the next",
    ),
    Rule(
        "T-CLOSE-GAP",
        "gaps under half a second closed to 2 frames",
        "warning",
        NETFLIX_TIMING,
        "extend the earlier cue",
    ),
    Rule(
        "T-CPS",
        "reading speed within the adult limit",
        "error",
        f"{NETFLIX_ZH}; {NETFLIX_EN}; {SUBTITLE_EDIT}",
        "extend into the gap, else merge",
    ),
    Rule("T-CPS-TARGET", "reading speed within the comfortable target", "warning", VERTICAL, "extend into the gap"),
    Rule(
        "T-SHOT",
        "in- and out-times clear of shot changes (half-second window)",
        "warning",
        SUBTITLE_EDIT,
        "snap to the shot change",
    ),
    Rule("E-EMPTY", "cue shows text", "error", NETFLIX_GENERAL, "drop the cue"),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}


def threshold(rule_id: str, limits: Limits) -> str:
    """Human-readable threshold of a rule for these limits."""
    unit = "characters" if not limits.chinese else "字"
    return {
        "L-CHARS": f"≤ {limits.max_chars} {unit}",
        "L-CHARS-TARGET": f"≤ {limits.target_chars} {unit}",
        "L-LINES": f"≤ {limits.max_lines} lines",
        "L-ONE-LINE": f"one line when ≤ {limits.target_chars} {unit}",
        "L-BOTTOM-HEAVY": "top ≤ bottom",
        "L-NAME": "names from cast and glossary",
        "L-DASH": "'–' prefix" if limits.chinese else "'-' prefix, no space",
        "P-ELLIPSIS": "'⋯'" if limits.chinese else "'…' (U+2026)",
        "T-MIN-DUR": f"≥ {limits.min_duration_ms} ms",
        "T-MAX-DUR": f"≤ {limits.max_duration_ms} ms",
        "T-GAP": f"≥ 2 frames ({limits.min_gap_ms} ms at {limits.fps} fps)",
        "T-CLOSE-GAP": f"gaps < {limits.close_gap_ms} ms closed",
        "T-CPS": f"≤ {limits.max_cps:g} {unit}/s",
        "T-CPS-TARGET": f"≤ {limits.target_cps:g} {unit}/s",
        "T-SHOT": f"window {round(limits.fps / 2)} frames",
        "E-EMPTY": "non-empty",
    }[rule_id]


def rule_table(limits: Limits) -> list[RuleInfo]:
    """Every rule with its threshold for ``limits``, in table order."""
    return [rule.info(limits) for rule in RULES]
