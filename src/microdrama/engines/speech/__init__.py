"""Speech engines, chosen by URL scheme (setting ``engines.speech``) and imported on first use.

``espeak`` runs espeak-ng offline (English and Mandarin); ``openai-tts://HOST/v1?model=NAME`` calls an
OpenAI-compatible ``/audio/speech`` endpoint. Every engine casts voice names and turns one line of
text into WAV bytes.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from microdrama.errors import UnknownBackendError
from microdrama.model.media import Voice

#: scheme -> "module:class"
SPEECH_ENGINES: dict[str, str] = {
    "espeak": "microdrama.engines.speech.espeak:EspeakEngine",
    "openai-tts": "microdrama.engines.speech.openai_tts:OpenAITTSEngine",
}


class SpeechEngine(Protocol):
    """Speaks lines in cast voices."""

    id: str

    def voice_name(self, gender: str, age: str, index: int, language: str) -> str:
        """The engine's voice for the ``index``-th character of that gender and age (distinct per index)."""
        ...

    def synthesize(self, text: str, voice: Voice, language: str) -> bytes:
        """WAV bytes (16-bit PCM) of ``text`` spoken by ``voice``."""
        ...


def scheme_of(url: str) -> str:
    """``openai-tts`` for ``openai-tts://host/v1``; the whole id when it has no ``://``."""
    return url.split("://", 1)[0].lower() if "://" in url else url.strip().lower()


def speech_engine(url: str) -> SpeechEngine:
    """The engine for ``url``.

    Raises:
        UnknownBackendError: no engine is registered for the URL's scheme.
    """
    target = SPEECH_ENGINES.get(scheme_of(url))
    if target is None:
        raise UnknownBackendError(url, list(SPEECH_ENGINES))
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(url)  # type: ignore[no-any-return]


__all__ = ["SPEECH_ENGINES", "SpeechEngine", "scheme_of", "speech_engine"]
