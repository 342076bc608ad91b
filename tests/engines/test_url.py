"""One set of URL rules for every engine: the same host gets the same transport for text, speech and images."""

from __future__ import annotations

import pytest

from microdrama.engines.openai_media import OpenAIMediaClient
from microdrama.engines.text.registry import parse_url
from microdrama.engines.url import parse_engine_url
from microdrama.engines.webapi import parse_engine_url as comfyui_endpoint
from microdrama.errors import SettingsError


@pytest.mark.parametrize(
    ("host", "scheme"),
    [
        ("127.0.0.1:8000", "http"),
        ("localhost:8000", "http"),
        ("192.168.1.20:8000", "http"),
        ("10.0.0.5:8000", "http"),
        ("gpu.local:8000", "http"),
        ("api.example.com", "https"),
        ("8.8.8.8:8000", "https"),
    ],
)
def test_text_speech_and_image_engines_agree_on_the_transport(host: str, scheme: str) -> None:
    text = parse_url(f"openai://{host}/v1?model=m").base_url
    speech = OpenAIMediaClient(f"openai-tts://{host}/v1?model=tts-1").address.base
    image = OpenAIMediaClient(f"openai-images://{host}/v1").address.base
    comfy = comfyui_endpoint(f"comfyui://{host}/v1").base
    assert {text, speech, image, comfy} == {f"{scheme}://{host}/v1"}


def test_forcing_the_transport() -> None:
    assert parse_engine_url("openai-tts://192.168.1.2/v1?tls=1").base == "https://192.168.1.2/v1"
    assert parse_engine_url("openai-tts://api.example.com/v1?tls=0").base == "http://api.example.com/v1"
    assert parse_url("openai+https://127.0.0.1:8000/v1?model=m").base_url == "https://127.0.0.1:8000/v1"


def test_credentials_and_missing_hosts_are_refused_for_every_engine() -> None:
    for url in ("openai-tts://sk-secret@api.example.com/v1", "comfyui://user:pw@gpu:8188"):
        with pytest.raises(SettingsError, match="credentials") as raised:
            parse_engine_url(url)
        assert "sk-secret" not in str(raised.value) and "pw" not in str(raised.value)
    with pytest.raises(SettingsError, match="names no host"):
        parse_engine_url("openai-images:///v1")
