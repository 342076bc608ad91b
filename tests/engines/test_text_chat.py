"""The OpenAI-compatible text engine against a fake server on 127.0.0.1: retries, repair, cache, limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_openai import FakeServer, fake_server  # noqa: F401
from pydantic import BaseModel

from microdrama.engines.text import (
    BudgetExceededError,
    Ledger,
    StructuredOutputError,
    TextEngineError,
    TextRequest,
    open_text_engine,
)
from microdrama.engines.text.limits import Backoff
from microdrama.settings import ModelPrice, ModelSettings


class Answer(BaseModel):
    speaker: str
    confidence: float


def _engine(server: FakeServer, project: Path, sleeps: list[float] | None = None, **overrides: object):
    settings = ModelSettings(timeout_ms=300, max_retries=3, repair_retries=2, **overrides)  # type: ignore[arg-type]
    record = sleeps if sleeps is not None else []
    return open_text_engine(
        server.url(),
        project=project,
        settings=settings,
        ledger=Ledger(max_cost=settings.max_cost),
        sleep=record.append,
        backoff=Backoff(base=0.01, cap=0.05),
    )


def _request(unit: str = "u1") -> TextRequest[Answer]:
    return TextRequest(stage="analyze", unit=unit, system="sys", user=f"who speaks in {unit}?", schema=Answer)


def test_valid_reply_is_parsed_and_uses_json_schema(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.push({"json": {"speaker": "c001", "confidence": 0.9}})
    result = _engine(fake_server, tmp_path).complete(_request())
    assert result.value == Answer(speaker="c001", confidence=0.9)
    body = fake_server.requests[0]
    assert body["model"] == "fake-model"
    assert body["response_format"]["type"] == "json_schema"
    assert result.usage.requests == 1 and result.usage.prompt_tokens == 100


def test_retries_429_with_retry_after_and_500(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.push(
        {"status": 429, "headers": {"Retry-After": "0.07"}},
        {"status": 500},
        {"status": 503},
        {"json": {"speaker": "c002", "confidence": 0.5}},
    )
    sleeps: list[float] = []
    result = _engine(fake_server, tmp_path, sleeps).complete(_request())
    assert result.value.speaker == "c002"
    assert len(fake_server.requests) == 4
    assert sleeps[0] == pytest.approx(0.07)  # Retry-After honoured
    assert all(0 < s <= 0.05 for s in sleeps[1:])  # backoff with jitter, capped
    assert result.usage.retries == 3


def test_gives_up_after_max_retries(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.push(*[{"status": 500}] * 10)
    with pytest.raises(TextEngineError, match="gave up after 4"):
        _engine(fake_server, tmp_path).complete(_request())
    assert len(fake_server.requests) == 4


def test_timeout_is_retried(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.push(
        {"slow": 0.6, "json": {"speaker": "x", "confidence": 0.1}}, {"json": {"speaker": "c003", "confidence": 0.4}}
    )
    result = _engine(fake_server, tmp_path).complete(_request())
    assert result.value.speaker == "c003"
    assert result.usage.retries == 1


def test_garbage_body_is_retried(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.push({"garbage": True}, {"json": {"speaker": "c003", "confidence": 0.4}})
    assert _engine(fake_server, tmp_path).complete(_request()).value.speaker == "c003"


def test_malformed_then_schema_invalid_then_repaired(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.push(
        {"content": "Sure! {speaker: c001"},
        {"json": {"speaker": "c001"}},
        {"content": '```json\n{"speaker": "c001", "confidence": 0.8}\n```'},
    )
    result = _engine(fake_server, tmp_path).complete(_request())
    assert result.value.confidence == 0.8
    assert result.usage.repairs == 2
    # the repair request shows the model its validation error
    last = fake_server.requests[-1]["messages"][-1]["content"]
    assert "confidence" in last and "Field required" in last


def test_truncated_reply_counts_as_invalid_and_fails_after_bounded_repairs(
    fake_server: FakeServer, tmp_path: Path
) -> None:
    fake_server.push(*[{"content": '{"speaker": "c0', "finish_reason": "length"}] * 5)
    with pytest.raises(StructuredOutputError, match="cut off"):
        _engine(fake_server, tmp_path).complete(_request())
    assert len(fake_server.requests) == 3  # 1 + repair_retries


def test_semantic_check_triggers_repair(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.push({"json": {"speaker": "c999", "confidence": 0.9}}, {"json": {"speaker": "c001", "confidence": 0.9}})

    def check(answer: Answer) -> None:
        if answer.speaker not in ("c001", "unknown"):
            raise ValueError(f"speaker {answer.speaker!r} is not in the cast")

    result = _engine(fake_server, tmp_path).complete(_request(), check=check)
    assert result.value.speaker == "c001"
    assert "c999" in fake_server.requests[-1]["messages"][-1]["content"]


def test_response_format_refused_downgrades_to_json_mode(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.push(
        {"status": 400, "message": "response_format json_schema is not supported"},
        {"status": 400, "message": "response_format json_object is not supported"},
        {"json": {"speaker": "c001", "confidence": 0.3}},
    )
    result = _engine(fake_server, tmp_path).complete(_request())
    assert result.value.speaker == "c001"
    assert [r.get("response_format", {}).get("type") for r in fake_server.requests] == [
        "json_schema",
        "json_object",
        None,
    ]


def test_llama_cpp_style_500_refusal_also_downgrades(fake_server: FakeServer, tmp_path: Path) -> None:
    """llama-cpp-python answers an unsupported response_format with HTTP 500 (seen with SmolLM2)."""
    fake_server.push(
        {"status": 500, "message": "'response_format', 'type'): Input should be 'text' or 'json_object'"},
        {"json": {"speaker": "c001", "confidence": 0.3}},
    )
    sleeps: list[float] = []
    result = _engine(fake_server, tmp_path, sleeps).complete(_request())
    assert result.value.speaker == "c001" and sleeps == []
    assert [r.get("response_format", {}).get("type") for r in fake_server.requests] == ["json_schema", "json_object"]


def test_cache_second_call_sends_nothing(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.push({"json": {"speaker": "c001", "confidence": 0.9}})
    first = _engine(fake_server, tmp_path).complete(_request())
    second = _engine(fake_server, tmp_path).complete(_request())
    assert second.value == first.value
    assert len(fake_server.requests) == 1
    assert second.usage.cached == 1 and second.usage.requests == 0


def test_cost_accounting_and_budget(fake_server: FakeServer, tmp_path: Path) -> None:
    fake_server.responder = lambda body: {"json": {"speaker": "c001", "confidence": 0.9}}
    prices = {"fake-model": ModelPrice(input=1000.0, output=2000.0)}  # per million tokens
    engine = _engine(fake_server, tmp_path, prices=prices, max_cost=0.25)
    engine.complete(_request("a"))  # 100 prompt + 20 completion tokens = 0.1 + 0.04
    engine.complete(_request("b"))
    assert engine.options.ledger.cost == pytest.approx(0.28)
    with pytest.raises(BudgetExceededError, match="max-cost"):
        engine.complete(_request("c"))
    assert len(fake_server.requests) == 2
    assert engine.options.ledger.total("analyze").requests == 2


def test_api_key_sent_but_never_written(
    fake_server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "sk-test-SECRET-0123456789"
    monkeypatch.setenv("MY_KEY", secret)
    fake_server.push({"json": {"speaker": "c001", "confidence": 0.9}})
    engine = _engine(fake_server, tmp_path, api_key_env="MY_KEY")
    engine.complete(_request())
    engine.options.ledger.save(tmp_path)
    assert fake_server.headers[0]["authorization"] == f"Bearer {secret}"
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_rate_limiter_waits_for_rpm() -> None:
    from microdrama.engines.text.limits import RateLimiter

    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(rpm=2, tpm=0, clock=lambda: now[0], sleep=sleep)
    limiter.acquire(10)
    limiter.acquire(10)
    limiter.acquire(10)
    assert waits == [60.0]
    tpm = RateLimiter(rpm=0, tpm=100, clock=lambda: now[0], sleep=sleep)
    tpm.acquire(80)
    tpm.acquire(80)
    assert waits[-1] == 60.0
