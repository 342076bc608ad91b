"""Transport for any OpenAI-compatible chat-completions server, through the official ``openai`` SDK.

Imported lazily (only when an ``openai://`` engine is configured). The SDK's own retries are off:
:mod:`microdrama.engines.text.chat` retries with its own budget, limits and backoff.
"""

from __future__ import annotations

from typing import Any

import openai

from microdrama.engines.text.cache import RawReply
from microdrama.engines.text.chat import FatalTransportError, Messages, RetryableError, UnsupportedModeError
from microdrama.engines.text.limits import parse_retry_after

#: words of a 400 reply that refuse the structured-output mode rather than the request
_FORMAT_WORDS = ("response_format", "json_schema", "json_object", "schema", "json", "grammar", "guided")


class OpenAITransport:
    """Sends one chat-completions request; maps SDK errors to retryable / unsupported / fatal."""

    def __init__(self, base_url: str, api_key: str, timeout_seconds: float) -> None:
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key, timeout=timeout_seconds, max_retries=0)

    def __call__(self, messages: Messages, params: dict[str, Any]) -> RawReply:
        """See :class:`~microdrama.engines.text.chat.Transport`."""
        args = dict(params)
        try:
            response = self._client.chat.completions.create(messages=messages, **args)  # type: ignore[call-overload]
        except openai.APITimeoutError as exc:
            raise RetryableError("timed out") from exc
        except openai.APIConnectionError as exc:
            raise RetryableError(f"connection failed ({type(exc).__name__})") from exc
        except openai.APIStatusError as exc:
            status = exc.status_code
            body = str(getattr(exc, "message", "") or "")
            lowered = body.lower()
            if (
                "response_format" in params
                and status in (400, 422, 500)
                and any(w in lowered for w in _FORMAT_WORDS[:3])
            ):
                # a refusal of the structured-output mode (llama-cpp-python answers it with a 500)
                raise UnsupportedModeError(f"HTTP {status}: {body[:200]}") from exc
            if status == 429 or status >= 500 or status == 408:
                retry_after = parse_retry_after(exc.response.headers.get("retry-after"))
                raise RetryableError(f"HTTP {status}", retry_after) from exc
            if status in (400, 422) and "response_format" in params and any(w in lowered for w in _FORMAT_WORDS):
                # servers word this refusal differently (response_format, json_schema, "schema not supported"…)
                raise UnsupportedModeError(f"HTTP {status}: {body[:200]}") from exc
            raise FatalTransportError(f"HTTP {status}: {body[:200]}") from exc
        except (openai.APIResponseValidationError, ValueError) as exc:
            raise RetryableError("malformed response body") from exc
        if not response.choices:
            raise RetryableError("reply without choices")
        choice = response.choices[0]
        usage = response.usage
        return RawReply(
            content=choice.message.content or "",
            finish_reason=choice.finish_reason,
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
        )
