"""Speech engines by URL scheme: unknown schemes name the known ones; openai-tts against a fake server."""

from __future__ import annotations

import pytest
from fake_media_server import fake_server

from microdrama.engines.speech import SPEECH_ENGINES, speech_engine
from microdrama.engines.speech.wav import pcm_to_wav, read_wav
from microdrama.errors import EngineRequestError, UnknownBackendError
from microdrama.model.media import Voice

VOICE = Voice(id="c001", name="Mara", gender="female", engine_voice="nova", rate_wpm=165)


def test_unknown_scheme_lists_the_known_ones() -> None:
    with pytest.raises(UnknownBackendError) as raised:
        speech_engine("elevenlabs://api")
    assert sorted(raised.value.known) == sorted(SPEECH_ENGINES) and "openai-tts" in str(raised.value)


def test_openai_tts_posts_the_line_and_returns_clean_wav(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    audio = pcm_to_wav(b"\x01\x00" * 24000, 24000)
    with fake_server({"/v1/audio/speech": lambda path, body: (200, "audio/wav", audio)}) as (host, seen):
        engine = speech_engine(f"openai-tts://{host}/v1?model=tts-mini")
        wav = engine.synthesize("I always come alone.", VOICE, "en")
    assert read_wav(wav)[1:] == (24000, 1) and len(read_wav(wav)[0]) == 48000
    (request,) = seen.requests
    assert request["json"] == {
        "model": "tts-mini",
        "input": "I always come alone.",
        "voice": "nova",
        "response_format": "wav",
        "speed": 1.0,
    }
    assert request["headers"]["authorization"] == "Bearer sk-test-secret"
    assert "sk-test" not in repr(engine.client) and "sk-test" not in repr(engine.client.address)


def test_server_errors_and_non_audio_are_clear() -> None:
    routes = {"/v1/audio/speech": lambda path, body: (429, "application/json", b'{"error": "rate limited"}')}
    with fake_server(routes) as (host, _):
        with pytest.raises(EngineRequestError, match="HTTP 429.*rate limited"):
            speech_engine(f"openai-tts://{host}/v1").synthesize("Hi.", VOICE, "en")
    with fake_server({"/v1/audio/speech": lambda path, body: (200, "audio/mpeg", b"ID3 mp3 bytes")}) as (host, _):
        with pytest.raises(EngineRequestError, match="not WAV"):
            speech_engine(f"openai-tts://{host}/v1").synthesize("Hi.", VOICE, "en")


def test_unreachable_server_names_the_url() -> None:
    with pytest.raises(EngineRequestError, match="cannot reach"):
        speech_engine("openai-tts://127.0.0.1:9/v1").synthesize("Hi.", VOICE, "en")
