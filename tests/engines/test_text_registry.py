"""Engine URLs: known schemes, lazy import of the SDK, no credentials, and what goes into stage keys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from microdrama.engines.text import open_text_engine, parse_url
from microdrama.engines.text.errors import EngineUnavailableError
from microdrama.engines.text.fingerprint import engine_key
from microdrama.engines.text.prompts import STAGE_PROMPTS, load_prompt, prompts_sha256
from microdrama.errors import SettingsError, UnknownBackendError
from microdrama.settings import ModelSettings, Settings


def test_unknown_scheme_names_the_known_ones() -> None:
    with pytest.raises(UnknownBackendError, match="known schemes: mock, offline, openai"):
        parse_url("anthropic://x/v1?model=y")


def test_http_for_local_servers_https_elsewhere() -> None:
    assert parse_url("openai://localhost:11434/v1?model=qwen2.5").base_url == "http://localhost:11434/v1"
    assert parse_url("openai://192.168.1.20:8000/v1?model=q").base_url == "http://192.168.1.20:8000/v1"
    assert parse_url("openai://api.deepseek.com/v1?model=deepseek-chat").base_url == "https://api.deepseek.com/v1"
    assert parse_url("openai+http://gpu-box:8000/v1?model=q").base_url == "http://gpu-box:8000/v1"


def test_model_is_required_and_credentials_are_refused() -> None:
    with pytest.raises(SettingsError, match="name the model"):
        parse_url("openai://localhost:8080/v1")
    with pytest.raises(SettingsError, match="api_key_env"):
        parse_url("openai://sk-secret@api.example.com/v1?model=m")


def test_hosted_engine_without_key_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_SUCH_KEY_VAR", raising=False)
    with pytest.raises(SettingsError, match="NO_SUCH_KEY_VAR"):
        open_text_engine(
            "openai://api.example.com/v1?model=m",
            project=tmp_path,
            settings=ModelSettings(api_key_env="NO_SUCH_KEY_VAR"),
        )


def test_offline_engine_refuses_requests(tmp_path: Path) -> None:
    engine = open_text_engine("offline", project=tmp_path, settings=ModelSettings())
    with pytest.raises(EngineUnavailableError):
        engine.complete(None)  # type: ignore[arg-type]


def test_importing_the_package_does_not_import_the_sdk() -> None:
    code = "import sys, microdrama.engines.text, microdrama.engines.text.refinement, microdrama.write.stage; print('openai' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_offline_keys_are_unchanged_and_model_keys_follow_prompts(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    assert engine_key("engines.text", "offline", settings, "write") == "offline"
    url = "openai://localhost:8080/v1?model=m"
    before = engine_key("engines.text", url, settings, "write")
    assert before.startswith(url + "#")
    assert engine_key("engines.text", url, settings.with_values({"model.temperature": 0.9}), "write") != before
    monkeypatch.setattr("microdrama.engines.text.fingerprint.prompts_sha256", lambda stage: "edited")
    assert engine_key("engines.text", url, settings, "write") != before


def test_every_stage_prompt_exists_and_has_both_sections() -> None:
    for names in STAGE_PROMPTS.values():
        for name in names:
            prompt = load_prompt(name)
            assert prompt.system and prompt.user and len(prompt.sha256) == 64
            assert "$data_rule" in (prompt.system + prompt.user) or "data_rule" in prompt.system
    assert prompts_sha256("adapt") != prompts_sha256("write")
    assert prompts_sha256("parse") == ""
