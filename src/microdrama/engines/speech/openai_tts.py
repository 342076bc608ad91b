"""``openai-tts://HOST/v1?model=NAME``: an OpenAI-compatible ``/audio/speech`` endpoint (WAV answers)."""

from __future__ import annotations

from microdrama.engines.speech.wav import pcm_to_wav, read_wav
from microdrama.engines.webapi import EngineRequestError, parse_engine_url, request
from microdrama.model.media import Voice

FEMALE = ("nova", "shimmer", "coral", "sage")
MALE = ("onyx", "echo", "ash", "fable")
NARRATOR = "alloy"


class OpenAITTSEngine:
    """Speech from an OpenAI-compatible server; the API key comes from ``OPENAI_API_KEY``."""

    id = "openai-tts"

    def __init__(self, url: str) -> None:
        self.url = url
        self.endpoint = parse_engine_url(url, default_key_env="OPENAI_API_KEY")
        self.model = self.endpoint.options.get("model", "tts-1")

    def voice_name(self, gender: str, age: str, index: int, language: str) -> str:
        """One of the server's named voices, distinct per index within a gender."""
        if index < 0:
            return NARRATOR
        pool = FEMALE if gender == "female" else MALE if gender == "male" else FEMALE[::2] + MALE[1::2]
        return pool[index % len(pool)]

    def synthesize(self, text: str, voice: Voice, language: str) -> bytes:
        """WAV bytes from the server (re-wrapped with a clean header)."""
        speed = round(max(0.5, min(2.0, voice.rate_wpm / 165)), 2)
        body = request(self.endpoint, "audio/speech", {
            "model": self.model, "input": text, "voice": voice.engine_voice, "response_format": "wav", "speed": speed,
        })
        if body[:4] != b"RIFF":
            raise EngineRequestError(f"{self.endpoint.url('audio/speech')}: the answer is not WAV audio")
        pcm, rate, channels = read_wav(body, where="openai-tts answer")
        return pcm_to_wav(pcm, rate, channels)
