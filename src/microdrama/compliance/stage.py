"""The ``compliance`` stages: label every output of an episode (labelled copies under ``labelled/`` and
a ledger), then review the series and write ``compliance/report.json`` and ``report.html``.

The labelled copies are what a release ships: the originals stay as the earlier stages wrote them, so
editing and re-cutting work as before, and a label is never drawn twice.
"""

from __future__ import annotations

from fnmatch import fnmatch

from microdrama.compliance.c2pa_sign import Credentials
from microdrama.compliance.errors import ComplianceError
from microdrama.compliance.explicit import LabelStyle
from microdrama.compliance.labeller import LabelPlan, label_file
from microdrama.compliance.provenance import origin_of
from microdrama.model.base import Provenance
from microdrama.model.compliance import ComplianceReport, LabelLedger, LedgerEntry
from microdrama.model.script import EpisodeScript
from microdrama.project import Outputs, StageContext
from microdrama.settings import Settings

LABELLED = "labelled/"
#: per-episode outputs that get labelled copies (project-relative globs)
DELIVERABLES = (
    "script/ep{unit}.fountain",
    "subs/ep{unit}.*.vtt", "subs/ep{unit}.*.ass", "subs/ep{unit}.*.ttml",
    "board/ep{unit}/s[0-9][0-9][0-9].png", "board/ep{unit}/sheet.png",
    "voice/ep{unit}/[0-9][0-9][0-9]-[0-9][0-9][0-9].wav",
    "cut/ep{unit}.vertical.mp4", "cut/ep{unit}.horizontal.mp4",
)
#: outputs that cannot carry an implicit label, and why (listed in the report)
UNLABELLABLE = {
    "subs/ep{unit}.*.srt": "SRT has no metadata or comment syntax; ship the labelled video or the WebVTT",
}
SERIES_DELIVERABLES = ("script/series.fountain", "script/series.html")
SETTINGS = (
    "compliance.producer", "compliance.label_language", "compliance.label_text", "compliance.label_corner",
    "compliance.label_height", "compliance.label_seconds", "compliance.label_rule_based", "compliance.c2pa_cert",
    "compliance.c2pa_key", "compliance.c2pa_algorithm", "compliance.filing_number", "compliance.market",
)
REVIEW_SETTINGS = (
    "compliance.market", "compliance.investment", "compliance.tier_rules", "compliance.filing_number",
    "compliance.classic", "compliance.skip_rules", "compliance.label_rule_based", "compliance.producer",
    "compliance.label_language", "compliance.label_text",
)


def label_language(settings: Settings, script_language: str) -> str:
    """The labels' language: the setting, else the script's."""
    chosen = settings.compliance.label_language
    return script_language if chosen == "auto" else chosen


def label_plan(ctx: StageContext, language: str) -> LabelPlan:
    """The labelling plan from the settings (style checked against the standard's minimums)."""
    c = ctx.settings.compliance
    style = LabelStyle(c.label_corner, c.label_height, round(c.label_seconds * 1000)).checked()
    credentials = None
    if c.c2pa_cert or c.c2pa_key:
        if not (c.c2pa_cert and c.c2pa_key):
            raise ComplianceError("C2PA signing needs both compliance.c2pa_cert and compliance.c2pa_key")
        from pathlib import Path

        credentials = Credentials.from_files(Path(c.c2pa_cert).expanduser(), Path(c.c2pa_key).expanduser(), c.c2pa_algorithm)
    filing = c.filing_number if c.market == "cn" else ""
    return LabelPlan(language, c.producer, c.label_text, style, credentials, _speaker(ctx, language), filing)


def _speaker(ctx: StageContext, language: str):
    """Speaks the audio notice in the narrator's voice (once per text)."""
    spoken: dict[str, bytes] = {}

    def speak(text: str) -> bytes:
        if text not in spoken:
            from microdrama.engines.speech import speech_engine
            from microdrama.model.media import Voice, VoiceBible

            voice = Voice(id="narrator", name="narrator", engine_voice="")
            if "voice/bible.json" in ctx.inputs:
                voices = ctx.load(VoiceBible, "voice/bible.json").voices
                voice = next((v for v in voices if v.id == "narrator"), voices[0] if voices else voice)
            spoken[text] = speech_engine(ctx.settings.engines.speech).synthesize(text, voice, language)
        return spoken[text]

    return speak


def _matching(inputs: dict[str, str], patterns: tuple[str, ...] | list[str], unit: str) -> list[str]:
    globs = [p.replace("{unit}", unit) for p in patterns]
    return sorted(p for p in inputs if any(fnmatch(p, g) for g in globs))


def run_labels(ctx: StageContext) -> Outputs:
    """Labelled copies of one episode's outputs, and its ledger."""
    assert ctx.unit is not None
    script = ctx.load(EpisodeScript, f"script/ep{ctx.unit}.json")
    language = label_language(ctx.settings, script.language)
    plan = label_plan(ctx, language)
    outputs: Outputs = {}
    entries = []
    for path in _matching(ctx.inputs, DELIVERABLES, ctx.unit):
        made = origin_of(path, ctx.settings)
        done = label_file(made, ctx.path(path).read_bytes(), plan)
        labelled = None
        if done.origin != "none":
            labelled = LABELLED + path
            outputs[labelled] = done.data
        entries.append(LedgerEntry(path=path, labelled=labelled, **{k: v for k, v in done.record().items() if k != "path"}))
    for pattern, why in UNLABELLABLE.items():
        for path in _matching(ctx.inputs, (pattern,), ctx.unit):
            made = origin_of(path, ctx.settings)
            entries.append(LedgerEntry(path=path, stage=made.stage, origin=made.origin, reason=f"{made.reason}; not labelled: {why}"))
    ledger = LabelLedger(episode=int(ctx.unit), language=language, entries=entries,
                         provenance=Provenance(stage="compliance", parents=ctx.parents()))
    outputs[f"compliance/ep{ctx.unit}.labels.json"] = ledger.to_bytes()
    return outputs


def run_report(ctx: StageContext) -> Outputs:
    """The series review and report, and labelled copies of the series-wide script files."""
    from microdrama.compliance.report import build_report, render_html

    report, outputs = build_report(ctx)
    outputs["compliance/report.json"] = report.to_bytes()
    outputs["compliance/report.html"] = render_html(report).encode("utf-8")
    return outputs


__all__ = ["ComplianceReport", "run_labels", "run_report"]
