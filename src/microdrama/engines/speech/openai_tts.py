"""``openai-tts://HOST/v1?model=NAME``: an OpenAI-compatible ``/audio/speech`` endpoint (WAV answers), through the openai SDK."""

from __future__ import annotations

from microdrama.engines.openai_media import OpenAIMediaClient
from microdrama.engines.speech.wav import pcm_to_wav, read_wav
from microdrama.errors import EngineRequestError
from microdrama.model.media import Voice

FEMALE = ("nova", "shimmer", "coral", "sage")
MALE = ("onyx", "echo", "ash", "fable")
NARRATOR = "alloy"
PATH = "audio/speech"


class OpenAITTSEngine:
    """Speech from an OpenAI-compatible server; the API key comes from ``OPENAI_API_KEY`` (or ``?key_env=``)."""

    id = "openai-tts"

    def __init__(self, url: str) -> None:
        self.url = url
        self.client = OpenAIMediaClient(url)
        self.model = self.client.option("model", "tts-1")

    def voice_name(self, gender: str, age: str, index: int, language: str) -> str:
        """One of the server's named voices, distinct per index within a gender."""
        if index < 0:
            return NARRATOR
        pool = FEMALE if gender == "female" else MALE if gender == "male" else FEMALE[::2] + MALE[1::2]
        return pool[index % len(pool)]

    def synthesize(self, text: str, voice: Voice, language: str) -> bytes:
        """WAV bytes from the server (re-wrapped with a clean header)."""
        speed = round(max(0.5, min(2.0, voice.rate_wpm / 165)), 2)
        answer = self.client.call(
            PATH,
            lambda: self.client.sdk.audio.speech.create(
                model=self.model,
                input=text,
                voice=voice.engine_voice,
                response_format="wav",
                speed=speed,
            ),
        )
        body = answer.content
        if body[:4] != b"RIFF":
            raise EngineRequestError(f"{self.client.address.url(PATH)}: the answer is not WAV audio")
        pcm, rate, channels = read_wav(body, where="openai-tts answer")
        return pcm_to_wav(pcm, rate, channels)
