"""Text engines by URL scheme (``offline``, ``mock://NAME``, ``openai://HOST:PORT/v1?model=NAME``), imported lazily.

``openai://`` speaks plain HTTP to loopback and private addresses (Ollama, vLLM, llama.cpp on your
machine or network) and HTTPS elsewhere; ``openai+http://`` and ``openai+https://`` force one — the
rules every engine URL follows (:mod:`microdrama.engines.url`).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from microdrama.engines.text.cache import RawReply, ResponseCache
from microdrama.engines.text.chat import ChatEngine, EngineOptions, Messages, Transport
from microdrama.engines.text.errors import EngineUnavailableError
from microdrama.engines.text.ledger import Ledger, session
from microdrama.engines.text.limits import Backoff, RateLimiter, Sleep
from microdrama.engines.text.protocol import TextRequest, TextResult
from microdrama.engines.url import is_local, parse_engine_url
from microdrama.errors import SettingsError, UnknownBackendError
from microdrama.settings import ModelSettings

SCHEMES = ("offline", "mock", "openai", "openai+http", "openai+https")

#: in-process scripted responders for ``mock://NAME`` (tests, benchmarks)
MOCK_RESPONDERS: dict[str, Callable[[Messages, dict[str, object]], str]] = {}


class OfflineTextModel:
    """The embedded default: no model; refiners are not run, and ``complete`` refuses."""

    id = "offline"
    model: str | None = None

    def complete(self, request: TextRequest, check: object = None) -> TextResult:  # type: ignore[type-arg]
        """Always raises :class:`EngineUnavailableError`."""
        raise EngineUnavailableError("the offline engine answers no model requests")


@dataclass(frozen=True)
class EngineUrl:
    """A parsed engine URL; ``public`` is safe for provenance and logs (no credentials)."""

    scheme: str
    base_url: str
    model: str
    public: str


def parse_url(url: str) -> EngineUrl:
    """Split an engine URL (the rules of :mod:`microdrama.engines.url`); raise :class:`UnknownBackendError` for an unknown scheme.

    >>> parse_url("openai://192.168.1.20:11434/v1?model=qwen2.5:7b").base_url
    'http://192.168.1.20:11434/v1'
    """
    if url == "offline":
        return EngineUrl("offline", "", "", "offline")
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise UnknownBackendError(url.split("?")[0].split("@")[-1], list(SCHEMES))
    address = parse_engine_url(url, default_path="/v1", need_host=False)
    model = address.options.get("model", "")
    if scheme == "mock":
        name = address.netloc or "default"
        return EngineUrl("mock", "", model or name, f"mock://{name}")
    if not address.host:
        raise SettingsError(f"engine {url!r} names no host; expected e.g. {scheme}://localhost:11434/v1?model=NAME")
    if not model:
        raise SettingsError(f"engine {scheme}://{address.netloc}{address.path}: name the model, e.g. ?model=qwen2.5:7b")
    path = urlsplit(url).path
    return EngineUrl(scheme, address.base, model, f"{scheme}://{address.netloc}{path}?model={model}")


def public_id(url: str) -> str:
    """The engine id without credentials or extra query parameters (for keys, provenance, logs)."""
    return parse_url(url).public


def _mock_transport(name: str) -> Transport:
    def send(messages: Messages, params: dict[str, object]) -> RawReply:
        responder = MOCK_RESPONDERS.get(name)
        content = responder(messages, params) if responder else "{}"
        return RawReply(content=content, finish_reason="stop", prompt_tokens=0, completion_tokens=0)

    return send


_LIMITERS: dict[tuple[str, int, int], RateLimiter] = {}


def _limiter(engine_id: str, settings: ModelSettings, sleep: Sleep) -> RateLimiter:
    """One limiter per server and limits in this process, shared by every stage's engine."""
    if sleep is not time.sleep:
        return RateLimiter(settings.rpm, settings.tpm, sleep=sleep)
    key = (engine_id, settings.rpm, settings.tpm)
    if key not in _LIMITERS:
        _LIMITERS[key] = RateLimiter(settings.rpm, settings.tpm)
    return _LIMITERS[key]


def open_text_engine(
    url: str,
    *,
    project: Path,
    settings: ModelSettings,
    ledger: Ledger | None = None,
    dry_run: bool = False,
    sleep: Sleep = time.sleep,
    backoff: Backoff | None = None,
    transport: Transport | None = None,
    read_only_cache: bool = False,
) -> ChatEngine | OfflineTextModel:
    """The text engine named by ``url``, with cache in ``project`` and this run's ledger."""
    parsed = parse_url(url)
    if parsed.scheme == "offline":
        return OfflineTextModel()
    if transport is None:
        if parsed.scheme == "mock":
            transport = _mock_transport(parsed.public.removeprefix("mock://"))
        elif not dry_run:
            # imported here: the openai SDK takes about half a second to load, and only a model run needs it
            from microdrama.engines.text.openai_backend import OpenAITransport

            key = os.environ.get(settings.api_key_env, "")
            host = urlsplit(parsed.base_url).hostname or ""
            if not key and not is_local(host):
                raise SettingsError(
                    f"engine {parsed.public}: set the API key in the environment variable {settings.api_key_env} "
                    "(settings: model.api_key_env)"
                )
            transport = OpenAITransport(parsed.base_url, key or "no-key", settings.timeout_ms / 1000)
        else:
            transport = _mock_transport("")
    options = EngineOptions(
        settings=settings,
        cache=ResponseCache(project, read_only=read_only_cache),
        ledger=ledger if ledger is not None else session(project, max_cost=settings.max_cost),
        sleep=sleep,
        backoff=backoff or Backoff(),
        limiter=_limiter(parsed.public, settings, sleep),
        dry_run=dry_run,
    )
    return ChatEngine(parsed.public, parsed.model, transport, options)
