"""What of a text engine goes into a stage key: its public id, the prompt templates, output-shaping settings.

For ``offline`` the id alone (so offline keys never change); for a model engine also the hash of the
stage's prompt files and the parameters that shape replies (temperature, seed, token limit, JSON
mode, repair attempts). Credentials never appear: the id is the URL without them.
"""

from __future__ import annotations

import hashlib
import json

from microdrama.engines.text.prompts import prompts_sha256
from microdrama.engines.text.registry import public_id
from microdrama.settings import Settings


def engine_key(setting: str, value: str, settings: Settings, stage: str) -> str:
    """The string recorded for engine setting ``setting`` in ``stage``'s key."""
    if setting != "engines.text" or value == "offline":
        return value
    m = settings.model
    shaping = {
        "prompts": prompts_sha256(stage),
        "temperature": m.temperature,
        "seed": m.seed,
        "max_tokens": m.max_tokens,
        "json_mode": m.json_mode,
        "repair_retries": m.repair_retries,
    }
    digest = hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()[:16]
    return f"{public_id(value)}#{digest}"
