"""Structured requests over any chat-completions transport: cache, budget, limits, retries, repair.

The transport only sends one request; everything that makes a paid engine safe lives here, once:

* the reply cache is consulted first (a re-run costs nothing, a killed run resumes);
* the ``--max-cost`` budget is checked before any request is sent;
* requests/tokens per minute and concurrency are bounded;
* timeouts, 429 (``Retry-After`` honoured) and 5xx are retried with backoff and jitter;
* a reply that is not valid JSON for the requested pydantic model is re-asked with the validation
  error, a bounded number of times; then :class:`StructuredOutputError` tells the caller to keep
  its offline result.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from microdrama.engines.text.cache import RawReply, ResponseCache, request_key
from microdrama.engines.text.errors import EngineUnavailableError, StructuredOutputError, TextEngineError
from microdrama.engines.text.ledger import Ledger, price_of
from microdrama.engines.text.limits import Backoff, RateLimiter, Sleep, estimate_tokens
from microdrama.engines.text.protocol import TextRequest, TextResult, Usage
from microdrama.settings import ModelSettings

T = TypeVar("T", bound=BaseModel)
Messages = list[dict[str, str]]

MODES = ("schema", "json", "none")
REPAIR = (
    "Your previous reply could not be used: {error}\n"
    "Reply again with only a JSON object that matches the schema. Do not add commentary."
)


class RetryableError(Exception):
    """A transport failure worth retrying (timeout, connection, 429, 5xx)."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UnsupportedModeError(Exception):
    """The server refused the ``response_format`` asked for (400 naming it)."""


class FatalTransportError(Exception):
    """A failure retrying will not fix (401, 404, bad request)."""


class Transport(Protocol):
    """Sends one chat request and returns the reply (raises the three errors above)."""

    def __call__(self, messages: Messages, params: dict[str, Any]) -> RawReply:
        """Send ``messages`` with ``params`` (model, temperature, max_tokens, response_format, seed)."""
        ...


class ReplyProblem(ValueError):
    """The reply is not usable; the message is shown to the model when repairing."""


def parse_reply(reply: RawReply, schema: type[T], check: Callable[[T], None] | None = None) -> T:
    """The reply's JSON validated as ``schema`` (code fences and chatter around the object tolerated)."""
    if reply.finish_reason == "length":
        raise ReplyProblem("the reply was cut off (too long); answer more briefly")
    text = reply.content.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1).strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        start, end = text.find("{"), text.rfind("}")
        if start < 0 or end <= start:
            raise ReplyProblem("the reply is not JSON") from None
        try:
            data = json.loads(text[start : end + 1])
        except json.JSONDecodeError as exc:
            raise ReplyProblem(f"the reply is not valid JSON ({exc.msg} at position {exc.pos})") from None
    try:
        value = schema.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}" for err in exc.errors()[:8]
        )
        raise ReplyProblem(f"the JSON does not match the schema: {problems}") from None
    if check is not None:
        try:
            check(value)
        except ValueError as exc:
            raise ReplyProblem(str(exc)) from None
    return value


@dataclass
class EngineOptions:
    """What the chat engine needs besides the transport (tests inject sleep and backoff)."""

    settings: ModelSettings
    cache: ResponseCache | None
    ledger: Ledger
    sleep: Sleep
    backoff: Backoff
    limiter: RateLimiter
    dry_run: bool = False


class ChatEngine:
    """A :class:`~microdrama.engines.text.protocol.TextModel` over a chat-completions transport."""

    def __init__(self, engine_id: str, model: str, transport: Transport, options: EngineOptions) -> None:
        self.id = engine_id
        self.model: str | None = model
        self.transport = transport
        self.options = options
        wanted = options.settings.json_mode
        self._mode = "schema" if wanted == "auto" else wanted
        self._auto = wanted == "auto"
        self._slots = threading.BoundedSemaphore(options.settings.concurrency)
        self._mode_lock = threading.Lock()

    # -- public --------------------------------------------------------------------------------

    def complete(self, request: TextRequest[T], check: Callable[[T], None] | None = None) -> TextResult[T]:
        """See :class:`~microdrama.engines.text.protocol.TextModel`; ``check`` adds semantic validation."""
        schema_json = json.dumps(request.schema.model_json_schema(), sort_keys=True, ensure_ascii=False)
        system = f"{request.system}\n\nReply with one JSON object matching this JSON Schema:\n{schema_json}"
        messages: Messages = [{"role": "system", "content": system}, {"role": "user", "content": request.user}]
        usage = Usage()
        try:
            problem = ""
            for round_ in range(self.options.settings.repair_retries + 1):
                reply = self._call(request, messages, usage)
                try:
                    value = parse_reply(reply, request.schema, check)
                except ReplyProblem as exc:
                    problem = str(exc)
                    if round_ < self.options.settings.repair_retries:
                        usage.repairs += 1
                        messages = [
                            *messages,
                            {"role": "assistant", "content": reply.content[:8000]},
                            {"role": "user", "content": REPAIR.format(error=problem)},
                        ]
                    continue
                return TextResult(value=value, usage=usage)
            raise StructuredOutputError(
                f"{request.stage}/{request.unit}: no valid reply after "
                f"{self.options.settings.repair_retries + 1} attempt(s): {problem}"
            )
        finally:
            self.options.ledger.record(request.stage, request.unit, usage)

    # -- one request: cache, budget, limits, retries --------------------------------------------

    def _params(self, request: TextRequest[Any]) -> dict[str, Any]:
        s = self.options.settings
        params: dict[str, Any] = {
            "temperature": s.temperature,
            "max_tokens": min(request.max_tokens, s.max_tokens),
        }
        if self._mode == "schema":
            params["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": request.schema.__name__, "schema": request.schema.model_json_schema()},
            }
        elif self._mode == "json":
            params["response_format"] = {"type": "json_object"}
        return params

    def _call(self, request: TextRequest[Any], messages: Messages, usage: Usage) -> RawReply:
        opts = self.options
        while True:
            params = self._params(request)
            key = request_key(self.model or "", messages, params, opts.settings.seed)
            cached = opts.cache.get(key) if opts.cache is not None else None
            if cached is not None:
                usage.cached += 1
                return cached
            prompt_tokens = sum(estimate_tokens(m["content"]) for m in messages)
            opts.ledger.check_budget()
            if opts.dry_run:
                usage.requests += 1
                usage.prompt_tokens += prompt_tokens
                expected = max(request.max_tokens // 4, 16)
                usage.completion_tokens += expected
                usage.cost += price_of(opts.settings.prices, self.model, prompt_tokens, expected)
                raise EngineUnavailableError("estimate only: no request sent")
            try:
                reply = self._send(messages, params, prompt_tokens + params["max_tokens"], usage)
            except UnsupportedModeError as exc:
                if not self._downgrade(params):
                    raise TextEngineError(f"the server refused the request: {exc}") from None
                continue
            usage.prompt_tokens += reply.prompt_tokens or prompt_tokens
            usage.completion_tokens += reply.completion_tokens or estimate_tokens(reply.content)
            usage.cost += price_of(
                opts.settings.prices,
                self.model,
                reply.prompt_tokens or prompt_tokens,
                reply.completion_tokens or estimate_tokens(reply.content),
            )
            if opts.cache is not None:
                opts.cache.put(key, reply)
            return reply

    def _downgrade(self, params: dict[str, Any]) -> bool:
        """After a refusal of ``response_format``, try the next weaker mode (auto only)."""
        with self._mode_lock:
            if not self._auto:
                return False
            refused = params.get("response_format", {}).get("type")
            current = {"json_schema": "schema", "json_object": "json"}.get(refused or "", "none")
            if current != self._mode:
                return True  # another thread downgraded already
            index = MODES.index(self._mode)
            if index + 1 >= len(MODES):
                return False
            self._mode = MODES[index + 1]
            return True

    def _send(self, messages: Messages, params: dict[str, Any], tokens: int, usage: Usage) -> RawReply:
        opts = self.options
        retries = opts.settings.max_retries
        for attempt in range(retries + 1):
            opts.limiter.acquire(tokens)
            with self._slots:
                try:
                    usage.requests += 1
                    return self.transport(messages, {**params, "model": self.model, "seed": opts.settings.seed})
                except RetryableError as exc:
                    if attempt >= retries:
                        raise TextEngineError(f"gave up after {retries + 1} attempt(s): {exc}") from None
                    usage.retries += 1
                    delay = opts.backoff.delay(attempt, exc.retry_after)
                except FatalTransportError as exc:
                    raise TextEngineError(str(exc)) from None
            opts.sleep(delay)
        raise AssertionError("unreachable")
