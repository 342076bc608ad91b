"""The provenance ledger: which stage and engine made each output, so a label says the truth.

Origins: ``generated`` — a model made it (an LLM, an image model, neural TTS); ``assisted`` — a model
changed something made by rules; ``synthesised`` — rules and signal processing made it (the offline
writer, drawn panels, espeak-ng formant speech); ``none`` — not labelled (rule-made outputs when
``compliance.label_rule_based`` is off).
"""

from __future__ import annotations

from dataclasses import dataclass

from microdrama.engines.lazy import scheme_of
from microdrama.settings import Settings

#: engine schemes that do not run a learned model
RULE_ENGINES = {"offline", "panel", "espeak"}
_RANK = {"none": 0, "synthesised": 1, "assisted": 2, "generated": 3}


def engine_origin(engine_id: str) -> str:
    """``generated`` for a model engine, ``synthesised`` for rules."""
    return "synthesised" if scheme_of(engine_id) in RULE_ENGINES else "generated"


def combine(*origins: str) -> str:
    """The origin of something made from parts: the strongest part wins."""
    return max(origins, key=lambda o: _RANK[o]) if origins else "none"


@dataclass(frozen=True)
class Made:
    """One output's entry in the ledger."""

    path: str
    stage: str
    engines: dict[str, str]
    origin: str
    reason: str


def origin_of(path: str, settings: Settings) -> Made:
    """Who made the file at the project path ``path``, and its origin under the settings."""
    text, image, speech = settings.engines.text, settings.engines.image, settings.engines.speech
    if path.startswith("cut/"):
        stage, engines = "cut", {"engines.image": image, "engines.speech": speech}
    elif path.startswith("board/"):
        stage, engines = "board", {"engines.image": image}
    elif path.startswith("voice/"):
        stage, engines = "voice", {"engines.speech": speech}
    elif path.startswith("subs/"):
        stage, engines = "subtitle", {"engines.text": text}
    elif path.startswith("shoot/"):
        stage, engines = "shoot", {"engines.text": text}
    else:
        stage, engines = "write" if "/ep" in path else "export", {"engines.text": text}
    origin = combine(*(engine_origin(e) for e in engines.values()))
    if origin == "generated" and stage in ("write", "export", "subtitle", "shoot"):
        origin = "assisted"  # a model refines lines the offline writer took from the book
        reason = f"{stage}: lines from the book, refined by the model {text}"
    elif origin == "generated":
        reason = f"{stage}: made by model engine(s) " + ", ".join(
            v for v in engines.values() if engine_origin(v) == "generated"
        )
    else:
        reason = f"{stage}: made by rules (" + ", ".join(f"{k}={v}" for k, v in engines.items()) + ")"
    if origin == "synthesised" and not settings.compliance.label_rule_based:
        origin, reason = "none", reason + "; compliance.label_rule_based is off"
    return Made(path, stage, engines, origin, reason)
