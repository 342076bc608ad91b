"""The speech and image engines' client for OpenAI-compatible servers: the official ``openai`` SDK.

Imported only when an ``openai-tts://`` or ``openai-images://`` engine is configured (the SDK takes
about half a second to load). The API key comes from ``OPENAI_API_KEY``, or the variable named by
``?key_env=``; a server on the local network may need none. The SDK's retries are off: a failed
request is an :class:`~microdrama.errors.EngineRequestError` that names the URL and the server's words.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import openai

from microdrama.engines.url import EngineAddress, parse_engine_url
from microdrama.errors import EngineRequestError

T = TypeVar("T")
#: what the SDK needs as a key when the server wants none (the header is then ignored)
NO_KEY = "no-key"


class OpenAIMediaClient:
    """One engine URL's client: ``address`` for messages, ``sdk`` for the calls."""

    def __init__(self, url: str, *, timeout_seconds: float = 120.0) -> None:
        self.address: EngineAddress = parse_engine_url(url)
        key_env = self.address.options.get("key_env", "OPENAI_API_KEY")
        key = os.environ.get(key_env, "") if key_env else ""
        self.sdk = openai.OpenAI(
            base_url=self.address.base, api_key=key or NO_KEY, timeout=timeout_seconds, max_retries=0
        )

    def __repr__(self) -> str:
        return f"OpenAIMediaClient({self.address.public!r})"  # never the key

    def option(self, name: str, default: str) -> str:
        """A ``?name=value`` option of the engine URL."""
        return self.address.options.get(name, default)

    def call(self, path: str, request: Callable[[], T]) -> T:
        """Run one SDK ``request`` against ``path``, its failures as :class:`EngineRequestError`."""
        with self.errors(path):
            return request()

    @contextmanager
    def errors(self, path: str) -> Iterator[None]:
        """SDK failures inside the block become :class:`EngineRequestError` naming ``path``'s URL."""
        url = self.address.url(path)
        try:
            yield
        except openai.APIStatusError as exc:
            detail = exc.response.text[:300] if exc.response is not None else str(exc.message)
            raise EngineRequestError(f"{url}: HTTP {exc.status_code}: {detail}") from exc
        except openai.APIConnectionError as exc:
            raise EngineRequestError(f"{url}: cannot reach the server ({exc.__cause__ or exc})") from exc
        except (openai.APIResponseValidationError, ValueError) as exc:
            raise EngineRequestError(f"{url}: the answer is not what the API promises ({exc})") from exc
