"""Speech engines, chosen by URL scheme (setting ``engines.speech``) and imported on first use.

``espeak`` runs espeak-ng offline (English and Mandarin); ``openai-tts://HOST/v1?model=NAME`` calls an
OpenAI-compatible ``/audio/speech`` endpoint. Every engine casts voice names and turns one line of
text into WAV bytes.
"""

from __future__ import annotations

from typing import Protocol

from microdrama.engines.lazy import open_engine, scheme_of
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


def speech_engine(url: str) -> SpeechEngine:
    """The engine for ``url``.

    Raises:
        UnknownBackendError: no engine is registered for the URL's scheme.
    """
    return open_engine(url, SPEECH_ENGINES)  # type: ignore[no-any-return]


__all__ = ["SPEECH_ENGINES", "SpeechEngine", "scheme_of", "speech_engine"]
