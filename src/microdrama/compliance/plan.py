"""The labelling plan from the settings: language, producer, text, style (checked against the
standard's minimums), C2PA credentials, the narrator's voice for the audio notice, the filing number.

Shared by the per-episode labels and the series report, so both label the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from microdrama.compliance.c2pa_sign import Credentials
from microdrama.compliance.errors import ComplianceError
from microdrama.compliance.explicit import LabelStyle
from microdrama.compliance.labeller import LabelPlan
from microdrama.engines.speech import speech_engine
from microdrama.model.media import Voice, VoiceBible
from microdrama.project import StageContext
from microdrama.settings import Settings

#: where the labelled copies go (``labelled/<path>``): what a release ships
LABELLED = "labelled/"


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
        credentials = Credentials.from_files(
            Path(c.c2pa_cert).expanduser(), Path(c.c2pa_key).expanduser(), c.c2pa_algorithm
        )
    filing = c.filing_number if c.market == "cn" else ""
    return LabelPlan(language, c.producer, c.label_text, style, credentials, speaker(ctx, language), filing)


def speaker(ctx: StageContext, language: str) -> Callable[[str], bytes]:
    """Speaks the audio notice in the narrator's voice (once per text)."""
    spoken: dict[str, bytes] = {}

    def speak(text: str) -> bytes:
        if text not in spoken:
            voice = Voice(id="narrator", name="narrator", engine_voice="")
            if "voice/bible.json" in ctx.inputs:
                voices = ctx.load(VoiceBible, "voice/bible.json").voices
                voice = next((v for v in voices if v.id == "narrator"), voices[0] if voices else voice)
            spoken[text] = speech_engine(ctx.settings.engines.speech).synthesize(text, voice, language)
        return spoken[text]

    return speak
